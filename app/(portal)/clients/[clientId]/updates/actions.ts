"use server";
// The updates pages' forms, each a command (lib/updates/commands.ts) served as a server action.
import { serveAction } from "@/lib/commands/action";
import { commentOnUpdate, draftUpdate, publishUpdate, saveDraft } from "@/lib/updates/commands";

export const draftUpdateAction = serveAction(draftUpdate);
export const saveDraftAction = serveAction(saveDraft);
export const publishUpdateAction = serveAction(publishUpdate);
export const commentOnUpdateAction = serveAction(commentOnUpdate);
