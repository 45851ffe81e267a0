"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { runAction, type ActionState } from "@/lib/actions/run";
import { signOutEverywhere } from "@/lib/auth";

/** Ends every session of the person, on every device, this one included; then back to sign-in. */
export async function signOutEverywhereAction(_: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction({ name: "auth.signOutEverywhere", schema: z.object({}), scope: "signed-in" }, form,
    async () => undefined,
    ({ claims }) => signOutEverywhere(claims));
  if (result.ok) redirect("/login?ended=everywhere");
  return result;
}
