// "Explain this invoice": the invoice, its lines, the month's statement, every billable entry of the month with
// where its hours went (rollover, included, overage), the adjustments of earlier months it carries, and what the
// invoice reads as on the client's day (`now` from the app clock). A 404 for an id that is not one of this client's.
import { asUser } from "@/lib/db";
import { listEntries } from "@/lib/db/entries";
import { getInvoice, invoiceLines, periodStatement } from "@/lib/db/invoices";
import { localDate } from "@/lib/domain/dates";
import { displayStatus } from "@/lib/domain/invoice-status";
import { explainEntries } from "@/lib/domain/ledger";
import type { ClientPage } from "@/lib/pages/access";
import { orNotFound, requireId } from "@/lib/pages/found";
import { found } from "@/lib/platform/errors";

export async function viewInvoice({ claims, client }: ClientPage, invoiceId: string, now: Date) {
  requireId(invoiceId);
  const clientId = client.id;
  const { invoice, lines, statement, entries } = await orNotFound(asUser(claims, async (tx) => {
    const invoice = found(await getInvoice(tx, { clientId, invoiceId }), "That invoice");
    return {
      invoice,
      lines: await invoiceLines(tx, { invoiceId }),
      statement: await periodStatement(tx, { clientId, month: invoice.month }),
      entries: await listEntries(tx, { clientId, month: invoice.month }),
    };
  }));
  return {
    invoice, displayStatus: displayStatus(invoice, localDate(now, client.timezone)), lines, statement, rows: explainEntries(statement, entries),
    /** Earlier months re-priced by corrections, credited or charged on this invoice. */
    adjustments: lines.filter((l) => l.kind === "adjustment"),
    /** Corrections recorded this month against closed months: they count in the month they correct. */
    corrections: entries.filter((e) => !e.voidedAt && e.billable && e.adjustsEntryId),
  };
}
