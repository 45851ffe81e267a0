// A client's changes (details, people, invitations, engineers, terms, AI drafting), as commands
// (lib/commands/command.ts).
import { z } from "zod";
import { completeSignIn } from "@/lib/auth";
import { secondStepPath } from "@/lib/auth/commands";
import { securityEventIn } from "@/lib/auth/events";
import { invitationTokenSchema } from "@/lib/auth/schemas";
import { linkTokenHashes } from "@/lib/auth/tokens";
import { createClient as insertClient, setAiDrafting as saveAiDrafting, setArchived, updateClient as changeClient } from "@/lib/clients/details";
import { assignEngineer as assign, unassignEngineer as unassign } from "@/lib/clients/engineers";
import { acceptInvitation as accept, inviteMember, resendInvitation as resend, revokeInvitation as revoke } from "@/lib/clients/invite";
import { changeMemberRole as changeRole, endMemberSessions as endPersonSessions, removeMember as remove } from "@/lib/clients/people";
import { setTerms as saveTerms } from "@/lib/clients/terms";
import {
  aiDraftingSchema, archiveSchema, engineerAssignmentSchema, invitationIdSchema, invitationSchema, memberRoleSchema, memberSchema, newClientSchema,
  revokeInvitationSchema, termsSchema, updateClientSchema,
} from "@/lib/clients/schemas";
import { command, publicCommand, type Refresh } from "@/lib/commands/command";
import { parseOrRefuse } from "@/lib/commands/execute";
import { syncCustomerIfAny } from "@/lib/billing/customer";
import { stripeConfigFromEnv } from "@/lib/billing/stripe";
import { asService } from "@/lib/db";
import { setBillingDetails as saveBillingDetails } from "@/lib/db/billing-details";
import { billingDetailsSchema } from "@/lib/schemas/tax";
import { currencyDigits } from "@/lib/format";
import { kickMailDelivery } from "@/lib/mail/kick";
import { authProvider, env } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";
import { clientIdField } from "@/lib/schemas/fields";
import { LIMITS } from "@/lib/domain/limits";

const clientPages = ({ client }: { client: { id: string } }): Refresh[] => [[`/clients/${client.id}`, "layout"], "/engineer"];
const settingsPage = ({ client }: { client: { id: string } }): Refresh[] => [`/clients/${client.id}/settings`];
const sendNow = <T>(_ctx: unknown, value: T): T => {
  kickMailDelivery();
  return value;
};

export const createClient = command({
  name: "client.create", schema: newClientSchema, scope: "admin",
  run: ({ tx, viewer, input }) => insertClient(tx, viewer.userId, input),
  next: (clientId) => `/clients/${clientId}/settings`,
});

export const updateClient = command({
  name: "client.update", schema: updateClientSchema, scope: "engineer", message: "Client details saved.",
  run: ({ tx, viewer, client, input: { clientId, ...details } }) => changeClient(tx, viewer.userId, client.id, details),
  // The Stripe customer's name and email follow the client's.
  effect: ({ client }) => syncCustomerIfAny(stripeConfigFromEnv(), client.id),
  refresh: clientPages,
});

export const archiveClient = command({
  name: "client.archive", schema: archiveSchema, scope: "engineer", message: "Saved.",
  run: ({ tx, viewer, client, input }) => setArchived(tx, viewer.userId, client.id, input.archived),
  refresh: clientPages,
});

export const invite = command({
  name: "member.invite", schema: invitationSchema, scope: "engineer", limits: [LIMITS.invitations],
  run: ({ tx, viewer, client, input: { email, role } }) => inviteMember(tx, viewer, client, { email, role }, env().APP_URL),
  effect: sendNow,
  message: (renewed, { input }) => (renewed ? `Invitation sent again to ${input.email}; the earlier link no longer works.` : `Invitation sent to ${input.email}.`),
  refresh: settingsPage,
});

/** Sends a pending invitation again with a fresh link; the earlier one stops working. */
export const resendInvitation = command({
  name: "member.resendInvitation", schema: invitationIdSchema, scope: "engineer", limits: [LIMITS.invitations],
  run: ({ tx, viewer, client, input }) => resend(tx, viewer, client, input, env().APP_URL),
  effect: sendNow,
  message: (invitation) => `Invitation sent again to ${invitation.email}; the earlier link no longer works.`,
  refresh: settingsPage,
});

/** Withdraws a pending invitation: its emailed link stops working at once. */
export const revokeInvitation = command({
  name: "member.revokeInvitation", schema: revokeInvitationSchema, scope: "engineer",
  run: ({ tx, viewer, client, input }) => revoke(tx, viewer.userId, { clientId: client.id, invitationId: input.invitationId }),
  message: (invitation) => `Invitation to ${invitation.email} withdrawn; its link no longer works.`,
  refresh: settingsPage,
});

