// Month close (DESIGN.md §6): under an advisory lock for (client, month), compute the statement from the
// ledger, insert the invoice (unique per client and month: a second run is a no-op), lock the period with
// its statement snapshot, audit, commit. Then push to Stripe step by step with idempotency keys derived
// from our ids, persisting each Stripe id as soon as it exists, so a crash or error anywhere is healed by
// the next run without duplicates.
import type Stripe from "stripe";
import { asService, type Tx } from "@/lib/db";
import { lapseExtraHours } from "@/lib/db/extra-hours";
import { reviewCounts } from "@/lib/db/reviews";
import { reviewState } from "@/lib/domain/review";
import { formatDate, formatMonth } from "@/lib/format";
import { recordAudit } from "@/lib/db/audit";
import { getBillingClient, listActiveClientTermStarts, listOwnerContacts } from "@/lib/db/clients";
import {
  advanceInvoice, findInvoice, getInvoiceById, insertInvoiceAndClose, invoicedMonths, invoiceLines, leaseInvoicePush, lockClientClose,
  markInvoicePushed, nextLocalInvoiceNumber, recordPushError, setInvoiceDueDate, setInvoiceTotalFromStripe, setStripeInvoiceId, setStripeInvoiceItemId,
  unpushedInvoices,
} from "@/lib/db/invoices";
import { getDaysUntilDue, getPracticeSettings } from "@/lib/db/settings";
import { stripeTaxRate, syncCustomer } from "@/lib/billing/customer";
import { addDays, addMonths, localDate, monthOf, type Month } from "@/lib/domain/dates";
import { firstBilledMonth } from "@/lib/domain/timing";
import { AppError, found } from "@/lib/platform/errors";
import { draftInvoice } from "@/lib/billing/draft";
import { enqueueMails } from "@/lib/mail/outbox";
import { notifyInvoice } from "@/lib/notifications/invoices";
import { invoiceIssuedMail } from "@/lib/mail/invoice-mails";
import { logger } from "@/lib/platform/log";
import { stripeClient, type StripeConfig } from "@/lib/billing/stripe";

const log = logger("billing.close");

export type CloseOutcome = "closed" | "already_closed" | "no_terms";

/**
 * How invoices are issued: "stripe" leaves the invoice a draft for the push to number and send; "local"
 * numbers it here (INV-00001) and it is final at once. One meaning only: whether to push now is not this.
 */
export type Invoicing = "stripe" | "local";

/** Phase 1, in one transaction. */
export async function closeMonthTx(tx: Tx, clientId: string, month: Month, opts: { actorId: string | null; now: Date; invoicing: Invoicing }): Promise<{ outcome: CloseOutcome; invoiceId: string | null }> {
  await lockClientClose(tx, { clientId });
  const existing = await findInvoice(tx, { clientId, month });
  if (existing) return { outcome: "already_closed", invoiceId: existing.id };
  const client = found(await getBillingClient(tx, { clientId }), "That client");
  const today = localDate(opts.now, client.timezone);
  if (month >= monthOf(today)) {
    throw new AppError("invalid", `That month has not ended yet in ${client.timezone}.`);
  }
  const draft = await draftInvoice(tx, client, month, opts.now);
  if (!draft) return { outcome: "no_terms", invoiceId: null };
  // A month with a statement waits for its owners' review (issue 23), never past the window.
  if (draft.statement) {
    const review = await reviewOf(tx, clientId, month, today);
    if (review.open) {
      throw new AppError("conflict", `The owners review ${formatMonth(month)} until ${formatDate(review.closesOn, { month: "long", day: "numeric" })} `
        + `(${review.confirmed} of ${review.owners} confirmed): it closes then, or as soon as every owner has confirmed.`);
    }
  }
  let local: { number: string; dueDate: string } | null = null;
  if (opts.invoicing === "local") {
    const days = await getDaysUntilDue(tx);
    local = { number: await nextLocalInvoiceNumber(tx), dueDate: addDays(today, days) };
  }
  const invoiceId = await insertInvoiceAndClose(tx, {
    actorId: opts.actorId, invoice: { clientId, month, currency: client.currency, statement: draft.statement, lines: draft.lines, legal: draft.legal, local },
  });
  // Unreachable under the close lock (the invoice was looked for first), but a local number taken for no
  // invoice must not commit: rolling back gives it back instead of leaving a gap.
  if (!invoiceId && local) throw new Error(`the invoice of ${clientId} for ${month} appeared under the close lock`);
  // Extra hours still waiting for a decision lapse with their month (issue 23).
  if (invoiceId) await lapseExtraHours(tx, { clientId, month });
  // An opening invoice (no statement of its own month) is, for its reader, the first month's.
  const mailMonth = draft.statement ? month : (draft.lines[0]?.forMonth ?? month);
  if (invoiceId && local) {
    const totalCents = draft.lines.reduce((sum, l) => sum + l.amountCents, 0);
    await mailLocalInvoice(tx, client, invoiceId, mailMonth, local, totalCents);
    // A Stripe invoice reaches the inbox when Stripe finalizes it (lib/billing/webhooks).
    await notifyInvoice(tx, { id: invoiceId, clientId, month: mailMonth, number: local.number, totalCents, currency: client.currency }, { kind: "issued" });
  }
  return { outcome: invoiceId ? "closed" : "already_closed", invoiceId };
}

