// Billing's changes, as commands (lib/commands/command.ts). Closing and pushing run as the service role after
// the caller's access was checked in the command's own transaction: the close takes its own lock and
// transaction, and Stripe is never called inside one.
import { z } from "zod";
import { closeMonth as close, pushInvoice } from "@/lib/billing/close";
import { dueForStaff } from "@/lib/billing/due";
import { markPaid as markInvoicePaid, updatePractice as savePractice } from "@/lib/billing/local";
import { closeSchema, invoiceSchema, practiceSettingsSchema } from "@/lib/billing/schemas";
import { clientIdField } from "@/lib/schemas/fields";
import { openCustomerPortal } from "@/lib/billing/customer";
import { stripeConfigFromEnv } from "@/lib/billing/stripe";
import { command, type Refresh } from "@/lib/commands/command";
import { formatMonth } from "@/lib/format";
import { kickMailDelivery } from "@/lib/mail/kick";
import { clockNow } from "@/lib/platform/clock";
import { AppError, found } from "@/lib/platform/errors";
import { getClient } from "@/lib/db/clients";
import { notInReview } from "@/lib/reviews/months";

const billingPages = (clientId?: string): Refresh[] => (clientId ? ["/billing", [`/clients/${clientId}`, "layout"]] : ["/billing"]);

/** After a close the month leaves the list, so the page says what was issued (?issued=<invoice ids>). */
const issuedNotice = (invoiceIds: (string | null)[]) => {
  const ids = invoiceIds.filter((id): id is string => Boolean(id));
  return ids.length ? `/billing?issued=${ids.join(",")}` : "/billing";
};

export const closeMonth = command({
  name: "billing.close", schema: closeSchema, scope: "engineer", message: "Month closed and invoice issued.",
  run: async () => undefined,
  effect: async ({ viewer, client, input }) => {
    const r = await close(client.id, input.month, { actorId: viewer.userId, now: clockNow(), stripe: stripeConfigFromEnv() });
    if (r.outcome === "no_terms") throw new AppError("invalid", "That month has no retainer terms, so there is nothing to bill.");
    kickMailDelivery(); // a local invoice's email and PDF
    return r;
  },
  refresh: ({ client }) => billingPages(client.id),
  next: (r) => issuedNotice([r.invoiceId]),
});

export const closeAllDue = command({
  name: "billing.closeAll", schema: z.object({}), scope: "staff", message: "All due months closed.",
  // Months in their owners' review wait for it (issue 23): the others close.
  run: async ({ tx }) => notInReview(tx, await dueForStaff(tx, clockNow()), clockNow(), async (clientId) => found(await getClient(tx, { clientId }), "That client")),
  effect: async ({ viewer }, due) => {
    const issued: (string | null)[] = [];
    for (const d of due) {
      const r = await close(d.clientId, d.month, { actorId: viewer.userId, now: clockNow(), stripe: stripeConfigFromEnv() });
      if (r.outcome === "closed") issued.push(r.invoiceId);
    }
    kickMailDelivery(); // local invoices' emails and PDFs
    return { closed: issued.length, issued, months: due.map((d) => formatMonth(d.month)) };
  },
  refresh: () => billingPages(),
  next: (r) => issuedNotice(r.issued),
});

/** The invoice id is checked against the client in the command's transaction, like every owned id. */
export const retryPush = command({
  name: "billing.retryPush", schema: invoiceSchema, scope: "engineer", message: "Invoice sent to Stripe.",
  run: async () => undefined,
  effect: async ({ input }) => {
    const stripe = stripeConfigFromEnv();
    if (!stripe) throw new AppError("invalid", "Stripe is not configured.");
    const pushed = await pushInvoice(input.invoiceId, stripe, clockNow()).catch(() => false);
    if (!pushed) throw new AppError("unavailable", "Stripe did not accept the invoice yet. It will be retried automatically; try again in a few minutes.");
  },
  refresh: ({ client }) => billingPages(client.id),
});

export const markPaid = command({
  name: "billing.markPaid", schema: invoiceSchema, scope: "engineer", message: "Marked paid.",
  run: ({ tx, client, input }) => markInvoicePaid(tx, client.id, input.invoiceId),
  effect: () => kickMailDelivery(),
  refresh: ({ client }) => billingPages(client.id),
});

export const updatePractice = command({
  name: "practice.update", schema: practiceSettingsSchema, scope: "admin", message: "Practice settings saved.",
  run: ({ tx, viewer, input }) => savePractice(tx, viewer.userId, input),
  refresh: () => ["/settings"],
});

/**
 * "Manage billing": an owner opens Stripe's Customer Portal for their client (card, billing details, invoice
 * history, autopay with a saved card), and comes back to the invoices page. Owners only: the portal changes how
 * the client pays. Without Stripe there is no portal.
 */
export const openBillingPortal = command({
  name: "billing.portal", schema: z.object({ clientId: clientIdField }), scope: "owner",
  forbidden: "Only the client's owners can manage its billing.",
  run: async () => undefined,
  effect: async ({ client }) => {
    const stripe = stripeConfigFromEnv();
    if (!stripe) throw new AppError("invalid", "Payments are not set up with Stripe, so there is no billing portal. Each invoice says how to pay it.");
    return openCustomerPortal(stripe, client.id);
  },
  next: (url) => url,
});
