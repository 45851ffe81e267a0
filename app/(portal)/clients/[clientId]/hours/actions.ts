"use server";
import { revalidatePath } from "next/cache";
import { formValues, runAction, type ActionState } from "@/lib/actions";
import { actionClaims, requireWorksFor, staffSessionFor } from "@/lib/auth/viewer";
import { asUser } from "@/lib/db";
import { getClient } from "@/lib/db/clients";
import { getEntry, insertEntry, updateEntry, voidEntry, type EntryInput } from "@/lib/db/ledger";
import { addDays, localDate, monthOf } from "@/lib/domain/dates";
import { AppError } from "@/lib/errors";
import { formatMinutes, formatMoney } from "@/lib/format";
import { logEntry, sendDueAlerts, type ClientRef, type LogOutcome } from "@/lib/ledger";
import { kickMailDelivery } from "@/lib/mail/kick";
import { adjustEntrySchema, editEntrySchema, logEntrySchema, voidEntrySchema } from "@/lib/schemas";
import { clockNow } from "@/lib/clock";


function refresh(clientId: string) {
  revalidatePath(`/clients/${clientId}`, "layout");
  revalidatePath("/engineer");
  kickMailDelivery(); // alerts the change may have queued
}

/** Work can be logged up to today in the client's zone (tomorrow is allowed for a late-night engineer ahead of UTC). */
function refuseFuture(client: ClientRef, workDate: string) {
  const latest = addDays(localDate(clockNow(), client.timezone), 1);
  if (workDate > latest) {
    const msg = `That date is in the future for ${client.name} (${client.timezone}).`;
    throw new AppError("invalid", msg, { workDate: [msg] });
  }
}

export async function logEntryAction(_: ActionState<LogOutcome>, form: FormData): Promise<ActionState<LogOutcome>> {
  return runAction("entry.log", logEntrySchema, formValues(form), async ({ clientId, confirmOverage, ...input }): Promise<LogOutcome> => {
    // The hot path: authorization, the entry, its audit and alerts in one transaction.
    const claims = await actionClaims();
    const { client, result } = await asUser(claims, async (tx) => {
      const [client] = await Promise.all([getClient(tx, { clientId }), requireWorksFor(tx, clientId)]);
      refuseFuture(client, input.workDate);
      return { client, result: await logEntry(tx, claims.sub, client, input, { confirmed: confirmOverage, now: clockNow() }) };
    });
    if (result.status === "needs_confirmation") {
      const w = result.warning;
      return {
        status: "needs_confirmation",
        overage: formatMinutes(w.billedOverageMinutes),
        amount: formatMoney(w.overageAmountCents, client.currency),
        preapproved: formatMinutes(w.preapprovedMinutes),
        unapproved: formatMinutes(w.unapprovedMinutes),
      };
    }
    refresh(clientId);
    return { status: "saved", entryId: result.entryId, summary: `Logged ${formatMinutes(input.minutes)} for ${client.name.replace(/\.$/, "")}.` };
  });
}

export async function editEntryAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction("entry.edit", editEntrySchema, formValues(form), async ({ clientId, entryId, ...input }) => {
    const { claims } = await staffSessionFor(clientId);
    await asUser(claims, async (tx) => {
      const client = await getClient(tx, { clientId });
      refuseFuture(client, input.workDate);
      await updateEntry(tx, claims.sub, clientId, entryId, input);
      await sendDueAlerts(tx, client, clockNow());
    });
    refresh(clientId);
  }, "Entry updated.");
}

export async function voidEntryAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction("entry.void", voidEntrySchema, formValues(form), async ({ clientId, entryId, reason }) => {
    const { claims } = await staffSessionFor(clientId);
    await asUser(claims, (tx) => voidEntry(tx, claims.sub, clientId, entryId, reason));
    refresh(clientId);
  }, "Entry voided.");
}

/** A correction of a closed month's entry, recorded in an open month and pointing at the original. */
export async function adjustEntryAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction("entry.adjust", adjustEntrySchema, formValues(form), async ({ clientId, entryId, workDate, minutes, description }) => {
    const { claims } = await staffSessionFor(clientId);
    await asUser(claims, async (tx) => {
      const client = await getClient(tx, { clientId });
      refuseFuture(client, workDate);
      const original = await getEntry(tx, { clientId, entryId });
      if (!original.monthClosed) {
        throw new AppError("invalid", "That entry's month is still open: edit the entry itself instead.");
      }
      if (monthOf(workDate) <= monthOf(original.workDate)) {
        const msg = "Record the correction in a later, open month.";
        throw new AppError("invalid", msg, { workDate: [msg] });
      }
      const input: EntryInput = {
        workDate, minutes, description, category: original.category, billable: original.billable, roadmapItemId: original.roadmapItemId,
      };
      await insertEntry(tx, claims.sub, clientId, input, entryId);
      await sendDueAlerts(tx, client, clockNow());
    });
    refresh(clientId);
  }, "Correction recorded.");
}
