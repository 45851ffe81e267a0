// An invoice's status follows Stripe's invoice lifecycle ("Status transitions and finalization",
// docs.stripe.com/invoicing/integration/workflow-transitions): draft → open; open → paid | void | uncollectible;
// uncollectible → paid | void. Paid and void are final. A payment attempt that fails leaves an open or
// uncollectible invoice as it is. The database holds the same moves (private.invoice_status_moves_forward).
//
// A row may be behind Stripe (a webhook not delivered yet, a push that crashed after finalizing), so a move
// may skip a step: draft → paid means "finalized, then paid", and is allowed.

import type { LocalDate } from "@/lib/types/dates";

export const INVOICE_STATUSES = ["draft", "open", "paid", "void", "uncollectible"] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

const MOVES: Record<InvoiceStatus, readonly InvoiceStatus[]> = {
  draft: ["open", "paid", "void", "uncollectible"],
  open: ["paid", "void", "uncollectible"],
  uncollectible: ["paid", "void"],
  paid: [],
  void: [],
};

export const isFinalStatus = (status: InvoiceStatus) => MOVES[status].length === 0;

export const canMove = (from: InvoiceStatus, to: InvoiceStatus) => MOVES[from].includes(to);

/** The statuses an invoice may move to `to` from. */
export const statusesBefore = (to: InvoiceStatus) => INVOICE_STATUSES.filter((from) => canMove(from, to));

/** The Stripe events that move an invoice, and where to. */
export const STATUS_EVENTS = {
  "invoice.finalized": "open",
  "invoice.paid": "paid",
  "invoice.voided": "void",
  "invoice.marked_uncollectible": "uncollectible",
} as const satisfies Record<string, InvoiceStatus>;

export type StripeInvoiceEventType = keyof typeof STATUS_EVENTS | "invoice.payment_failed";

export const isStripeInvoiceEventType = (type: string): type is StripeInvoiceEventType =>
  type === "invoice.payment_failed" || Object.hasOwn(STATUS_EVENTS, type);

/**
 * What an event does to an invoice that is in `status` when it arrives: a move, a failed payment to tell the
 * owners about, or nothing because the event is stale (the invoice is already there or past it).
 */
export function stripeEventEffect(type: StripeInvoiceEventType, status: InvoiceStatus): { kind: "move"; to: InvoiceStatus } | { kind: "payment_failed" } | { kind: "stale" } {
  if (type === "invoice.payment_failed") return isFinalStatus(status) ? { kind: "stale" } : { kind: "payment_failed" };
  const to = STATUS_EVENTS[type];
  return canMove(status, to) ? { kind: "move", to } : { kind: "stale" };
}

/**
 * A "payment failed, pay here" email contradicts these statuses: once paid or void there is nothing to pay.
 * An uncollectible invoice can still be paid, so the email stays true.
 */
export const contradictsPaymentFailed = (status: InvoiceStatus) => status === "paid" || status === "void";

/** What a person reads an invoice as: its status, or "overdue" (issue 27). Never stored; computed per view. */
export type InvoiceDisplayStatus = InvoiceStatus | "overdue";

/**
 * "Overdue": still to be paid (open, or uncollectible, which a client can still pay) and past its due date,
 * that is `today` (the client's calendar day by the app clock, lib/domain/dates localDate) is after it. On
 * the due date itself it is not overdue yet. Paid, void and draft invoices, and those without a due date,
 * read as their status.
 */
export function displayStatus(invoice: { status: InvoiceStatus; dueDate: LocalDate | null }, today: LocalDate): InvoiceDisplayStatus {
  const unpaid = invoice.status === "open" || invoice.status === "uncollectible";
  return unpaid && invoice.dueDate !== null && today > invoice.dueDate ? "overdue" : invoice.status;
}
