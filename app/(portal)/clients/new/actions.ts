"use server";
import { redirect } from "next/navigation";
import { formValues, runAction, type ActionState } from "@/lib/actions";
import { adminSession } from "@/lib/auth/viewer";
import { asUser } from "@/lib/db";
import { createClient } from "@/lib/db/clients";
import { newClientSchema } from "@/lib/schemas";

export async function createClientAction(_: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("client.create", newClientSchema, formValues(form), async (input) => {
    const { claims } = await adminSession();
    return asUser(claims, (tx) => createClient(tx, claims.sub, input));
  });
  if (result?.ok) redirect(`/clients/${result.data}/settings`);
  return result as ActionState;
}
