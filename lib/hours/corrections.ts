// Changing the ledger after the fact: edits and voids in an open month, adjustments that correct a closed one.
// Each runs in the caller's transaction with its audit event, and re-checks the month's alerts.
import type { Tx } from "@/lib/db";
import { getEntry, insertEntry, updateEntry, voidEntry as voidEntryRow } from "@/lib/db/entries";
import { adjustmentProblem, futureDateProblem } from "@/lib/domain/entries";
import { refuseIf } from "@/lib/platform/errors";
import { sendDueAlerts } from "@/lib/hours/alerts";
import type { ClientRef } from "@/lib/types/clients";
import type { EntryInput } from "@/lib/types/hours";

export async function editEntry(tx: Tx, actorId: string, client: ClientRef, entryId: string, input: EntryInput, now: Date) {
  refuseIf(futureDateProblem(input.workDate, client, now));
  await updateEntry(tx, actorId, client.id, entryId, input);
  await sendDueAlerts(tx, client, now);
}

export function voidEntry(tx: Tx, actorId: string, client: ClientRef, entryId: string, reason: string) {
  return voidEntryRow(tx, actorId, client.id, entryId, reason);
}

/** A correction of a closed month's entry, recorded in a later open month and pointing at the original. */
export async function adjustEntry(
  tx: Tx, actorId: string, client: ClientRef, entryId: string,
  correction: { workDate: string; minutes: number; description: string }, now: Date,
) {
  refuseIf(futureDateProblem(correction.workDate, client, now));
  const original = await getEntry(tx, { clientId: client.id, entryId });
  refuseIf(adjustmentProblem(original, correction.workDate));
  const input: EntryInput = {
    ...correction, category: original.category, billable: original.billable, roadmapItemId: original.roadmapItemId,
  };
  await insertEntry(tx, actorId, client.id, input, entryId);
  await sendDueAlerts(tx, client, now);
}
