"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formValues, runAction, type ActionState } from "@/lib/actions";
import { staffSessionFor } from "@/lib/auth/viewer";
import { asUser } from "@/lib/db";
import { getClient } from "@/lib/db/clients";
import { saveDraft } from "@/lib/db/updates";
import { env } from "@/lib/env";
import { kickMailDelivery } from "@/lib/mail/kick";
import { draftUpdateSchema, editUpdateSchema } from "@/lib/schemas";
import { draftUpdate, publish } from "@/lib/updates";
import { clockNow } from "@/lib/clock";

const claudeConfig = () => ({
  apiKey: env().ANTHROPIC_API_KEY,
  model: env().ANTHROPIC_MODEL,
  baseURL: env().ANTHROPIC_BASE_URL,
  timeoutMs: env().ANTHROPIC_TIMEOUT_MS,
  maxRetries: env().ANTHROPIC_MAX_RETRIES,
});

export async function draftUpdateAction(_: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("update.draft", draftUpdateSchema, formValues(form), async ({ clientId, weekStart }) => {
    const { claims } = await staffSessionFor(clientId);
    const { id } = await draftUpdate(claims, clientId, weekStart, { claude: claudeConfig(), now: clockNow() });
    revalidatePath(`/clients/${clientId}/updates`);
    return { clientId, id };
  });
  if (result.ok) redirect(`/clients/${result.data.clientId}/updates/${result.data.id}`);
  return result;
}

export async function saveDraftAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction("update.save", editUpdateSchema, formValues(form), async ({ clientId, updateId, title, bodyMd }) => {
    const { claims } = await staffSessionFor(clientId);
    await asUser(claims, (tx) => saveDraft(tx, claims.sub, clientId, updateId, { title, bodyMd }));
    revalidatePath(`/clients/${clientId}/updates`, "layout");
  }, "Draft saved.");
}

export async function publishUpdateAction(_: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("update.publish", editUpdateSchema, formValues(form), async ({ clientId, updateId, title, bodyMd }) => {
    const { claims } = await staffSessionFor(clientId);
    await asUser(claims, async (tx) => publish(tx, claims.sub, await getClient(tx, { clientId }), updateId, { title, bodyMd }, env().APP_URL));
    revalidatePath(`/clients/${clientId}`, "layout");
    kickMailDelivery();
    return clientId;
  });
  if (result.ok) redirect(`/clients/${result.data}/updates`);
  return result;
}
