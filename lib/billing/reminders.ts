// Reminders of unpaid invoices (issue 27), sent by the daily cron (/api/cron/send-reminders). For each open
// invoice whose age past its due date (the client's day) has reached a rung of the practice's ladder not sent
// yet, one reminder to each owner and the billing contact, through the outbox. Each invoice is handled in its
// own transaction that locks the invoice row, re-reads its status and the rungs sent, records the rung and
// queues the emails together: a rerun or a concurrent run never sends a rung twice, and a payment that
// lands first (the webhook and "mark paid" take the same row) stops the ladder. A payment that lands after
// withdraws the emails not delivered yet (lib/billing/webhooks.ts, lib/billing/local.ts).
import { asService, type Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { listOwnerContacts } from "@/lib/db/clients";
import { insertInvoiceReminder, lockInvoiceForReminder, openInvoicesDueBefore, type ReminderCandidate } from "@/lib/db/reminders";
import { getPracticeSettings } from "@/lib/db/settings";
import { addDays, localDate } from "@/lib/domain/dates";
import { dueRung, remindable, type ReminderSettings } from "@/lib/domain/reminders";
import { enqueueMails } from "@/lib/mail/outbox";
import { notifyInvoice } from "@/lib/notifications/invoices";
import { invoiceReminderMail } from "@/lib/mail/invoice-mails";
import { found } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/log";

const log = logger("billing.reminders");

/** The rung an invoice is due for today in its client's zone, under the practice's settings; null for none. */
const rungFor = (inv: ReminderCandidate, settings: ReminderSettings, now: Date) =>
  remindable(inv, settings) ? dueRung({ ladder: settings.reminderDays, dueDate: inv.dueDate, today: localDate(now, inv.timezone), sent: inv.sent }) : null;

/**
 * Reminds one invoice if it is still due a rung, in the caller's transaction (the service role's): locks the
 * invoice, decides again from what it reads under the lock, records the rung, queues the emails and audits.
 * Returns the rung and how many emails were queued, or null when nothing was due (paid meanwhile, reminded by
 * another run, nobody to write to).
 */
export async function remindInvoiceTx(tx: Tx, invoiceId: string, now: Date): Promise<{ rungDays: number; emails: number } | null> {
  const inv = await lockInvoiceForReminder(tx, { invoiceId });
  if (!inv) return null;
  const practice = found(await getPracticeSettings(tx), "The practice settings");
  const due = rungFor(inv, practice, now);
  if (!due) return null;
  const owners = await listOwnerContacts(tx, { clientId: inv.clientId });
  const to = new Map<string, boolean>(owners.map((o) => [o.email.toLowerCase(), false]));
  if (inv.billingEmail && !to.has(inv.billingEmail.toLowerCase())) to.set(inv.billingEmail.toLowerCase(), true);
  if (to.size === 0) return null; // nobody to remind: the rung stays unsent, for when someone is
  if (!(await insertInvoiceReminder(tx, { invoiceId, clientId: inv.clientId, rungDays: due.rung, daysOverdue: due.daysOverdue, recipients: to.size, sentAt: now }))) return null;
  const emails = await enqueueMails(tx, [...to].map(([email, billingContact]) => invoiceReminderMail({
    to: email, billingContact, clientId: inv.clientId, clientName: inv.clientName, invoiceId, rungDays: due.rung,
    number: inv.number, totalCents: inv.totalCents, currency: inv.currency, dueDate: inv.dueDate, daysOverdue: due.daysOverdue,
    payUrl: inv.hostedInvoiceUrl, contactEmail: practice.invoiceEmail,
  })));
  await notifyInvoice(tx, { id: invoiceId, clientId: inv.clientId, month: inv.month, number: inv.number, totalCents: inv.totalCents, currency: inv.currency },
    { kind: "overdue", rungDays: due.rung, daysOverdue: due.daysOverdue });
  await recordAudit(tx, {
    clientId: inv.clientId, actorId: null, action: "invoice.reminded", entity: "invoice", entityId: invoiceId,
    data: { rungDays: due.rung, daysOverdue: due.daysOverdue, emails, at: now.toISOString() },
  });
  return { rungDays: due.rung, emails };
}

/** The cron job: every open invoice due a rung today gets its reminder. */
export async function sendDueReminders({ now }: { now: Date }): Promise<{ reminded: number; emails: number; failed: number }> {
  // No zone's day is more than one ahead of UTC's: anything due from tomorrow (UTC) on is not overdue anywhere.
  const { candidates, settings } = await asService(async (tx) => ({
    candidates: await openInvoicesDueBefore(tx, { dueBefore: addDays(localDate(now, "UTC"), 1) }),
    settings: found(await getPracticeSettings(tx), "The practice settings"),
  }));
  let reminded = 0;
  let emails = 0;
  let failed = 0;
  for (const inv of candidates) {
    if (!rungFor(inv, settings, now)) continue; // decided again under the lock; this only skips the many with nothing due
    try {
      const r = await asService((tx) => remindInvoiceTx(tx, inv.id, now));
      if (r) {
        reminded++;
        emails += r.emails;
      }
    } catch (e) {
      failed++;
      log.error({ err: e, invoiceId: inv.id }, "invoice reminder failed; the next run retries");
    }
  }
  return { reminded, emails, failed };
}