/**
 * A local invoice is issued: its owners and billing contact (each address once) get an email with its PDF,
 * queued in the close's transaction and rendered by the sender. A Stripe invoice gets none: Stripe sends its own.
 */
async function mailLocalInvoice(tx: Tx, client: { id: string; name: string; currency: string; billingEmail: string }, invoiceId: string, month: Month, local: { number: string; dueDate: string }, totalCents: number) {
  const to = new Map<string, boolean>();
  for (const o of await listOwnerContacts(tx, { clientId: client.id })) to.set(o.email.toLowerCase(), true);
  const billing = client.billingEmail.trim().toLowerCase();
  if (billing && !to.has(billing)) to.set(billing, false);
  await enqueueMails(tx, [...to].map(([email, owner]) => invoiceIssuedMail({
    to: email, owner, clientId: client.id, clientName: client.name, invoiceId, number: local.number, month,
    totalCents, currency: client.currency, dueDate: local.dueDate, paid: totalCents === 0,
  })));
}

export interface CloseResult {
  clientId: string;
  month: Month;
  outcome: CloseOutcome;
  invoiceId: string | null;
  pushed: boolean;
}

/**
 * Closes one client's month. With Stripe configured (`stripe` set) its invoice is pushed at once — also when
 * another run closed it first and has not finished the push; the lease keeps two runs off one push. Without
 * Stripe (`stripe: null`) the invoice is local.
 */
export async function closeMonth(clientId: string, month: Month, opts: { actorId: string | null; now: Date; stripe: StripeConfig | null }): Promise<CloseResult> {
  const invoicing: Invoicing = opts.stripe ? "stripe" : "local";
  const { outcome, invoiceId } = await asService((tx) => closeMonthTx(tx, clientId, month, { actorId: opts.actorId, now: opts.now, invoicing }));
  let pushed = false;
  if (invoiceId && opts.stripe) pushed = await pushInvoice(invoiceId, opts.stripe, opts.now).catch((e) => {
    log.error({ err: e, invoiceId }, "stripe push failed; the next run retries");
    return false;
  });
  return { clientId, month, outcome, invoiceId, pushed };
}

/**
 * Ended months of every active client that are billed (from its first billed month: lib/domain/timing) but have
 * no invoice yet, oldest first per client. A client billed in advance that has no invoice yet also owes the
 * opening invoice: the close of the month before its first, which bills the first month's fee at its start.
 */
