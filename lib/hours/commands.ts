// The hours ledger's changes, as commands (lib/commands/command.ts): served as server actions by the hours
// page and the log-time dialog, and by any route given a caller.
import { command, type Refresh } from "@/lib/commands/command";
import { adjustEntry as recordAdjustment, editEntry as changeEntry, voidEntry as voidOne } from "@/lib/hours/corrections";
import { logTime } from "@/lib/hours/log";
import { bulkChangeEntries } from "@/lib/hours/bulk";
import { adjustEntrySchema, bulkEntriesSchema, discardTimerSchema, editEntrySchema, logEntrySchema, startTimerSchema, stopTimerSchema, voidEntrySchema } from "@/lib/hours/schemas";
import { discardTimer as dropTimer, startTimer as beginTimer, stopTimer as endTimer } from "@/lib/hours/timer";
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

/** Several entries at once (issue 25): one transaction, one audit event per entry, refused as a whole. */
export const bulkEntries = command({
  name: "entry.bulk", schema: bulkEntriesSchema, scope: "engineer",
  run: ({ tx, viewer, client, input: { clientId, ...change } }) => bulkChangeEntries(tx, viewer.userId, client, change, clockNow()),
  message: (result) => result.summary,
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

// The timer (issue 25): started for a client the engineer works for; stopped into an entry through logTime (as
// the dialog logs); discarded by its owner whatever their clients are now. Its row is the app's to write (service
// role): the command is the only way in. The shell shows it: the browser refreshes its page after start and discard.
export const startTimer = command({
  name: "timer.start", schema: startTimerSchema, scope: "engineer",
  run: ({ tx, viewer, client, input: { clientId, ...entry } }) => beginTimer(tx, viewer.userId, client, entry),
  message: (result) => result.summary,
  // Started from a roadmap item's page, that page (and the shell around it) renders again with the timer.
  refresh: ({ client }) => [[`/clients/${client.id}/roadmap`, "layout"]],
});

export const stopTimer = command({
  name: "timer.stop", schema: stopTimerSchema, scope: "engineer",
  run: ({ tx, viewer, client, input: { clientId, ...choice } }) => endTimer(tx, viewer.userId, client, choice, clockNow()),
  effect: (_ctx, outcome) => (outcome.status === "saved" ? deliverAlerts(_ctx, outcome) : outcome),
  refresh: (ctx, outcome) => (outcome?.status === "saved" ? ledgerPages(ctx) : []),
});

export const discardTimer = command({
  name: "timer.discard", schema: discardTimerSchema, scope: "staff", message: "Timer discarded. Nothing was logged.",
  run: ({ tx, viewer }) => dropTimer(tx, viewer.userId),
});
