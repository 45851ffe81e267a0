// One handler per Stripe event type. The route verifies, checks the shape (parseStripeEvent), dedupes and
// dispatches; handlers run in the same transaction as the dedupe row, so a handler that fails leaves the event
// unrecorded and Stripe's retry runs it again.
//
// Stripe delivers events in any order and more than once. The invoice row is locked first, and an event is
// applied only if it still means something for the status the row has then (lib/domain/invoice-status): a
// late or contradicting event is "ignored" — no change, no audit row, no email. A payment or a void withdraws
// a "payment failed" email still waiting in the outbox, and any move away from open the reminders still
// waiting (lib/billing/reminders); one already delivered stays delivered (it was true when it went out).
import { z } from "zod";
import { withServiceRole, type Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { listOwnerContacts } from "@/lib/db/clients";
import { advanceInvoice, findInvoiceByStripeId, type InvoiceRow } from "@/lib/db/invoices";
import { withdrawPendingMails } from "@/lib/db/outbox";
import {
  contradictsPaymentFailed, isStripeInvoiceEventType, stripeEventEffect, type InvoiceStatus, type StripeInvoiceEventType,
} from "@/lib/domain/invoice-status";
import { enqueueMails } from "@/lib/mail/outbox";
import { notifyInvoice } from "@/lib/notifications/invoices";
import { invoiceReminderKeyPrefix } from "@/lib/mail/invoice-mails";
import { paymentFailedKeyPrefix, paymentFailedMail } from "@/lib/mail/templates";

const envelopeSchema = z.object({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(255),
  data: z.object({ object: z.looseObject({}) }),
});

/** The fields of a Stripe invoice the handlers read; the rest of the object is not ours to check. */
const invoiceSchema = z.looseObject({
  id: z.string().min(1).max(255),
  object: z.literal("invoice"),
  number: z.string().min(1).max(100).nullish(),
  hosted_invoice_url: z.url({ protocol: /^https?$/ }).max(2000).nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
});
type StripeInvoice = z.infer<typeof invoiceSchema>;

export type StripeWebhookEvent =
  | { id: string; type: StripeInvoiceEventType; invoice: StripeInvoice }
  | { id: string; type: string; invoice: null };

/**
 * Checks a verified payload (undefined: it was not JSON) has the shape of an event: `problem` says briefly
 * what is wrong (for the 400 reply and the log), never echoing the payload. Invoice events must carry an
 * invoice; other types only the envelope.
 */
export function parseStripeEvent(
  payload: unknown,
): { ok: true; event: StripeWebhookEvent } | { ok: false; problem: string; eventId: string | undefined } {
  if (payload === undefined) return { ok: false, problem: "the body is not a JSON event", eventId: undefined };
  const envelope = envelopeSchema.safeParse(payload);
  if (!envelope.success) return { ok: false, problem: describe(envelope.error), eventId: idOf(payload) };
  const { id, type } = envelope.data;
  if (!isStripeInvoiceEventType(type)) return { ok: true, event: { id, type, invoice: null } };
  const invoice = invoiceSchema.safeParse(envelope.data.data.object);
  if (!invoice.success) return { ok: false, problem: describe(invoice.error, "data.object"), eventId: id };
  return { ok: true, event: { id, type, invoice: invoice.data } };
}

/** The id of a malformed payload, if it has a usable one, for the log line. */
function idOf(payload: unknown): string | undefined {
  const id = typeof payload === "object" && payload !== null ? (payload as { id?: unknown }).id : undefined;
  return typeof id === "string" ? id.slice(0, 100) : undefined;
}

function describe(error: z.ZodError, under?: string): string {
  const issue = error.issues[0];
  const path = [under, ...issue.path.map(String)].filter(Boolean).join(".");
  const message = issue.message.replace(/^Invalid input: /, "");
  return (path ? `${path}: ${message}` : message).slice(0, 200);
}

type Handler = (tx: Tx, invoice: InvoiceRow, stripeInvoice: StripeInvoice, eventId: string) => Promise<Record<string, unknown>>;

/** A move the status table allowed: the row is locked, so it changes. */
const moveTo = (to: InvoiceStatus): Handler => async (tx, inv, si) => {
  await advanceInvoice(tx, { invoiceId: inv.id, to, paidAt: to === "paid", hostedInvoiceUrl: si.hosted_invoice_url ?? null, number: si.number ?? null });
  // Reminders stop at once for anything but an open invoice; "payment failed" once there is nothing to pay.
  const prefixes = [...(contradictsPaymentFailed(to) ? [paymentFailedKeyPrefix(inv.id)] : []), ...(to !== "open" ? [invoiceReminderKeyPrefix(inv.id)] : [])];
  let withdrawnMails = 0;
  for (const keyPrefix of prefixes) withdrawnMails += await withServiceRole(tx, () => withdrawPendingMails(tx, { clientId: inv.clientId, keyPrefix }));
  if (to === "open" || to === "paid") {
    await notifyInvoice(tx, { ...inv, number: inv.number ?? si.number ?? null }, { kind: to === "open" ? "issued" : "paid" });
  }
  return withdrawnMails > 0 ? { withdrawnMails } : {};
};

const tellOwnersPaymentFailed: Handler = async (tx, inv, si, eventId) => {
  const owners = await listOwnerContacts(tx, { clientId: inv.clientId });
  const mails = owners.map((o) => paymentFailedMail({
    to: o.email, clientId: inv.clientId, clientName: o.clientName, invoiceId: inv.id, eventId,
    number: inv.number ?? si.number ?? null, totalCents: inv.totalCents, currency: inv.currency,
    payUrl: si.hosted_invoice_url ?? inv.hostedInvoiceUrl,
  }));
  await withServiceRole(tx, () => enqueueMails(tx, mails));
  return {};
};

const HANDLERS: Record<StripeInvoiceEventType, Handler> = {
  "invoice.finalized": moveTo("open"),
  "invoice.paid": moveTo("paid"),
  "invoice.voided": moveTo("void"),
  "invoice.marked_uncollectible": moveTo("uncollectible"),
  "invoice.payment_failed": tellOwnersPaymentFailed,
};

/** Applies one event; "ignored" for types and invoices that are not ours and for stale events. */
export async function handleStripeEvent(tx: Tx, event: StripeWebhookEvent): Promise<"applied" | "ignored"> {
  if (!event.invoice) return "ignored";
  const si = event.invoice;
  const invoice = await findInvoiceByStripeId(tx, { stripeInvoiceId: si.id, ourId: si.metadata?.invoice_id });
  if (!invoice) return "ignored";
  const effect = stripeEventEffect(event.type, invoice.status);
  if (effect.kind === "stale") return "ignored";
  const data = await HANDLERS[event.type](tx, invoice, si, event.id);
  await recordAudit(tx, {
    clientId: invoice.clientId, actorId: null, action: event.type.replace("invoice.", "invoice.stripe_"), entity: "invoice", entityId: invoice.id,
    data: { eventId: event.id, ...data },
  });
  return "applied";
}