export async function dueMonths(now: Date): Promise<{ clientId: string; month: Month }[]> {
  return asService(async (tx) => {
    const clients = await listActiveClientTermStarts(tx);
    const invoiced = await invoicedMonths(tx);
    const done = new Set(invoiced.map((i) => `${i.clientId}:${i.month}`));
    const reviewDays = (await getPracticeSettings(tx))?.reviewDays ?? 0;
    const counts = await reviewCounts(tx, { clientIds: clients.map((c) => c.id) });
    const due: { clientId: string; month: Month }[] = [];
    for (const c of clients) {
      if (!c.firstTermMonth) continue;
      const today = localDate(now, c.timezone);
      const current = monthOf(today);
      const first = firstBilledMonth(c.firstTermMonth, c.start);
      const from = c.timing === "advance" && !c.invoiced ? addMonths(first, -1) : first;
      for (let m = from; m < current; m = addMonths(m, 1)) {
        if (done.has(`${c.id}:${m}`)) continue;
        // A billed month in its owners' review window waits (the opening invoice before the first month has none).
        const review = reviewState({ month: m, today, reviewDays, owners: counts.owners.get(c.id) ?? 0, confirmed: counts.confirmed.get(`${c.id}:${m}`) ?? 0 });
        if (m >= first && review.open) continue;
        due.push({ clientId: c.id, month: m });
      }
    }
    return due;
  });
}

/** The owners' review of one client's ended month (issue 23). */
async function reviewOf(tx: Tx, clientId: string, month: Month, today: string) {
  const [settings, counts] = await Promise.all([getPracticeSettings(tx), reviewCounts(tx, { clientIds: [clientId] })]);
  return reviewState({ month, today, reviewDays: settings?.reviewDays ?? 0, owners: counts.owners.get(clientId) ?? 0, confirmed: counts.confirmed.get(`${clientId}:${month}`) ?? 0 });
}

/**
 * The cron job: close every due month exactly as the staff close does (pushed to Stripe when it is
 * configured, local invoices otherwise), then finish any push an earlier run left unfinished.
 */
export async function closeDueMonths(opts: { now: Date; stripe: StripeConfig | null }): Promise<{ closed: number; pushed: number; failed: number }> {
  let closed = 0;
  let failed = 0;
  let pushedNow = 0;
  for (const { clientId, month } of await dueMonths(opts.now)) {
    try {
      const r = await closeMonth(clientId, month, { actorId: null, now: opts.now, stripe: opts.stripe });
      if (r.outcome === "closed") closed++;
      if (r.pushed) pushedNow++;
    } catch (e) {
      failed++;
      log.error({ err: e, clientId, month }, "month close failed");
    }
  }
  const pushed = pushedNow + (opts.stripe ? await pushPending(opts.stripe, opts.now) : 0);
  return { closed, pushed, failed };
}

export async function pushPending(stripe: StripeConfig, now: Date): Promise<number> {
  let pushed = 0;
  for (const { id } of await asService((tx) => unpushedInvoices(tx))) {
    if (await pushInvoice(id, stripe, now).catch((e) => {
      log.error({ err: e, invoiceId: id }, "stripe push failed; the next run retries");
      return false;
    })) pushed++;
  }
  return pushed;
}

/**
 * Phase 2: customer (once per client) → invoice → one invoice item per line → finalize → send. Each step
 * first checks what is already stored, uses an idempotency key derived from our ids, and stores what
 * Stripe returns at once. A lease keeps concurrent runners off the same invoice.
 */
