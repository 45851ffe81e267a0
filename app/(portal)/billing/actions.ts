"use server";
// The billing page's forms, each a command (lib/billing/commands.ts) served as a server action.
import { closeAllDue, closeMonth, markPaid, retryPush } from "@/lib/billing/commands";
import { serveAction } from "@/lib/commands/action";

export const closeMonthAction = serveAction(closeMonth);
export const closeAllDueAction = serveAction(closeAllDue);
export const retryPushAction = serveAction(retryPush);
export const markPaidAction = serveAction(markPaid);
