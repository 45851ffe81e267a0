import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import type { LocalDate, Month } from "@/lib/domain/dates";
import { localInvoiceNumber } from "@/lib/domain/invoice-number";
import { statusesBefore, type InvoiceStatus } from "@/lib/domain/invoice-status";
import type { MonthStatement } from "@/lib/domain/retainer";
import { taxTotals, type InvoiceLegal } from "@/lib/domain/tax";
import type { BilledMonth, InvoiceLineDraft } from "@/lib/types/retainer";

export type { InvoiceStatus } from "@/lib/domain/invoice-status";

export interface InvoiceRow {
  id: string;
  clientId: string;
  month: Month;
  number: string | null;
  status: InvoiceStatus;
  currency: string;
  /** What is due (net + tax). */
  totalCents: number;
  netCents: number;
  taxCents: number;
  /** The parties and the tax as issued; null on invoices from before tax and legal fields existed. */
  legal: InvoiceLegal | null;
  dueDate: LocalDate | null;
  stripeInvoiceId: string | null;
  hostedInvoiceUrl: string | null;
  issuedAt: Date | null;
  paidAt: Date | null;
  pushedAt: Date | null;
  pushError: string | null;
  stripeSentAt: Date | null;
  createdAt: Date;
}

export interface InvoiceLineRow {
  id: string;
  position: number;
  kind: "retainer_fee" | "overage" | "adjustment";
  description: string;
  quantityMinutes: number | null;
  unitAmountCents: number | null;
  amountCents: number;
  /** The earlier month an adjustment line corrects; null on the invoice's own lines. */
  forMonth: Month | null;
  /** Tax rate in basis points; null: no tax on the line. */
  taxRateBp: number | null;
  stripeInvoiceItemId: string | null;
}

const invoiceSelect = (tx: Tx) => tx`
  select id, client_id as "clientId", to_char(month, 'YYYY-MM-DD') as month, number, status, currency,
         total_cents as "totalCents", net_cents as "netCents", tax_cents as "taxCents", legal, to_char(due_date, 'YYYY-MM-DD') as "dueDate", stripe_invoice_id as "stripeInvoiceId",
         hosted_invoice_url as "hostedInvoiceUrl", issued_at as "issuedAt", paid_at as "paidAt", pushed_at as "pushedAt",
         private.invoice_push_error(id) as "pushError", stripe_sent_at as "stripeSentAt", created_at as "createdAt"
  from public.invoices`;

export function listInvoices(tx: Tx, { clientId }: { clientId: string }) {
  return tx<InvoiceRow[]>`${invoiceSelect(tx)} where client_id = ${clientId} order by month desc`;
}

export async function getInvoice(tx: Tx, { clientId, invoiceId }: { clientId: string; invoiceId: string }): Promise<InvoiceRow | null> {
  const [row] = await tx<InvoiceRow[]>`${invoiceSelect(tx)} where client_id = ${clientId} and id = ${invoiceId}`;
  return row ?? null;
}

export async function findInvoice(tx: Tx, { clientId, month }: { clientId: string; month: Month }): Promise<InvoiceRow | null> {
  const [row] = await tx<InvoiceRow[]>`${invoiceSelect(tx)} where client_id = ${clientId} and month = ${month}`;
  return row ?? null;
}

/**
 * The invoice a Stripe event is about, locked until the transaction ends so that events of one invoice apply
 * one at a time, each seeing the status the previous one left. `ourId` (the metadata the push sets) finds an
 * invoice whose push created it in Stripe but crashed before storing the Stripe id; never a local invoice or
 * one already tied to another Stripe invoice.
 */
export async function findInvoiceByStripeId(tx: Tx, { stripeInvoiceId, ourId }: { stripeInvoiceId: string; ourId?: string }): Promise<InvoiceRow | null> {
  const [row] = await tx<InvoiceRow[]>`
    ${invoiceSelect(tx)} where stripe_invoice_id = ${stripeInvoiceId}
      ${ourId ? tx`or (stripe_invoice_id is null and pushed_at is null and id::text = ${ourId})` : tx``}
    limit 1 for update`;
  return row ?? null;
}

const lineColumns = (tx: Tx) => tx`
  id, position, kind, description, quantity_minutes as "quantityMinutes", unit_amount_cents as "unitAmountCents",
  amount_cents as "amountCents", to_char(for_month, 'YYYY-MM-DD') as "forMonth", tax_rate_bp as "taxRateBp", stripe_invoice_item_id as "stripeInvoiceItemId"`;

