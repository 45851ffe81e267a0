"use server";
// The shell's actions, on every portal page: the log-time dialog (L), the first-visit profile form, and
// signing out. Each is a command served as a server action.
import { signOut, updateProfile } from "@/lib/auth/commands";
import { serveAction, serveFormAction } from "@/lib/commands/action";
import { logEntry } from "@/lib/hours/commands";

export const logEntryAction = serveAction(logEntry);
export const updateProfileAction = serveAction(updateProfile);
export const signOutAction = serveFormAction(signOut);
