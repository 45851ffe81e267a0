"use server";
// The practice settings form: a command (lib/billing/commands.ts) served as a server action.
import { updatePractice } from "@/lib/billing/commands";
import { serveAction } from "@/lib/commands/action";

export const updatePracticeAction = serveAction(updatePractice);
