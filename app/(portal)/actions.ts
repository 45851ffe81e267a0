"use server";
// The shell's actions, on every portal page: the log-time dialog (L), the running timer and the first-visit profile form. Each is a
// command served as a server action. Signing out is a plain form post to /logout (app/logout/route.ts).
import { updateProfile } from "@/lib/auth/commands";
import { serveAction } from "@/lib/commands/action";
import { discardTimer, logEntry, startTimer, stopTimer } from "@/lib/hours/commands";

export const logEntryAction = serveAction(logEntry);
export const startTimerAction = serveAction(startTimer);
export const stopTimerAction = serveAction(stopTimer);
export const discardTimerAction = serveAction(discardTimer);
export const updateProfileAction = serveAction(updateProfile);
