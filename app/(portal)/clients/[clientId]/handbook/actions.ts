"use server";
// The handbook's forms, each a command (lib/handbook/commands.ts) served as a server action.
import { serveAction } from "@/lib/commands/action";
import { attachFile, createPage, draftPage, removeFile, restoreVersion, savePage } from "@/lib/handbook/commands";

export const createPageAction = serveAction(createPage);
export const savePageAction = serveAction(savePage);
export const restoreVersionAction = serveAction(restoreVersion);
export const draftPageAction = serveAction(draftPage);
export const attachFileAction = serveAction(attachFile);
export const removeFileAction = serveAction(removeFile);
