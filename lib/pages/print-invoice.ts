// A local invoice as a printable page: the invoice, its client and lines, and the practice's details. Who may
// read it is the invoice's RLS (owners of its client and the staff who work for it); anyone else gets a 404.
import type { Session } from "@/lib/auth/session";
import { asUser } from "@/lib/db";
import { getClient } from "@/lib/db/clients";
import { getInvoiceById, invoiceLines } from "@/lib/db/invoices";
import { getPracticeSettings } from "@/lib/db/settings";
import { orNotFound, requireId } from "@/lib/pages/found";
import { found } from "@/lib/platform/errors";

export async function viewPrintInvoice({ claims }: Session, invoiceId: string) {
  requireId(invoiceId);
  return orNotFound(asUser(claims, async (tx) => {
    const invoice = found(await getInvoiceById(tx, { invoiceId }), "That invoice");
    return { invoice, client: found(await getClient(tx, { clientId: invoice.clientId }), "That client"), lines: await invoiceLines(tx, { invoiceId }), practice: found(await getPracticeSettings(tx), "The practice settings") };
  }));
}
