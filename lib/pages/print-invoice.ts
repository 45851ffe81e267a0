// A local invoice as a printable page: the invoice, its client (bill-to) and lines, the practice's details,
// the month's hours from the statement snapshot stored at its close (so the overage adds up on paper), the
// supply period, and how to pay it. Who may read it is the invoice's RLS (owners of its client and the staff
// who work for it; members see no invoices); anyone else gets a 404.
import type { Session } from "@/lib/auth/session";
import { asService, asUser, type Tx } from "@/lib/db";
import { getClient } from "@/lib/db/clients";
import { getInvoiceById, invoiceLines, periodStatement, type InvoiceLineRow, type InvoiceRow } from "@/lib/db/invoices";
import { getPaymentInstructions, getPracticeSettings } from "@/lib/db/settings";
import { addMonths } from "@/lib/domain/dates";
import { howToPay } from "@/lib/domain/payment";
import type { MonthStatement } from "@/lib/domain/retainer";
import { formatRate, sellerRegistration, TAX_SCHEMES, taxTotals, treatmentNote, type InvoiceLegal } from "@/lib/domain/tax";
import { addressLines, formatMinutes, formatMoney, formatMonth, formatSupplyPeriodOf } from "@/lib/format";
import type { PracticeSettings } from "@/lib/db/settings";
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

export interface PrintedParty {
  name: string;
  /** The address, one line each, the country last. */
  lines: string[];
  /** "NZ GST number 123456789", "Qualified invoice issuer number T1234567890123"; null when none is printed. */
  taxNumber: string | null;
}

/** Seller and buyer as the invoice states them: its snapshot, or (before snapshots) today's details. */
export function printedParties(legal: InvoiceLegal | null, practice: PracticeSettings, clientName: string): { seller: PrintedParty; buyer: PrintedParty } {
  const address = addressLines;
  if (!legal) {
    return {
      seller: { name: practice.legalName || practice.name, lines: address(practice.address, ""), taxNumber: null },
      buyer: { name: clientName, lines: [], taxNumber: null },
    };
  }
  const reg = sellerRegistration(legal);
  return {
    seller: {
      name: legal.seller.legalName || legal.seller.name, lines: address(legal.seller.address, legal.seller.country),
      taxNumber: reg ? `${TAX_SCHEMES[reg.scheme].label} ${reg.number}` : null,
    },
    buyer: { name: legal.buyer.name || clientName, lines: address(legal.buyer.address, legal.buyer.country), taxNumber: legal.buyer.taxId ? `Tax number ${legal.buyer.taxId}` : null },
  };
}

export interface PrintedTotals {
  /** Subtotal and tax per rate, printed above the total when the invoice charges tax; empty otherwise. */
  rows: { label: string; cents: number }[];
  totalCents: number;
  /** The wording of a reverse charge or an exempt supply. */
  note: string | null;
}

/** The totals block: net, tax per rate ("GST 15% on NZ$8,200.00") and what is due. */
export function printedTotals(invoice: Pick<InvoiceRow, "totalCents" | "netCents" | "taxCents" | "legal">, lines: Pick<InvoiceLineRow, "amountCents" | "taxRateBp">[], money: (c: number) => string): PrintedTotals {
  const treatment = invoice.legal?.treatment ?? { kind: "none" as const };
  const note = treatmentNote(treatment);
  if (treatment.kind !== "standard" && invoice.taxCents === 0) return { rows: [], totalCents: invoice.totalCents, note };
  const label = treatment.kind === "standard" ? treatment.label || "Tax" : "Tax";
  const t = taxTotals(lines);
  // The stored tax is what was issued; the per-rate split is shown when the lines reproduce it exactly.
  const byRate = t.taxCents === invoice.taxCents
    ? t.byRate.map((r) => ({ label: `${label} ${formatRate(r.rateBp)} on ${money(r.netCents)}`, cents: r.taxCents }))
    : [{ label, cents: invoice.taxCents }];
  return { rows: [{ label: "Subtotal (excluding tax)", cents: invoice.netCents }, ...byRate], totalCents: invoice.totalCents, note };
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
    const lines = await invoiceLines(tx, { invoiceId });
    return {
      invoice,
      client,
      lines,
      practice,
      /** Seller and buyer as the invoice states them. */
      parties: printedParties(invoice.legal, practice, client.name),
      /** Subtotal, tax per rate and the total. */
      totals: printedTotals(invoice, lines, (c) => formatMoney(c, invoice.currency)),
      // The months its own lines are for: in advance, the month closed and the next month's fee.
      supplyPeriod: formatSupplyPeriodOf(lines.some((l) => l.kind !== "adjustment")
        ? lines.filter((l) => l.kind !== "adjustment").map((l) => l.forMonth ?? invoice.month)
        : [invoice.month]),
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
