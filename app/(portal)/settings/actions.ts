"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/actions/run";
import { practiceSettingsSchema } from "@/lib/billing/schemas";
import { updatePracticeSettings } from "@/lib/db/settings";

export async function updatePracticeAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction({ name: "practice.update", schema: practiceSettingsSchema, scope: "admin", message: "Practice settings saved." }, form,
    ({ tx, viewer, input }) => updatePracticeSettings(tx, viewer.userId, input),
    () => revalidatePath("/settings"));
}