export function invoiceLines(tx: Tx, { invoiceId }: { invoiceId: string }) {
  return tx<InvoiceLineRow[]>`select ${lineColumns(tx)} from public.invoice_lines where invoice_id = ${invoiceId} order by position`;
}

/** Every line of the client's invoices, with the invoice each belongs to (one query for a list of invoices). */
export function clientInvoiceLines(tx: Tx, { clientId }: { clientId: string }) {
  return tx<(InvoiceLineRow & { invoiceId: string })[]>`
    select ${lineColumns(tx)}, invoice_id as "invoiceId" from public.invoice_lines where client_id = ${clientId} order by invoice_id, position`;
}

/**
 * What the client's standing invoices billed for each month: the month's own invoice plus every adjustment of
 * it on a later one. A month whose own invoice is void is left out (nothing stands to correct), and so are the
 * lines of void invoices.
 */
export function billedByMonth(tx: Tx, { clientId }: { clientId: string }) {
  return tx<BilledMonth[]>`
    select to_char(coalesce(l.for_month, i.month), 'YYYY-MM-DD') as month, sum(l.amount_cents)::bigint as cents,
           coalesce(sum(l.quantity_minutes) filter (where l.kind <> 'retainer_fee'), 0)::int as "overageMinutes"
    from public.invoice_lines l
    join public.invoices i on i.id = l.invoice_id and i.client_id = l.client_id
    where l.client_id = ${clientId} and i.status <> 'void'
      and coalesce(l.for_month, i.month) not in (select month from public.invoices where client_id = ${clientId} and status = 'void')
    group by 1`;
}

/**
 * Where each month's fee was billed: the standing invoice carrying a fee line for it (its own invoice in arrears,
 * the previous month's in advance). What decides whether a close still owes a month's fee (lib/domain/timing).
 */
export function billedFees(tx: Tx, { clientId }: { clientId: string }) {
  return tx<{ month: Month; invoiceId: string; invoiceMonth: Month; number: string | null }[]>`
    select distinct on (coalesce(l.for_month, i.month))
           to_char(coalesce(l.for_month, i.month), 'YYYY-MM-DD') as month, i.id as "invoiceId", to_char(i.month, 'YYYY-MM-DD') as "invoiceMonth", i.number
    from public.invoice_lines l
    join public.invoices i on i.id = l.invoice_id and i.client_id = l.client_id
    where l.client_id = ${clientId} and i.status <> 'void' and l.kind = 'retainer_fee'
    order by coalesce(l.for_month, i.month), i.month`;
}

/** Invoices still to be pushed to Stripe (their close committed, the push did not finish). */
export function unpushedInvoices(tx: Tx) {
  return tx<{ id: string; clientId: string }[]>`
    select id, client_id as "clientId" from public.invoices where pushed_at is null and status <> 'void' order by created_at`;
}

export interface NewInvoice {
  clientId: string;
  month: Month;
  currency: string;
  /** The closed month's statement; null on an opening invoice (the month before an advance client's first). */
  statement: MonthStatement | null;
  /** The statement's lines, then adjustments of earlier months (lib/domain/corrections); they sum to the net. */
  lines: InvoiceLineDraft[];
  /** The parties and tax treatment the invoice states (invoices.legal). */
  legal: InvoiceLegal | null;
  /** Local invoices get a number, are open and issued at once; Stripe ones wait as drafts for the push. */
  local: { number: string; dueDate: LocalDate } | null;
}

/**
 * Records the month's invoice, locks the month with its statement snapshot and audits both, in the
 * caller's transaction. Returns null when the month already has an invoice (the close already ran).
 */
