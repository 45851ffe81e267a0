"use server";
// The hours page's forms, each a command (lib/hours/commands.ts, lib/reviews/commands.ts) served as a server action. Logging time is a
// shell action (app/(portal)/actions.ts): the L dialog is on every page.
import { serveAction } from "@/lib/commands/action";
import { adjustEntry, bulkEntries, editEntry, voidEntry } from "@/lib/hours/commands";
import { answerEntryQuestion, askEntryQuestion } from "@/lib/reviews/commands";

export const editEntryAction = serveAction(editEntry);
export const voidEntryAction = serveAction(voidEntry);
export const adjustEntryAction = serveAction(adjustEntry);
export const bulkEntriesAction = serveAction(bulkEntries);
// The owners' questions on entries (lib/reviews/commands.ts).
export const askQuestionAction = serveAction(askEntryQuestion);
export const answerQuestionAction = serveAction(answerEntryQuestion);
