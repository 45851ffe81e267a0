"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formValues, runAction, type ActionState } from "@/lib/actions";
import { actionSession, adminSession, staffSessionFor } from "@/lib/auth/viewer";
import { asUser, withServiceRole } from "@/lib/db";
import { assignEngineer, createInvitation, getClient, setArchived, unassignEngineer, updateClient } from "@/lib/db/clients";
import { env } from "@/lib/env";
import { kickMailDelivery } from "@/lib/mail/kick";
import { enqueueMail } from "@/lib/mail/outbox";
import { invitationMail } from "@/lib/mail/templates";
import { setTerms } from "@/lib/db/ledger";
import { setAiDrafting } from "@/lib/db/updates";
import { AppError, notFound } from "@/lib/errors";
import { currencyDigits } from "@/lib/format";
import { aiDraftingSchema, clientIdField, engineerAssignmentSchema, invitationSchema, termsSchema, updateClientSchema } from "@/lib/schemas";

const clientPaths = (clientId: string) => {
  revalidatePath(`/clients/${clientId}`, "layout");
  revalidatePath("/engineer");
};

export async function updateClientAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction("client.update", updateClientSchema, formValues(form), async ({ clientId, ...input }) => {
    const { claims } = await staffSessionFor(clientId);
    await asUser(claims, (tx) => updateClient(tx, claims.sub, clientId, input));
    clientPaths(clientId);
  }, "Client details saved.");
}

const archiveSchema = z.object({ clientId: clientIdField, archived: z.enum(["true", "false"]).transform((v) => v === "true") });

export async function archiveClientAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction("client.archive", archiveSchema, formValues(form), async ({ clientId, archived }) => {
    const { claims } = await staffSessionFor(clientId);
    await asUser(claims, (tx) => setArchived(tx, claims.sub, clientId, archived));
    clientPaths(clientId);
  }, "Saved.");
}

export async function inviteAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction("member.invite", invitationSchema, formValues(form), async (input) => {
    const { claims } = await staffSessionFor(input.clientId);
    const { viewer } = await actionSession();
    await asUser(claims, async (tx) => {
      const client = await getClient(tx, { clientId: input.clientId });
      const { token } = await createInvitation(tx, claims.sub, input);
      await withServiceRole(tx, () =>
        enqueueMail(tx, invitationMail({
          to: input.email, clientName: client.name, role: input.role, clientId: client.id,
          inviter: viewer.fullName || viewer.email, link: `${env().APP_URL}/invite/${token}`,
        })),
      );
    });
    revalidatePath(`/clients/${input.clientId}/settings`);
    kickMailDelivery();
  }, "Invitation sent.");
}

export async function assignEngineerAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction("engineer.assign", engineerAssignmentSchema, formValues(form), async ({ clientId, userId }) => {
    const { claims } = await adminSession();
    await asUser(claims, (tx) => assignEngineer(tx, claims.sub, clientId, userId));
    clientPaths(clientId);
  }, "Engineer assigned.");
}

export async function unassignEngineerAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction("engineer.unassign", engineerAssignmentSchema, formValues(form), async ({ clientId, userId }) => {
    const { claims } = await adminSession();
    await asUser(claims, (tx) => unassignEngineer(tx, claims.sub, clientId, userId));
    clientPaths(clientId);
  }, "Engineer removed.");
}

export async function setTermsAction(_: ActionState, form: FormData): Promise<ActionState> {
  const raw = formValues(form);
  return runAction("terms.set", z.object({ clientId: clientIdField }), raw, async ({ clientId }) => {
    const { claims } = await staffSessionFor(clientId);
    await asUser(claims, async (tx) => {
      const client = await getClient(tx, { clientId });
      // Amounts are typed in the client's currency, so the schema needs its minor-unit digits.
      const parsed = termsSchema(currencyDigits(client.currency)).safeParse(raw);
      if (!parsed.success) {
        const { fieldErrors } = z.flattenError(parsed.error);
        throw new AppError("invalid", "Check the highlighted fields.", fieldErrors as Record<string, string[]>);
      }
      await setTerms(tx, claims.sub, clientId, parsed.data.terms);
    });
    clientPaths(clientId);
  }, "Retainer terms saved.");
}

/** Owners decide whether Claude may draft their weekly updates. */
export async function setAiDraftingAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction("client.aiDrafting", aiDraftingSchema, formValues(form), async ({ clientId, enabled }) => {
    const { claims, viewer } = await actionSession();
    const role = viewer.memberships.find((m) => m.clientId === clientId)?.role;
    if (!role) throw notFound("That client");
    if (role !== "owner") throw new AppError("forbidden", "Only the client's owners can change this setting.");
    await asUser(claims, (tx) => setAiDrafting(tx, claims.sub, clientId, enabled));
    clientPaths(clientId);
  }, "Saved.");
}
