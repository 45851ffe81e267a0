// One handler per Stripe event type. The route verifies, dedupes and dispatches; handlers run in the same
// transaction as the dedupe row, so a handler that fails leaves the event unrecorded and Stripe's retry
// runs it again. Statuses only move forward, so late or shuffled deliveries change nothing.
import type Stripe from "stripe";
import { withServiceRole, type Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { listOwnerContacts } from "@/lib/db/clients";
import { advanceInvoice, findInvoiceByStripeId, type InvoiceRow } from "@/lib/db/invoices";
import { formatMoney } from "@/lib/format";
import { enqueueMail } from "@/lib/mail/outbox";

type Handler = (tx: Tx, invoice: InvoiceRow, stripeInvoice: Stripe.Invoice, event: Stripe.Event) => Promise<boolean>;

const HANDLERS: Record<string, Handler> = {
  "invoice.finalized": (tx, inv, si) => advanceInvoice(tx, inv.id, "open", { hostedInvoiceUrl: si.hosted_invoice_url ?? null, number: si.number ?? null }),
  "invoice.paid": (tx, inv) => advanceInvoice(tx, inv.id, "paid", { paidAt: true }),
  "invoice.voided": (tx, inv) => advanceInvoice(tx, inv.id, "void"),
  "invoice.marked_uncollectible": (tx, inv) => advanceInvoice(tx, inv.id, "uncollectible"),
  "invoice.payment_failed": async (tx, inv, si, event) => {
    const owners = await listOwnerContacts(tx, { clientId: inv.clientId });
    await withServiceRole(tx, async () => {
      for (const o of owners) {
        await enqueueMail(tx, {
          kind: "invoice.payment_failed",
          clientId: inv.clientId,
          to: o.email,
          subject: `${o.clientName}: payment of invoice ${inv.number ?? ""} failed`.replace("  ", " "),
          text: `The payment of ${formatMoney(inv.totalCents, inv.currency)} for invoice ${inv.number ?? ""} did not go through.\n\nYou can pay it here: ${si.hosted_invoice_url ?? inv.hostedInvoiceUrl ?? ""}`,
          dedupeKey: `payment_failed:${event.id}:${o.email}`,
        });
      }
    });
    return true;
  },
};

/** Applies one event. Returns "ignored" for types and invoices that are not ours. */
export async function handleStripeEvent(tx: Tx, event: Stripe.Event): Promise<"applied" | "unchanged" | "ignored"> {
  const handler = HANDLERS[event.type];
  if (!handler) return "ignored";
  const si = event.data.object as Stripe.Invoice;
  const invoice = si.id ? await findInvoiceByStripeId(tx, si.id, si.metadata?.invoice_id) : null;
  if (!invoice) return "ignored";
  const changed = await handler(tx, invoice, si, event);
  if (changed) {
    await recordAudit(tx, {
      clientId: invoice.clientId, actorId: null, action: event.type.replace("invoice.", "invoice.stripe_"), entity: "invoice", entityId: invoice.id,
      data: { eventId: event.id },
    });
  }
  return changed ? "applied" : "unchanged";
}
