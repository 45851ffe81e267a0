// The hours ledger's changes, as commands (lib/commands/command.ts): served as server actions by the hours
// page and the log-time dialog, and by any route given a caller.
import { command, type Refresh } from "@/lib/commands/command";
import { adjustEntry as recordAdjustment, editEntry as changeEntry, voidEntry as voidOne } from "@/lib/hours/corrections";
import { logTime } from "@/lib/hours/log";
import { adjustEntrySchema, editEntrySchema, logEntrySchema, voidEntrySchema } from "@/lib/hours/schemas";
import { kickMailDelivery } from "@/lib/mail/kick";
import { clockNow } from "@/lib/platform/clock";

const ledgerPages = ({ client }: { client: { id: string } }): Refresh[] => [[`/clients/${client.id}`, "layout"], "/engineer"];

/** The alerts a change may have queued go out now rather than at the next scheduled delivery. */
const deliverAlerts = <T>(_ctx: unknown, value: T): T => {
  kickMailDelivery();
  return value;
};

/** The hot path: authorization, the entry, its audit and alerts in one transaction. */
export const logEntry = command({
  name: "entry.log", schema: logEntrySchema, scope: "engineer",
  run: ({ tx, viewer, client, input: { clientId, confirmOverage, ...entry } }) =>
    logTime(tx, viewer.userId, client, entry, { confirmed: confirmOverage, now: clockNow() }),
  effect: (_ctx, outcome) => (outcome.status === "saved" ? deliverAlerts(_ctx, outcome) : outcome),
  refresh: (ctx, outcome) => (outcome?.status === "saved" ? ledgerPages(ctx) : []),
});

export const editEntry = command({
  name: "entry.edit", schema: editEntrySchema, scope: "engineer", message: "Entry updated.",
  run: ({ tx, viewer, client, input: { clientId, entryId, ...entry } }) => changeEntry(tx, viewer.userId, client, entryId, entry, clockNow()),
  effect: deliverAlerts,
  refresh: ledgerPages,
});

export const voidEntry = command({
  name: "entry.void", schema: voidEntrySchema, scope: "engineer", message: "Entry voided.",
  run: ({ tx, viewer, client, input }) => voidOne(tx, viewer.userId, client, input.entryId, input.reason),
  effect: deliverAlerts,
  refresh: ledgerPages,
});

/** A correction of a closed month's entry, recorded in an open month and pointing at the original. */
export const adjustEntry = command({
  name: "entry.adjust", schema: adjustEntrySchema, scope: "engineer", message: "Correction recorded. It counts in the month it corrects; the difference goes on the next invoice.",
  run: ({ tx, viewer, client, input: { entryId, workDate, minutes, description } }) =>
    recordAdjustment(tx, viewer.userId, client, entryId, { workDate, minutes, description }, clockNow()),
  effect: deliverAlerts,
  refresh: ledgerPages,
});
