"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionState } from "@/lib/actions/run";
import { claudeConfigFromEnv } from "@/lib/ai/config";
import { clockNow } from "@/lib/platform/clock";
import { saveDraft } from "@/lib/db/updates";
import { env } from "@/lib/platform/env";
import { kickMailDelivery } from "@/lib/mail/kick";
import { draftMaterial, writeDraft } from "@/lib/updates/draft";
import { publish } from "@/lib/updates/publish";
import { draftUpdateSchema, editUpdateSchema } from "@/lib/updates/schemas";

export async function draftUpdateAction(_: ActionState, form: FormData): Promise<ActionState> {
  // The facts are read in the action's transaction; Claude is called after it, outside any transaction.
  const result = await runAction({ name: "update.draft", schema: draftUpdateSchema, scope: "engineer" }, form,
    ({ tx, client, input }) => draftMaterial(tx, client, input.weekStart, clockNow()),
    async ({ claims, client }, material) => {
      const { id } = await writeDraft(claims, material, claudeConfigFromEnv());
      revalidatePath(`/clients/${client.id}/updates`);
      return { clientId: client.id, id };
    });
  if (result.ok) redirect(`/clients/${result.data.clientId}/updates/${result.data.id}`);
  return result;
}

export async function saveDraftAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction({ name: "update.save", schema: editUpdateSchema, scope: "engineer", message: "Draft saved." }, form,
    ({ tx, viewer, client, input: { updateId, title, bodyMd } }) => saveDraft(tx, viewer.userId, client.id, updateId, { title, bodyMd }),
    ({ client }) => revalidatePath(`/clients/${client.id}/updates`, "layout"));
}

export async function publishUpdateAction(_: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction({ name: "update.publish", schema: editUpdateSchema, scope: "engineer" }, form,
    ({ tx, viewer, client, input: { updateId, title, bodyMd } }) => publish(tx, viewer.userId, client, updateId, { title, bodyMd }, env().APP_URL),
    ({ client }) => {
      revalidatePath(`/clients/${client.id}`, "layout");
      kickMailDelivery();
      return client.id;
    });
  if (result.ok) redirect(`/clients/${result.data}/updates`);
  return result;
}
