"use server";
// The week grid's forms (issue 25): a typed cell logs an entry, or changes the one entry it holds. The same commands
// as the L dialog and the ledger (lib/hours/commands.ts).
import { serveAction } from "@/lib/commands/action";
import { editEntry, logEntry } from "@/lib/hours/commands";

export const weekLogAction = serveAction(logEntry);
export const weekEditAction = serveAction(editEntry);
