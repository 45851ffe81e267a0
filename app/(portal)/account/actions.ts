"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { runAction, type ActionState } from "@/lib/actions/run";
import { signOutEverywhere } from "@/lib/auth";
import { profileSchema } from "@/lib/auth/schemas";
import { updateOwnProfile } from "@/lib/db/users";
import { revalidatePath } from "next/cache";

/** The person's own name and time zone (their first visit, /account). */
export async function updateProfileAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction({ name: "account.profile", schema: profileSchema, scope: "signed-in", message: "Saved. Thank you." }, form,
    ({ tx, viewer, input }) => updateOwnProfile(tx, viewer.userId, input),
    () => revalidatePath("/", "layout"));
}

/** Ends every session of the person, on every device, this one included; then back to sign-in. */
export async function signOutEverywhereAction(_: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction({ name: "auth.signOutEverywhere", schema: z.object({}), scope: "signed-in" }, form,
    async () => undefined,
    ({ claims }) => signOutEverywhere(claims));
  if (result.ok) redirect("/login?ended=everywhere");
  return result;
}
