// Logging time: the hot path. The entry, its audit event and any alert it makes due, in the caller's transaction.
import type { Tx } from "@/lib/db";
import { insertEntry } from "@/lib/db/entries";
import { sendDueAlerts } from "@/lib/hours/alerts";
import { overageWarning, type OverageWarning } from "@/lib/hours/overage";
import { futureDateProblem } from "@/lib/domain/entries";
import { refuseIf } from "@/lib/platform/errors";
import { formatMinutes, formatMoney } from "@/lib/format";
import type { ClientRef } from "@/lib/types/clients";
import type { EntryInput, LogOutcome } from "@/lib/types/hours";

export type LogResult = { status: "saved"; entryId: string } | { status: "needs_confirmation"; warning: OverageWarning };

/**
 * Logs an entry. Past available + pre-approved overage it refuses until `confirmed`, returning what the
 * entry would cost, so the engineer decides with the number in front of them.
 */
export async function logEntry(
  tx: Tx,
  actorId: string,
  client: ClientRef,
  input: EntryInput,
  opts: { confirmed: boolean; now: Date },
): Promise<LogResult> {
  if (!opts.confirmed) {
    const warning = await overageWarning(tx, client.id, input);
    if (warning) return { status: "needs_confirmation", warning };
  }
  const entryId = await insertEntry(tx, { actorId, clientId: client.id, input });
  await sendDueAlerts(tx, client, opts.now);
  return { status: "saved", entryId };
}

/** The log-time dialog's action: the future-date rule, then logEntry, answered in the client's currency. */
export async function logTime(tx: Tx, actorId: string, client: ClientRef, input: EntryInput, opts: { confirmed: boolean; now: Date }): Promise<LogOutcome> {
  refuseIf(futureDateProblem(input.workDate, client, opts.now));
  const result = await logEntry(tx, actorId, client, input, opts);
  if (result.status === "saved") {
    return { status: "saved", entryId: result.entryId, summary: `Logged ${formatMinutes(input.minutes)} for ${client.name.replace(/\.$/, "")}.` };
  }
  const w = result.warning;
  return {
    status: "needs_confirmation",
    overage: formatMinutes(w.billedOverageMinutes),
    amount: formatMoney(w.overageAmountCents, client.currency),
    preapproved: formatMinutes(w.preapprovedMinutes),
    unapproved: formatMinutes(w.unapprovedMinutes),
  };
}