export async function pushInvoice(invoiceId: string, cfg: StripeConfig, now: Date): Promise<boolean> {
  const leased = await asService((tx) => leaseInvoicePush(tx, { invoiceId }));
  if (!leased) return false;
  const stripe = stripeClient(cfg);
  try {
    const { invoice, client, lines, daysUntilDue, automaticTax } = await asService(async (tx) => {
      const invoice = found(await getInvoiceById(tx, { invoiceId }), "That invoice");
      const practice = found(await getPracticeSettings(tx), "The practice settings");
      return {
        invoice, client: found(await getBillingClient(tx, { clientId: invoice.clientId }), "That client"), lines: await invoiceLines(tx, { invoiceId }),
        daysUntilDue: practice.daysUntilDue, automaticTax: practice.stripeAutomaticTax,
      };
    });

    // The customer follows the client's billing details (name, email, address, tax id) at every push.
    const customerId = found(await syncCustomer(stripe, client.id, { create: true }), "That client");
    const treatment = invoice.legal?.treatment ?? { kind: "none" as const };
    // Stripe Tax (a practice option) computes the tax itself; otherwise the client's rate is a Stripe tax rate.
    const taxRateId = automaticTax ? null : await stripeTaxRate(stripe, treatment, invoice.legal?.seller.country ?? "");

    let stripeInvoiceId = invoice.stripeInvoiceId;
    if (!stripeInvoiceId) {
      const created = await stripe.invoices.create(
        {
          customer: customerId,
          collection_method: "send_invoice",
          days_until_due: daysUntilDue,
          currency: invoice.currency.toLowerCase(),
          pending_invoice_items_behavior: "exclude",
          auto_advance: false,
          ...(automaticTax ? { automatic_tax: { enabled: true } } : {}),
          description: `Retainer for ${invoice.month.slice(0, 7)}`,
          metadata: { invoice_id: invoiceId, client_id: client.id, month: invoice.month },
        },
        { idempotencyKey: `rp:invoice:${invoiceId}:create` },
      );
      stripeInvoiceId = created.id;
      await asService((tx) => setStripeInvoiceId(tx, { invoiceId, stripeInvoiceId: created.id }));
    }

    for (const line of lines) {
      if (line.stripeInvoiceItemId || line.amountCents === 0) continue;
      const item = await stripe.invoiceItems.create(
        {
          customer: customerId,
          invoice: stripeInvoiceId,
          amount: line.amountCents,
          currency: invoice.currency.toLowerCase(),
          description: line.description,
          ...(taxRateId && line.taxRateBp !== null ? { tax_rates: [taxRateId] } : {}),
          metadata: { invoice_id: invoiceId, line_id: line.id },
        },
        { idempotencyKey: `rp:invoice:${invoiceId}:line:${line.id}` },
      );
      await asService((tx) => setStripeInvoiceItemId(tx, { lineId: line.id, stripeInvoiceItemId: item.id }));
    }

    let finalized: Stripe.Invoice | null = null;
    if (invoice.status === "draft") {
      finalized = await stripe.invoices.finalizeInvoice(stripeInvoiceId, {}, { idempotencyKey: `rp:invoice:${invoiceId}:finalize` });
      await asService(async (tx) => {
        await advanceInvoice(tx, { invoiceId, to: "open", hostedInvoiceUrl: finalized!.hosted_invoice_url ?? null, number: finalized!.number ?? null });
        // Stripe rounds tax per line (and Stripe Tax decides it): the Stripe invoice is the one sent and paid, so
        // what it came to is what we record, and the difference is on record.
        if (finalized!.total !== invoice.totalCents) {
          await setInvoiceTotalFromStripe(tx, { invoiceId, totalCents: finalized!.total });
          await recordAudit(tx, {
            clientId: client.id, actorId: null, action: "invoice.tax_from_stripe", entity: "invoice", entityId: invoiceId,
            data: { ours: { totalCents: invoice.totalCents, taxCents: invoice.taxCents }, stripe: { totalCents: finalized!.total }, automaticTax },
          });
        }
        if (finalized!.due_date) {
          await setInvoiceDueDate(tx, { invoiceId, dueDate: localDate(new Date(finalized!.due_date * 1000), client.timezone) });
        }
      });
    }
    if (!invoice.stripeSentAt) {
      await stripe.invoices.sendInvoice(stripeInvoiceId, {}, { idempotencyKey: `rp:invoice:${invoiceId}:send` });
    }
    await asService(async (tx) => {
      await markInvoicePushed(tx, { invoiceId });
      await recordAudit(tx, { clientId: client.id, actorId: null, action: "invoice.issued", entity: "invoice", entityId: invoiceId, data: { stripeInvoiceId, at: now.toISOString() } });
    });
    return true;
  } catch (e) {
    await asService((tx) => recordPushError(tx, { invoiceId, error: String((e as Error).message).slice(0, 500) }));
    throw e;
  }
}
