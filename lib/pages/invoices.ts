// A client's invoices page: every invoice with its lines and what it reads as ("Overdue" past its due date in
// the client's zone), and the ended months still waiting for theirs.
import { awaitingWithAdjustments } from "@/lib/billing/draft";
import { asUser } from "@/lib/db";
import { invoiceLines, listInvoices } from "@/lib/db/invoices";
import { closedMonths } from "@/lib/db/periods";
import { displayStatus } from "@/lib/domain/invoice-status";
import { awaitingInvoice } from "@/lib/domain/month-phase";
import { clientMonth } from "@/lib/hours/month";
import type { ClientPage } from "@/lib/pages/access";

export async function viewInvoices({ claims, client }: ClientPage, now: Date) {
  const clientId = client.id;
  return asUser(claims, async (tx) => {
    const cm = await clientMonth(tx, client, now);
    const closed = new Set((await closedMonths(tx, { clientId })).map((c) => c.month));
    return {
      invoices: await Promise.all((await listInvoices(tx, { clientId })).map(async (i) => ({
        ...i, displayStatus: displayStatus(i, cm.today), lines: await invoiceLines(tx, { invoiceId: i.id }),
      }))),
      awaiting: await awaitingWithAdjustments(tx, clientId, cm.history, awaitingInvoice(cm.history, cm.currentMonth, cm.today, closed)),
    };
  });
}
