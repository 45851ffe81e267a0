// What staff and admins change by hand in billing: a local invoice marked paid (its owners are notified), and the practice's details
// printed on every invoice. The refusals are here; lib/db/invoices and lib/db/settings write the rows.
import { withServiceRole, type Tx } from "@/lib/db";
import { getInvoice, markPaidLocally } from "@/lib/db/invoices";
import { withdrawPendingMails } from "@/lib/db/outbox";
import { updatePracticeSettings, type PracticeSettingsInput } from "@/lib/db/settings";
import { invoiceReminderKeyPrefix } from "@/lib/mail/invoice-mails";
import { notifyInvoice } from "@/lib/notifications/invoices";
import { AppError, found, notFound } from "@/lib/platform/errors";

/**
 * Marks an open local invoice of the client paid (as the caller: the definer function checks them too), and
 * withdraws its reminders still waiting in the outbox (the outbox is the service role's).
 */
export async function markPaid(tx: Tx, clientId: string, invoiceId: string): Promise<void> {
  const invoice = found(await getInvoice(tx, { clientId, invoiceId }), "That invoice");
  if (!(await markPaidLocally(tx, { clientId, invoiceId }))) {
    throw new AppError("conflict", "Only open local invoices can be marked paid; Stripe invoices follow Stripe.");
  }
  await withServiceRole(tx, () => withdrawPendingMails(tx, { clientId, keyPrefix: invoiceReminderKeyPrefix(invoiceId) }));
  await notifyInvoice(tx, invoice, { kind: "paid" });
}

export async function updatePractice(tx: Tx, actorId: string, input: PracticeSettingsInput): Promise<void> {
  if (!(await updatePracticeSettings(tx, { actorId, input }))) throw notFound("The practice settings");
}
