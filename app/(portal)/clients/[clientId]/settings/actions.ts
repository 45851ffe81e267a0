"use server";
// The client settings page's forms, each a command (lib/clients/commands.ts) served as a server action.
import {
  archiveClient, assignEngineer, changeMemberRole, endMemberSessions, invite, removeMember, resendInvitation, revokeInvitation, setAiDrafting, setBillingDetails, setTerms, unassignEngineer,
  updateClient,
} from "@/lib/clients/commands";
import { serveAction } from "@/lib/commands/action";
import { connectSlack, disconnectSlack } from "@/lib/slack/commands";

export const updateClientAction = serveAction(updateClient);
export const archiveClientAction = serveAction(archiveClient);
export const inviteAction = serveAction(invite);
export const resendInvitationAction = serveAction(resendInvitation);
export const revokeInvitationAction = serveAction(revokeInvitation);
export const changeMemberRoleAction = serveAction(changeMemberRole);
export const removeMemberAction = serveAction(removeMember);
export const endMemberSessionsAction = serveAction(endMemberSessions);
export const assignEngineerAction = serveAction(assignEngineer);
export const unassignEngineerAction = serveAction(unassignEngineer);
export const setTermsAction = serveAction(setTerms);
export const setAiDraftingAction = serveAction(setAiDrafting);
export const setBillingDetailsAction = serveAction(setBillingDetails);
export const connectSlackAction = serveAction(connectSlack);
export const disconnectSlackAction = serveAction(disconnectSlack);
