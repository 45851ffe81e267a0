"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/actions/run";
import { clockNow } from "@/lib/platform/clock";
import { adjustEntry, editEntry, voidEntry } from "@/lib/hours/corrections";
import { logTime } from "@/lib/hours/log";
import { adjustEntrySchema, editEntrySchema, logEntrySchema, voidEntrySchema } from "@/lib/hours/schemas";
import { kickMailDelivery } from "@/lib/mail/kick";
import type { LogOutcome } from "@/lib/types/hours";

function refresh({ client }: { client: { id: string } }) {
  revalidatePath(`/clients/${client.id}`, "layout");
  revalidatePath("/engineer");
  kickMailDelivery(); // alerts the change may have queued
}

export async function logEntryAction(_: ActionState<LogOutcome>, form: FormData): Promise<ActionState<LogOutcome>> {
  // The hot path: authorization, the entry, its audit and alerts in one transaction.
  return runAction({ name: "entry.log", schema: logEntrySchema, scope: "engineer" }, form,
    ({ tx, viewer, client, input: { clientId, confirmOverage, ...entry } }) => logTime(tx, viewer.userId, client, entry, { confirmed: confirmOverage, now: clockNow() }),
    (ctx, outcome) => {
      if (outcome.status === "saved") refresh(ctx);
      return outcome;
    });
}

export async function editEntryAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction({ name: "entry.edit", schema: editEntrySchema, scope: "engineer", message: "Entry updated." }, form,
    ({ tx, viewer, client, input: { clientId, entryId, ...entry } }) => editEntry(tx, viewer.userId, client, entryId, entry, clockNow()),
    refresh);
}

export async function voidEntryAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction({ name: "entry.void", schema: voidEntrySchema, scope: "engineer", message: "Entry voided." }, form,
    ({ tx, viewer, client, input }) => voidEntry(tx, viewer.userId, client, input.entryId, input.reason),
    refresh);
}

/** A correction of a closed month's entry, recorded in an open month and pointing at the original. */
export async function adjustEntryAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction({ name: "entry.adjust", schema: adjustEntrySchema, scope: "engineer", message: "Correction recorded." }, form,
    ({ tx, viewer, client, input: { entryId, workDate, minutes, description } }) =>
      adjustEntry(tx, viewer.userId, client, entryId, { workDate, minutes, description }, clockNow()),
    refresh);
}
