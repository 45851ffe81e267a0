// Changing the ledger after the fact: edits and voids in an open month, adjustments that correct a closed one.
// Each runs in the caller's transaction with its audit event, and re-checks the month's alerts.
import type { Tx } from "@/lib/db";
import { getEntry, insertEntry, updateEntry, voidEntry as voidEntryRow } from "@/lib/db/entries";
import { adjustmentProblem, editProblem, futureDateProblem } from "@/lib/domain/entries";
import { AppError, found, refuseIf } from "@/lib/platform/errors";
import { sendDueAlerts } from "@/lib/hours/alerts";
import type { ClientRef } from "@/lib/types/clients";
import type { EntryInput } from "@/lib/types/hours";

export async function editEntry(tx: Tx, actorId: string, client: ClientRef, entryId: string, input: EntryInput, now: Date) {
  refuseIf(futureDateProblem(input.workDate, client, now));
  const before = found(await getEntry(tx, { clientId: client.id, entryId }), "That entry");
  refuseIf(editProblem(before, input.minutes));
  await updateEntry(tx, { actorId, clientId: client.id, before, input });
  await sendDueAlerts(tx, client, now);
}

export async function voidEntry(tx: Tx, actorId: string, client: ClientRef, entryId: string, reason: string) {
  const before = found(await getEntry(tx, { clientId: client.id, entryId }), "That entry");
  if (before.voidedAt) throw new AppError("conflict", "That entry is already voided.");
  await voidEntryRow(tx, { actorId, clientId: client.id, before, reason });
}

/** A correction of a closed month's entry, recorded in a later open month and pointing at the original. */
export async function adjustEntry(
  tx: Tx, actorId: string, client: ClientRef, entryId: string,
  correction: { workDate: string; minutes: number; description: string }, now: Date,
) {
  refuseIf(futureDateProblem(correction.workDate, client, now));
  const original = found(await getEntry(tx, { clientId: client.id, entryId }), "That entry");
  refuseIf(adjustmentProblem(original, correction.workDate));
  const input: EntryInput = {
    ...correction, category: original.category, billable: original.billable, roadmapItemId: original.roadmapItemId,
  };
  await insertEntry(tx, { actorId, clientId: client.id, input, adjustsEntryId: entryId });
  await sendDueAlerts(tx, client, now);
}
