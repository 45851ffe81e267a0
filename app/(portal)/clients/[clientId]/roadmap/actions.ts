"use server";
// The roadmap pages' forms, each a command (lib/roadmap/commands.ts) served as a server action.
import { serveAction } from "@/lib/commands/action";
import { comment, createItem, moveItem, proposeItem, updateItem } from "@/lib/roadmap/commands";

export const createItemAction = serveAction(createItem);
export const proposeItemAction = serveAction(proposeItem);
export const updateItemAction = serveAction(updateItem);
export const moveItemAction = serveAction(moveItem);
export const commentAction = serveAction(comment);
