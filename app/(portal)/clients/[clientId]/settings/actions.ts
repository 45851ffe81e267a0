"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { parseOrRefuse, runAction, type ActionState } from "@/lib/actions/run";
import { inviteMember, resendInvitation } from "@/lib/clients/invite";
import {
  aiDraftingSchema, archiveSchema, engineerAssignmentSchema, invitationIdSchema, invitationSchema, memberRoleSchema, memberSchema, revokeInvitationSchema,
  termsSchema, updateClientSchema,
} from "@/lib/clients/schemas";
import { assignEngineer, revokeInvitation, setArchived, unassignEngineer, updateClient } from "@/lib/db/clients";
import { changeMemberRole, removeMember } from "@/lib/db/members";
import { setTerms } from "@/lib/db/terms";
import { setAiDrafting } from "@/lib/db/updates";
import { env } from "@/lib/platform/env";
import { currencyDigits } from "@/lib/format";
import { kickMailDelivery } from "@/lib/mail/kick";
import { clientIdField } from "@/lib/schemas/fields";

const refresh = ({ client }: { client: { id: string } }) => {
  revalidatePath(`/clients/${client.id}`, "layout");
  revalidatePath("/engineer");
};

export async function updateClientAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction({ name: "client.update", schema: updateClientSchema, scope: "engineer", message: "Client details saved." }, form,
    ({ tx, viewer, client, input: { clientId, ...details } }) => updateClient(tx, viewer.userId, client.id, details),
    refresh);
}

export async function archiveClientAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction({ name: "client.archive", schema: archiveSchema, scope: "engineer", message: "Saved." }, form,
    ({ tx, viewer, client, input }) => setArchived(tx, viewer.userId, client.id, input.archived),
    refresh);
}

export async function inviteAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction({ name: "member.invite", schema: invitationSchema, scope: "engineer", message: (text: string) => text }, form,
    ({ tx, viewer, client, input: { email, role } }) => inviteMember(tx, viewer, client, { email, role }, env().APP_URL),
    ({ client, input }, renewed) => {
      revalidatePath(`/clients/${client.id}/settings`);
      kickMailDelivery();
      return renewed ? `Invitation sent again to ${input.email}; the earlier link no longer works.` : `Invitation sent to ${input.email}.`;
    });
}

/** Sends a pending invitation again with a fresh link; the earlier one stops working. */
export async function resendInvitationAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction({ name: "member.resendInvitation", schema: invitationIdSchema, scope: "engineer", message: (text: string) => text }, form,
    ({ tx, viewer, client, input }) => resendInvitation(tx, viewer, client, input, env().APP_URL),
    ({ client }, invitation) => {
      revalidatePath(`/clients/${client.id}/settings`);
      kickMailDelivery();
      return `Invitation sent again to ${invitation.email}; the earlier link no longer works.`;
    });
}

/** Withdraws a pending invitation: its emailed link stops working at once. */
export async function revokeInvitationAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction({ name: "member.revokeInvitation", schema: revokeInvitationSchema, scope: "engineer", message: (text: string) => text }, form,
    ({ tx, viewer, client, input }) => revokeInvitation(tx, viewer.userId, { clientId: client.id, invitationId: input.invitationId }),
    ({ client }, invitation) => {
      revalidatePath(`/clients/${client.id}/settings`);
      return `Invitation to ${invitation.email} withdrawn; its link no longer works.`;
    });
}

/** Owner or member: staff of the client decide; the client's last owner stays an owner (lib/db/members). */
export async function changeMemberRoleAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction({ name: "member.changeRole", schema: memberRoleSchema, scope: "engineer", message: (text: string) => text }, form,
    ({ tx, viewer, client, input }) => changeMemberRole(tx, viewer.userId, { clientId: client.id, userId: input.userId, role: input.role }),
    ({ client, input }, { changed, person }) => {
      revalidatePath(`/clients/${client.id}`, "layout");
      const who = person.fullName || person.email;
      const as = input.role === "owner" ? "an owner" : "a member";
      return changed ? `${who} is now ${as} of ${client.name}.` : `${who} is already ${as}.`;
    });
}

/** Ends a person's access to the client (and their sessions); what they wrote stays. */
export async function removeMemberAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction({ name: "member.remove", schema: memberSchema, scope: "engineer", message: (text: string) => text }, form,
    ({ tx, viewer, client, input }) => removeMember(tx, viewer.userId, { clientId: client.id, userId: input.userId }),
    ({ client }, person) => {
      revalidatePath(`/clients/${client.id}`, "layout");
      return `${person.fullName || person.email} no longer has access to ${client.name}.`;
    });
}

export async function assignEngineerAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction({ name: "engineer.assign", schema: engineerAssignmentSchema, scope: "admin", message: "Engineer assigned." }, form,
    ({ tx, viewer, client, input }) => assignEngineer(tx, viewer.userId, client.id, input.userId),
    refresh);
}

export async function unassignEngineerAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction({ name: "engineer.unassign", schema: engineerAssignmentSchema, scope: "admin", message: "Engineer removed." }, form,
    ({ tx, viewer, client, input }) => unassignEngineer(tx, viewer.userId, client.id, input.userId),
    refresh);
}

/** Amounts are typed in the client's currency, so the terms schema needs its minor-unit digits: parsed inside. */
export async function setTermsAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction({ name: "terms.set", schema: z.looseObject({ clientId: clientIdField }), scope: "engineer", message: "Retainer terms saved." }, form,
    async ({ tx, viewer, client, input }) => {
      const { terms } = parseOrRefuse(termsSchema(currencyDigits(client.currency)), input);
      await setTerms(tx, viewer.userId, client.id, terms);
    },
    refresh);
}

/** Owners decide whether Claude may draft their weekly updates. */
export async function setAiDraftingAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(
    { name: "client.aiDrafting", schema: aiDraftingSchema, scope: "owner", forbidden: "Only the client's owners can change this setting.", message: "Saved." }, form,
    ({ tx, viewer, client, input }) => setAiDrafting(tx, viewer.userId, client.id, input.enabled),
    refresh);
}
