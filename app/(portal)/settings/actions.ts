"use server";
import { revalidatePath } from "next/cache";
import { formValues, runAction, type ActionState } from "@/lib/actions";
import { adminSession } from "@/lib/auth/viewer";
import { asUser } from "@/lib/db";
import { updatePracticeSettings } from "@/lib/db/settings";
import { practiceSettingsSchema } from "@/lib/schemas";

export async function updatePracticeAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction("practice.update", practiceSettingsSchema, formValues(form), async (input) => {
    const { claims } = await adminSession();
    await asUser(claims, (tx) => updatePracticeSettings(tx, claims.sub, input));
    revalidatePath("/settings");
  }, "Practice settings saved.");
}
