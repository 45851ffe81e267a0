"use server";
// The invitation page's forms, each a command served as a server action (lib/clients, lib/staff commands).
import { acceptInvitation } from "@/lib/clients/commands";
import { serveAction } from "@/lib/commands/action";
import { acceptStaffInvitation } from "@/lib/staff/commands";

export const acceptInvitationAction = serveAction(acceptInvitation);
export const acceptStaffInvitationAction = serveAction(acceptStaffInvitation);
