// A local invoice as a printable page: the invoice, its client (bill-to) and lines, the practice's details,
// the month's hours from the statement snapshot stored at its close (so the overage adds up on paper), the
// supply period, and how to pay it. Who may read it is the invoice's RLS (owners of its client and the staff
// who work for it; members see no invoices); anyone else gets a 404.
import type { Session } from "@/lib/auth/session";
import { asService, asUser, type Tx } from "@/lib/db";
import { getClient } from "@/lib/db/clients";
import { getInvoiceById, invoiceLines, periodStatement, type InvoiceLineRow } from "@/lib/db/invoices";
import { getPaymentInstructions, getPracticeSettings } from "@/lib/db/settings";
import { addMonths } from "@/lib/domain/dates";
import { howToPay } from "@/lib/domain/payment";
import type { MonthStatement } from "@/lib/domain/retainer";
import { formatMinutes, formatMoney, formatMonth, formatSupplyPeriod } from "@/lib/format";
import { orNotFound, requireId } from "@/lib/pages/found";
import { found } from "@/lib/platform/errors";

export interface PrintedHoursRow {
  label: string;
  minutes: number;
  detail?: string;
}

/** The month's hours as the invoice prints them: what was available, what was used, and what carried on. */
export function printedHours(s: MonthStatement): PrintedHoursRow[] {
  const rows: PrintedHoursRow[] = [
    { label: "Included", minutes: s.includedMinutes },
    { label: "Rolled over in", minutes: s.rolloverInMinutes, detail: "Unused hours of earlier months" },
    { label: "Available", minutes: s.availableMinutes },
    { label: "Used", minutes: s.usedMinutes, detail: s.adjustmentMinutes ? `Including ${formatMinutes(s.adjustmentMinutes)} of corrections` : undefined },
    {
      label: "Overage", minutes: s.overageMinutes,
      detail: s.overageMinutes > 0 ? `Billed as ${formatMinutes(s.billedOverageMinutes)}, rounded up to ${s.terms.overageIncrementMinutes}-minute steps` : undefined,
    },
    {
      label: "Rolled over out", minutes: s.rolloverEarnedMinutes,
      detail: s.rolloverEarnedMinutes && s.terms.rolloverExpiryMonths ? `Usable through ${formatMonth(addMonths(s.month, s.terms.rolloverExpiryMonths))}` : undefined,
    },
    { label: "Expired", minutes: s.expiredMinutes, detail: s.expiredMinutes ? "Rollover not spent in time" : undefined },
  ];
  if (s.forfeitedMinutes) rows.push({ label: "Not carried", minutes: s.forfeitedMinutes, detail: s.terms.rolloverCapMinutes ? "Above the rollover cap" : "No rollover on this retainer" });
  return rows;
}

/** A line's quantity and rate columns as printed (the page's table and the PDF's). */
export function printedLine(l: InvoiceLineRow, currency: string): { quantity: string; rate: string } {
  const quantity = l.kind === "overage" && l.quantityMinutes !== null ? formatMinutes(l.quantityMinutes)
    : l.kind === "retainer_fee" && l.quantityMinutes ? `${formatMinutes(l.quantityMinutes)} included` : "1";
  return { quantity, rate: l.unitAmountCents !== null ? `${formatMoney(l.unitAmountCents, currency)}/h` : "" };
}

/** Who reads the invoice: a signed-in person under their RLS (the page, the PDF route), or the mail sender (service role) for the PDF it attaches. */
export type InvoiceReader = Session | "mail-sender";
const readAs = <T>(reader: InvoiceReader, read: (tx: Tx) => Promise<T>) => (reader === "mail-sender" ? asService(read) : asUser(reader.claims, read));

export type PrintInvoiceView = Awaited<ReturnType<typeof viewPrintInvoice>>;

export async function viewPrintInvoice(reader: InvoiceReader, invoiceId: string) {
  requireId(invoiceId);
  return orNotFound(readAs(reader, async (tx) => {
    const invoice = found(await getInvoiceById(tx, { invoiceId }), "That invoice");
    const client = found(await getClient(tx, { clientId: invoice.clientId }), "That client");
    const practice = found(await getPracticeSettings(tx), "The practice settings");
    const statement = await periodStatement(tx, { clientId: invoice.clientId, month: invoice.month });
    const open = invoice.status === "open" || invoice.status === "uncollectible";
    return {
      invoice,
      client,
      lines: await invoiceLines(tx, { invoiceId }),
      practice,
      supplyPeriod: formatSupplyPeriod(invoice.month),
      hours: statement ? printedHours(statement) : null,
      /** How to pay, while there is something to pay and no Stripe page to pay it on. */
      howToPay: open && !invoice.stripeInvoiceId ? howToPay(await getPaymentInstructions(tx), invoice.currency, practice) : null,
      /** Stripe's page to pay it on, while it is open there (the PDF prints the link). */
      payUrl: open && invoice.stripeInvoiceId ? invoice.hostedInvoiceUrl : null,
      /** The portal's page of the client's invoices, for the way back (on screen only). */
      invoicesHref: `/clients/${invoice.clientId}/invoices`,
    };
  }));
}
