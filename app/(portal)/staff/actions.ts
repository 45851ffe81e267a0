"use server";
// The staff page's forms, each a command (lib/staff/commands.ts) served as a server action.
import { serveAction } from "@/lib/commands/action";
import {
  assignStaffClient, cancelStaffInvitation, changeStaffRole, endEveryonesSessionsNow, endStaffSessions, inviteStaff, removeStaff, resetStaffSecondFactor, unassignStaffClient,
} from "@/lib/staff/commands";

export const inviteStaffAction = serveAction(inviteStaff);
export const cancelStaffInvitationAction = serveAction(cancelStaffInvitation);
export const changeStaffRoleAction = serveAction(changeStaffRole);
export const removeStaffAction = serveAction(removeStaff);
export const assignStaffClientAction = serveAction(assignStaffClient);
export const unassignStaffClientAction = serveAction(unassignStaffClient);
export const endStaffSessionsAction = serveAction(endStaffSessions);
export const resetStaffSecondFactorAction = serveAction(resetStaffSecondFactor);
export const endEveryonesSessionsAction = serveAction(endEveryonesSessionsNow);
