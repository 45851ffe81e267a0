"use server";
import { redirect } from "next/navigation";
import { runAction, type ActionState } from "@/lib/actions/run";
import { newClientSchema } from "@/lib/clients/schemas";
import { createClient } from "@/lib/db/clients";

export async function createClientAction(_: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction({ name: "client.create", schema: newClientSchema, scope: "admin" }, form,
    ({ tx, viewer, input }) => createClient(tx, viewer.userId, input));
  if (result.ok) redirect(`/clients/${result.data}/settings`);
  return result;
}
