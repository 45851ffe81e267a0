// A client's invoices page: every invoice with its lines, what it reads as ("Overdue" past its due date in the
// client's zone) and what it offers to pay it (Stripe's page, or the practice's instructions for its currency),
// and the ended months still waiting for theirs.
import { awaitingWithAdjustments } from "@/lib/billing/draft";
import { stripeConfigFromEnv } from "@/lib/billing/stripe";
import { asUser } from "@/lib/db";
import { invoiceLines, listInvoices } from "@/lib/db/invoices";
import { closedMonths } from "@/lib/db/periods";
import { getPaymentInstructions, getPracticeSettings } from "@/lib/db/settings";
import { displayStatus } from "@/lib/domain/invoice-status";
import { awaitingInvoice } from "@/lib/domain/month-phase";
import { howToPay, paymentOption } from "@/lib/domain/payment";
import { clientMonth } from "@/lib/hours/month";
import type { ClientPage } from "@/lib/pages/access";
import { reviewUntilOf } from "@/lib/reviews/months";
import { found } from "@/lib/platform/errors";

export async function viewInvoices({ claims, client, memberRole }: ClientPage, now: Date) {
  const clientId = client.id;
  return asUser(claims, async (tx) => {
    const cm = await clientMonth(tx, client, now);
    const closed = new Set((await closedMonths(tx, { clientId })).map((c) => c.month));
    const invoices = await listInvoices(tx, { clientId });
    const practice = invoices.length ? found(await getPracticeSettings(tx), "The practice settings") : null;
    const instructions = invoices.length ? await getPaymentInstructions(tx) : null;
    return {
      invoices: await Promise.all(invoices.map(async (i) => ({
        ...i,
        displayStatus: displayStatus(i, cm.today),
        lines: await invoiceLines(tx, { invoiceId: i.id }),
        payment: paymentOption(i, howToPay(instructions!, i.currency, practice!)),
      }))),
      /** Owners manage the card and billing details in Stripe's Customer Portal, when the practice bills through Stripe. */
      manageBilling: memberRole === "owner" && Boolean(stripeConfigFromEnv()),
      awaiting: await awaitingWithAdjustments(tx, clientId, cm, awaitingInvoice(cm.history, cm.currentMonth, cm.today, closed, await reviewUntilOf(tx, client, cm.today))),
    };
  });
}
