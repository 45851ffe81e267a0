"use server";
// The extra hours page's forms, each a command (lib/extra-hours/commands.ts) served as a server action.
import { serveAction } from "@/lib/commands/action";
import { decideExtraHours, requestExtraHours, withdrawExtraHours } from "@/lib/extra-hours/commands";

export const requestExtraHoursAction = serveAction(requestExtraHours);
export const decideExtraHoursAction = serveAction(decideExtraHours);
export const withdrawExtraHoursAction = serveAction(withdrawExtraHours);