export async function insertInvoiceAndClose(tx: Tx, { actorId, invoice: n }: { actorId: string | null; invoice: NewInvoice }): Promise<string | null> {
  const { grossCents: total, taxCents } = taxTotals(n.lines.map((l) => ({ amountCents: l.amountCents, taxRateBp: l.taxRateBp ?? null })));
  const [inv] = await tx<{ id: string }[]>`
    insert into public.invoices (client_id, month, number, status, currency, total_cents, tax_cents, legal, due_date, issued_at, pushed_at)
    values (${n.clientId}, ${n.month}, ${n.local?.number ?? null}, ${n.local ? (total === 0 ? "paid" : "open") : "draft"},
            ${n.currency}, ${total}, ${taxCents}, ${n.legal ? tx.json(n.legal as never) : null}, ${n.local?.dueDate ?? null},
            ${n.local ? tx`now()` : null}, ${n.local ? tx`now()` : null})
    on conflict (client_id, month) do nothing
    returning id`;
  if (!inv) return null;
  for (const [position, l] of n.lines.entries()) {
    await tx`
      insert into public.invoice_lines (invoice_id, client_id, position, kind, description, quantity_minutes, unit_amount_cents, amount_cents, for_month, tax_rate_bp)
      values (${inv.id}, ${n.clientId}, ${position}, ${l.kind}, ${l.description}, ${l.quantityMinutes}, ${l.unitAmountCents}, ${l.amountCents}, ${l.forMonth},
              ${l.taxRateBp ?? null})`;
  }
  await tx`
    insert into public.billing_periods (client_id, month, status, closed_at, closed_by, statement)
    values (${n.clientId}, ${n.month}, 'closed', now(), ${actorId}, ${n.statement ? tx.json(n.statement as never) : null})
    on conflict (client_id, month) do update set status = 'closed', closed_at = now(), closed_by = excluded.closed_by, statement = excluded.statement
    where billing_periods.status = 'open'`;
  await recordAudit(tx, {
    clientId: n.clientId, actorId, action: "month.closed", entity: "invoice", entityId: inv.id,
    data: { month: n.month, totalCents: total, taxCents, currency: n.currency, lines: n.lines, number: n.local?.number ?? null },
  });
  return inv.id;
}

/**
 * Takes the practice's next local invoice number (INV-00001, …) in the caller's transaction, which must be
 * the service role's: the counter row stays locked until that transaction ends, so concurrent closes take
 * turns, and a rollback gives the number back. No gaps, no duplicates. Take it last, just before the insert
 * that uses it, since every other close waits on the row until this one commits.
 */
export async function nextLocalInvoiceNumber(tx: Tx): Promise<string> {
  const [row] = await tx<{ last: string }[]>`update private.invoice_counters set last = last + 1 where practice returning last`;
  if (!row) throw new Error("private.invoice_counters has no row for the practice (migration 20261206000100 creates it)");
  return localInvoiceNumber(Number(row.last));
}

/** Moves an invoice forward (never back, lib/domain/invoice-status); returns whether anything changed. */
export async function advanceInvoice(
  tx: Tx,
  { invoiceId, to, paidAt = false, hostedInvoiceUrl = null, number = null }:
    { invoiceId: string; to: InvoiceStatus; paidAt?: boolean; hostedInvoiceUrl?: string | null; number?: string | null },
): Promise<boolean> {
  const from = statusesBefore(to);
  const rows = await tx`
    update public.invoices set status = ${to},
      paid_at = ${paidAt ? tx`coalesce(paid_at, now())` : tx`paid_at`},
      hosted_invoice_url = coalesce(${hostedInvoiceUrl}, hosted_invoice_url),
      number = coalesce(${number}, number),
      issued_at = coalesce(issued_at, ${to === "open" ? tx`now()` : tx`issued_at`})
    where id = ${invoiceId} and status in ${tx(from.length ? from : ["__none__"])}
    returning id`;
  return rows.length > 0;
}

/**
 * Staff mark a local invoice paid (as themselves, under RLS). Signed-in people change no invoice directly:
 * the definer function checks the caller works for the client, that the invoice is local and still payable,
 * and records the audit event (actor: the caller) with the change. False when nothing changed.
 */
export async function markPaidLocally(tx: Tx, { clientId, invoiceId }: { clientId: string; invoiceId: string }): Promise<boolean> {
  const [row] = await tx<{ changed: boolean }[]>`select private.mark_local_invoice_paid(${clientId}, ${invoiceId}) as changed`;
  return row.changed;
}

export function recentInvoices(tx: Tx, { limit = 50 }: { limit?: number } = {}) {
  return tx<(InvoiceRow & { clientName: string; clientTimezone: string })[]>`
    select i.id, i.client_id as "clientId", c.name as "clientName", c.timezone as "clientTimezone", to_char(i.month, 'YYYY-MM-DD') as month, i.number, i.status,
           i.currency, i.total_cents as "totalCents", i.net_cents as "netCents", i.tax_cents as "taxCents", i.legal, to_char(i.due_date, 'YYYY-MM-DD') as "dueDate",
           i.stripe_invoice_id as "stripeInvoiceId", i.hosted_invoice_url as "hostedInvoiceUrl", i.issued_at as "issuedAt",
           i.paid_at as "paidAt", i.pushed_at as "pushedAt", private.invoice_push_error(i.id) as "pushError", i.stripe_sent_at as "stripeSentAt",
           i.created_at as "createdAt"
    from public.invoices i join public.clients c on c.id = i.client_id
    order by i.created_at desc limit ${limit}`;
}