/** Owner or member: staff of the client decide; the client's last owner stays an owner (lib/clients/people). */
export const changeMemberRole = command({
  name: "member.changeRole", schema: memberRoleSchema, scope: "engineer",
  run: async ({ tx, viewer, client, input }) => {
    const outcome = await changeRole(tx, viewer.userId, { clientId: client.id, userId: input.userId, role: input.role });
    if (outcome.changed) {
      await securityEventIn(tx, { kind: "role_changed", outcome: "ok", userId: input.userId, actorId: viewer.userId, clientId: client.id, detail: `client role: ${input.role}` });
    }
    return outcome;
  },
  message: ({ changed, person }, { client, input }) => {
    const who = person.fullName || person.email;
    const as = input.role === "owner" ? "an owner" : "a member";
    return changed ? `${who} is now ${as} of ${client.name}.` : `${who} is already ${as}.`;
  },
  refresh: ({ client }) => [[`/clients/${client.id}`, "layout"]],
});

/** Ends a person's access to the client (and their sessions); what they wrote stays. */
export const removeMember = command({
  name: "member.remove", schema: memberSchema, scope: "engineer",
  run: ({ tx, viewer, client, input }) => remove(tx, viewer.userId, { clientId: client.id, userId: input.userId }),
  message: (person, { client }) => `${person.fullName || person.email} no longer has access to ${client.name}.`,
  refresh: ({ client }) => [[`/clients/${client.id}`, "layout"]],
});

/** Ends every session of a person of the client (a lost phone, a shared computer): they must sign in again. */
export const endMemberSessions = command({
  name: "member.endSessions", schema: memberSchema, scope: "engineer",
  run: ({ tx, viewer, client, input }) => endPersonSessions(tx, viewer.userId, { clientId: client.id, userId: input.userId }),
  message: ({ person, ended }) => (ended === 0
    ? `${person.fullName || person.email} had no live sessions.`
    : `${ended} ${ended === 1 ? "session" : "sessions"} of ${person.fullName || person.email} ended. They must sign in again.`),
});

export const assignEngineer = command({
  name: "engineer.assign", schema: engineerAssignmentSchema, scope: "admin", message: "Engineer assigned.",
  run: ({ tx, viewer, client, input }) => assign(tx, viewer.userId, client.id, input.userId),
  refresh: clientPages,
});

export const unassignEngineer = command({
  name: "engineer.unassign", schema: engineerAssignmentSchema, scope: "admin", message: "Engineer removed.",
  run: ({ tx, viewer, client, input }) => unassign(tx, viewer.userId, client.id, input.userId),
  refresh: clientPages,
});

/** Amounts are typed in the client's currency, so the terms schema needs its minor-unit digits: parsed inside. */
export const setTerms = command({
  name: "terms.set", schema: z.looseObject({ clientId: clientIdField }), scope: "engineer", message: "Retainer terms saved.",
  run: async ({ tx, viewer, client, input }) => {
    const { terms } = parseOrRefuse(termsSchema(currencyDigits(client.currency)), input);
    await saveTerms(tx, viewer.userId, client.id, terms);
  },
  refresh: clientPages,
});

/** Who the client's invoices are addressed to and how they are taxed; snapshotted onto each invoice at its close. */
export const setBillingDetails = command({
  name: "client.billingDetails", schema: z.looseObject({ clientId: clientIdField }), scope: "engineer", message: "Billing details saved.",
  run: async ({ tx, viewer, client, input }) => {
    const details = parseOrRefuse(billingDetailsSchema, input);
    await saveBillingDetails(tx, { clientId: client.id, actorId: viewer.userId, details });
  },
  effect: ({ client }) => syncCustomerIfAny(stripeConfigFromEnv(), client.id),
  refresh: (ctx) => [...clientPages(ctx), "/billing"],
});

/** Owners decide whether Claude may draft their weekly updates. */
export const setAiDrafting = command({
  name: "client.aiDrafting", schema: aiDraftingSchema, scope: "owner", forbidden: "Only the client's owners can change this setting.", message: "Saved.",
  run: ({ tx, viewer, client, input }) => saveAiDrafting(tx, viewer.userId, client.id, input.enabled),
  refresh: clientPages,
});

/** Accepting a client's invitation signs the invitee in (local sign-in) and opens the client. */
export const acceptInvitation = publicCommand({
  name: "invitation.accept", schema: invitationTokenSchema,
  effect: async ({ input: { token } }) => {
    if (authProvider() !== "local") {
      throw new AppError("invalid", "Sign in with the invited email address first, then open the link again.");
    }
    const { claims, clientId } = await asService((tx) => accept(tx, linkTokenHashes(token)));
    const home = `/clients/${clientId}`;
    // Someone who already has a second factor passes it before the link signs them in.
    return (await completeSignIn(claims, "invitation")) === "second-step" ? secondStepPath(home) : home;
  },
  next: (path) => path,
});
