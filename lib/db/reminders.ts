// Reminders of unpaid invoices (issue 27): the rungs of the practice's ladder sent per invoice. Written by the
// cron as the service role (lib/billing/reminders.ts); read by staff and owners of the invoice's client (RLS).
import type { Tx } from "@/lib/db";
import type { LocalDate } from "@/lib/domain/dates";
import type { InvoiceStatus } from "@/lib/domain/invoice-status";

/** An open invoice with a due date, with what a reminder of it needs: its client and the rungs already sent. */
export interface ReminderCandidate {
  id: string;
  clientId: string;
  clientName: string;
  timezone: string;
  billingEmail: string;
  month: string;
  number: string | null;
  status: InvoiceStatus;
  currency: string;
  totalCents: number;
  dueDate: LocalDate;
  stripeInvoiceId: string | null;
  hostedInvoiceUrl: string | null;
  sent: number[];
}

const candidateSelect = (tx: Tx) => tx`
  select i.id, i.client_id as "clientId", c.name as "clientName", c.timezone, c.billing_email as "billingEmail", i.number, i.status,
         to_char(i.month, 'YYYY-MM-DD') as month,
         i.currency, i.total_cents as "totalCents", to_char(i.due_date, 'YYYY-MM-DD') as "dueDate", i.stripe_invoice_id as "stripeInvoiceId",
         i.hosted_invoice_url as "hostedInvoiceUrl",
         array(select r.rung_days from public.invoice_reminders r where r.invoice_id = i.id order by 1) as sent
  from public.invoices i join public.clients c on c.id = i.client_id`;

/** Every open invoice due before `dueBefore` (a calendar day: the caller's bound for every zone), oldest due first. */
export function openInvoicesDueBefore(tx: Tx, { dueBefore }: { dueBefore: LocalDate }) {
  return tx<ReminderCandidate[]>`
    ${candidateSelect(tx)} where i.status = 'open' and i.due_date is not null and i.due_date < ${dueBefore}
    order by i.due_date, i.id`;
}

/**
 * One invoice as it stands now, locked until the transaction ends: a payment (a Stripe event, marking it paid)
 * waits for the reminder's transaction, or the reminder for the payment's, so neither reads a stale status.
 */
export async function lockInvoiceForReminder(tx: Tx, { invoiceId }: { invoiceId: string }): Promise<ReminderCandidate | null> {
  await tx`select 1 from public.invoices where id = ${invoiceId} for update`;
  const [row] = await tx<ReminderCandidate[]>`${candidateSelect(tx)} where i.id = ${invoiceId}`;
  return row ?? null;
}

/** Records a rung sent at `sentAt` (the app clock); false when that rung of the invoice was already recorded (nothing changed). */
export async function insertInvoiceReminder(
  tx: Tx,
  { invoiceId, clientId, rungDays, daysOverdue, recipients, sentAt }:
    { invoiceId: string; clientId: string; rungDays: number; daysOverdue: number; recipients: number; sentAt: Date },
): Promise<boolean> {
  const rows = await tx`
    insert into public.invoice_reminders (invoice_id, client_id, rung_days, days_overdue, recipients, sent_at)
    values (${invoiceId}, ${clientId}, ${rungDays}, ${daysOverdue}, ${recipients}, ${sentAt})
    on conflict (invoice_id, rung_days) do nothing returning invoice_id`;
  return rows.length > 0;
}

export interface InvoiceReminderRow {
  rungDays: number;
  daysOverdue: number;
  sentAt: Date;
}

/** The reminders sent for an invoice, first first (none for a caller who may not read the invoice). */
export function listInvoiceReminders(tx: Tx, { invoiceId }: { invoiceId: string }) {
  return tx<InvoiceReminderRow[]>`
    select rung_days as "rungDays", days_overdue as "daysOverdue", sent_at as "sentAt"
    from public.invoice_reminders where invoice_id = ${invoiceId} order by rung_days`;
}