export async function getInvoiceById(tx: Tx, { invoiceId }: { invoiceId: string }): Promise<InvoiceRow | null> {
  const [row] = await tx<InvoiceRow[]>`${invoiceSelect(tx)} where id = ${invoiceId}`;
  return row ?? null;
}

/**
 * The statement snapshot stored when the month was closed; null for a member (the snapshot holds amounts,
 * which only staff and owners read: the column is not selectable by `authenticated`).
 */
export async function periodStatement(tx: Tx, { clientId, month }: { clientId: string; month: Month }): Promise<MonthStatement | null> {
  const [row] = await tx<{ statement: MonthStatement | null }[]>`select private.period_statement(${clientId}, ${month}) as statement`;
  return row?.statement ?? null;
}

// Month close and the Stripe push (service role). Each write stores one fact as soon as it exists, so a
// crash between steps is healed by the next run (lib/billing/close.ts).

/**
 * Serializes closes of one client until the transaction ends: a close reads what every earlier invoice billed
 * (its adjustments depend on it), so two closes of the same client never run side by side.
 */
export async function lockClientClose(tx: Tx, { clientId }: { clientId: string }) {
  await tx`select pg_advisory_xact_lock(hashtextextended(${`close:${clientId}`}, 0))`;
}

/** Every (client, month) that has an invoice, in any status. */
export function invoicedMonths(tx: Tx) {
  return tx<{ clientId: string; month: Month }[]>`
    select client_id as "clientId", to_char(month, 'YYYY-MM-DD') as month from public.invoices`;
}

/**
 * Takes the push lease of an invoice not yet pushed; false when it is pushed, void, or another runner took
 * the lease less than 5 minutes ago.
 */
export async function leaseInvoicePush(tx: Tx, { invoiceId }: { invoiceId: string }): Promise<boolean> {
  const rows = await tx`
    update public.invoices set push_started_at = now()
    where id = ${invoiceId} and pushed_at is null and status <> 'void'
      and (push_started_at is null or push_started_at < now() - interval '5 minutes')
    returning id`;
  return rows.length > 0;
}

/** Stores the Stripe invoice once; one already stored is kept. */
export async function setStripeInvoiceId(tx: Tx, { invoiceId, stripeInvoiceId }: { invoiceId: string; stripeInvoiceId: string }) {
  await tx`update public.invoices set stripe_invoice_id = ${stripeInvoiceId} where id = ${invoiceId} and stripe_invoice_id is null`;
}

/** Stores a line's Stripe invoice item once; one already stored is kept. */
export async function setStripeInvoiceItemId(tx: Tx, { lineId, stripeInvoiceItemId }: { lineId: string; stripeInvoiceItemId: string }) {
  await tx`update public.invoice_lines set stripe_invoice_item_id = ${stripeInvoiceItemId} where id = ${lineId} and stripe_invoice_item_id is null`;
}

export async function setInvoiceDueDate(tx: Tx, { invoiceId, dueDate }: { invoiceId: string; dueDate: LocalDate }) {
  await tx`update public.invoices set due_date = ${dueDate} where id = ${invoiceId}`;
}

/** The push finished: sent (first time only), pushed, no error, lease released. */
export async function markInvoicePushed(tx: Tx, { invoiceId }: { invoiceId: string }) {
  await tx`update public.invoices set stripe_sent_at = coalesce(stripe_sent_at, now()), pushed_at = now(), push_error = null, push_started_at = null where id = ${invoiceId}`;
}

/** The push failed: releases the lease so the next run retries, and keeps the error for the billing page. */
export async function recordPushError(tx: Tx, { invoiceId, error }: { invoiceId: string; error: string }) {
  await tx`update public.invoices set push_started_at = null, push_error = ${error} where id = ${invoiceId}`;
}

/** A Stripe invoice came to another total than ours (its tax is rounded per line, or Stripe Tax decided it): record Stripe's. */
export async function setInvoiceTotalFromStripe(tx: Tx, { invoiceId, totalCents }: { invoiceId: string; totalCents: number }) {
  await tx`update public.invoices set tax_cents = ${totalCents} - net_cents, total_cents = ${totalCents} where id = ${invoiceId} and stripe_invoice_id is not null`;
}
