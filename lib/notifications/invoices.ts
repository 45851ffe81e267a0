// Invoices in the owners' inboxes (issue 23): issued, paid and overdue; an issued one in the client's Slack too. The invoice's own emails (the local
// invoice with its PDF, Stripe's, the reminders) go to the owners and the billing contact whatever their
// preference, since they are the documents of the bill; the inbox row is the notice (lib/notifications/notify).
import type { Tx } from "@/lib/db";
import { getClient } from "@/lib/db/clients";
import { formatMoney, formatMonth } from "@/lib/format";
import { notify } from "@/lib/notifications/notify";
import { tellSlack } from "@/lib/slack/queue";

export interface InvoiceFact {
  id: string;
  clientId: string;
  month: string;
  number: string | null;
  totalCents: number;
  currency: string;
}

type InvoiceEvent = { kind: "issued" } | { kind: "paid" } | { kind: "overdue"; rungDays: number; daysOverdue: number };

export async function notifyInvoice(tx: Tx, invoice: InvoiceFact, event: InvoiceEvent): Promise<void> {
  // Whoever closes, marks paid or reminds can read the client (staff, the cron, the webhook's service role).
  const client = await getClient(tx, { clientId: invoice.clientId });
  if (!client) return;
  const what = `${invoice.number ? `Invoice ${invoice.number}` : "The invoice"} for ${formatMonth(invoice.month)}`;
  const amount = formatMoney(invoice.totalCents, invoice.currency);
  const title = event.kind === "issued" ? `${what} is issued: ${amount}`
    : event.kind === "paid" ? `${what} is paid: ${amount}, thank you`
    : `${what} is ${event.daysOverdue} ${event.daysOverdue === 1 ? "day" : "days"} overdue: ${amount}`;
  const href = `/clients/${client.id}/invoices/${invoice.id}`;
  if (event.kind === "issued") await tellSlack(tx, client, "invoice.issued", `invoice:${invoice.id}:issued`, { title, href });
  await notify(tx, {
    client, kind: `invoice.${event.kind}`, actorId: null, audience: { owners: true }, mailsItself: true,
    key: `invoice:${invoice.id}:${event.kind}${event.kind === "overdue" ? `:${event.rungDays}` : ""}`,
    title, href,
  });
}
