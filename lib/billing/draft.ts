// What closing a month would invoice: its own lines — the month's fee unless it was billed in advance, its
// overage, and for a client billed in advance the next month's fee (lib/domain/timing) — each saying which month
// it is for, then an adjustment for every earlier invoiced month that corrections have re-priced since
// (lib/domain/corrections). The close writes it; the billing page previews it, so what staff are shown is what
// the close issues.
import type { Tx } from "@/lib/db";
import { getBillingDetails } from "@/lib/db/billing-details";
import { billedByMonth, billedFees } from "@/lib/db/invoices";
import { getPracticeSettings } from "@/lib/db/settings";
import { adjustmentsFor, type MonthAdjustment } from "@/lib/domain/corrections";
import { addMonths, type Month } from "@/lib/domain/dates";
import { invoiceLegal, lineRateBp, missingLegalFields, taxTotals, type InvoiceLegal, type MissingField, type TaxTotals } from "@/lib/domain/tax";
import { timedLines, type TimedLine } from "@/lib/domain/timing";
import { formatDate, formatMinutes, formatMonth } from "@/lib/format";
import { clientMonth } from "@/lib/hours/month";
import type { ClientRef } from "@/lib/types/clients";
import type { ClientMonth } from "@/lib/types/hours";
import type { AwaitingInvoice, InvoiceLineDraft, MonthStatement } from "@/lib/types/retainer";

export interface InvoiceDraft {
  /** The statement of the month the close ends; null on an opening invoice (the month before the first, in advance). */
  statement: MonthStatement | null;
  lines: InvoiceLineDraft[];
  /** What is due: net plus tax (`tax.grossCents`). */
  totalCents: number;
  /** Net, tax per rate (rounded once per rate) and gross. */
  tax: TaxTotals;
  /** The parties and the treatment as the invoice will state them. */
  legal: InvoiceLegal;
  /** What the invoice would lack under its jurisdiction's rules (shown to staff before the close). */
  missing: MissingField[];
  /** The adjustment lines among `lines`. */
  adjustments: InvoiceLineDraft[];
}

/** The parties and tax treatment an invoice of the client states today: the practice's and the client's details. */
export async function legalFor(tx: Tx, client: ClientRef): Promise<InvoiceLegal> {
  const [practice, details] = await Promise.all([getPracticeSettings(tx), getBillingDetails(tx, { clientId: client.id })]);
  const seller = {
    name: practice?.name ?? "", legalName: practice?.legalName ?? "", address: practice?.address ?? "",
    country: practice?.country ?? "", registrations: practice?.taxRegistrations ?? [],
  };
  const buyer = { name: details.legalName || client.name, address: details.address, country: details.country, taxId: details.taxId };
  return invoiceLegal(seller, buyer, details.treatment);
}

/** An adjustment as the invoice line a person reads: which month, why, and by how much. */
export function adjustmentLine(a: MonthAdjustment): InvoiceLineDraft {
  const month = formatMonth(a.forMonth);
  const whole = a.amountCents === a.owedCents;
  const hours = a.overageMinutesChange === 0 ? "" : ` (${a.overageMinutesChange < 0 ? "−" : "+"}${formatMinutes(Math.abs(a.overageMinutesChange))} of billed overage)`;
  return {
    kind: "adjustment",
    description: a.amountCents < 0
      ? `Credit for ${month}: corrected after it was invoiced${hours}${whole ? "" : "; the rest of the credit follows on the next invoice"}`
      : `${month} corrected after it was invoiced${hours}`,
    quantityMinutes: whole ? a.overageMinutesChange : null,
    unitAmountCents: whole && a.overageMinutesChange !== 0 ? a.overageRateCentsPerHour : null,
    amountCents: a.amountCents,
    forMonth: a.forMonth,
  };
}

/** A line of the invoice's own, worded: which month it is for, in advance or not, prorated or not. */
export function timedLine(l: TimedLine, invoiceMonth: Month): InvoiceLineDraft {
  const month = formatMonth(l.forMonth);
  const prorated = l.prorated
    ? `, prorated from ${formatDate(l.prorated.fromDate, { month: "short", day: "numeric" })}: ${l.prorated.days} of ${l.prorated.daysInMonth} days`
    : "";
  return {
    kind: l.kind,
    description: l.kind === "retainer_fee"
      ? `Retainer fee for ${month}${l.inAdvance ? " (in advance)" : ""}${prorated}`
      : l.quoted
        ? `Extra hours of ${month} approved in advance, at the quoted price`
        : `Overage of ${month}, billed in ${l.overageIncrementMinutes}-minute increments`,
    quantityMinutes: l.quantityMinutes,
    unitAmountCents: l.unitAmountCents,
    amountCents: l.amountCents,
    // null: the invoice's own month (as before billing timing existed).
    forMonth: l.forMonth === invoiceMonth ? null : l.forMonth,
  };
}

/** Which month each of an invoice's own lines is for, in a few words: "Fee for January 2026 (in advance) · Overage of December 2026". */
export function linesSaying(lines: readonly Pick<InvoiceLineDraft, "kind" | "forMonth" | "unitAmountCents">[], invoiceMonth: Month): string {
  return lines
    .filter((l) => l.kind !== "adjustment")
    .map((l) => {
      const m = l.forMonth ?? invoiceMonth;
      if (l.kind === "retainer_fee") return `Fee for ${formatMonth(m)}${m > invoiceMonth ? " (in advance)" : ""}`;
      // Overage without an hourly rate: extra hours approved in advance at a quoted price (issue 23).
      return l.unitAmountCents === null ? `Extra hours of ${formatMonth(m)} approved in advance` : `Overage of ${formatMonth(m)}`;
    })
    .join(" · ");
}

/**
 * The invoice closing `month` would issue, or null when it has nothing to bill (before the client's first
 * month; an advance client's opening invoice, the month before its first, bills that first month's fee).
 * `adjust: false` leaves the adjustments out (a later due month of the same client: the earlier close takes them).
 */
export async function draftInvoice(tx: Tx, client: ClientRef, month: Month, now: Date, { adjust = true } = {}): Promise<InvoiceDraft | null> {
  // Through the month after: an advance invoice carries its fee.
  const cm = await clientMonth(tx, client, now, addMonths(month, 1));
  const statement = cm.history.find((s) => s.month === month) ?? null;
  const fees = new Set((await billedFees(tx, { clientId: client.id })).map((f) => f.month));
  const own = timedLines(month, cm.history, cm.billing.timing, fees).map((l) => timedLine(l, month));
  if (!statement && own.length === 0) return null;
  const ownTotal = own.reduce((sum, l) => sum + l.amountCents, 0);
  const adjustments = adjust
    ? adjustmentsFor(month, cm.history, await billedByMonth(tx, { clientId: client.id }), ownTotal).map(adjustmentLine)
    : [];
  const legal = await legalFor(tx, client);
  const rate = lineRateBp(legal.treatment);
  const lines = [...own, ...adjustments].map((l) => ({ ...l, taxRateBp: rate }));
  const tax = taxTotals(lines);
  return {
    statement, lines, adjustments, tax, legal, totalCents: tax.grossCents,
    missing: missingLegalFields(legal, tax.grossCents, client.currency),
  };
}

/**
 * Ended months waiting for their invoice, each with the net its close will bill: its own lines (the fee of the
 * next month too, in advance; not a fee already billed) and, on the oldest, the adjustments of earlier months it
 * will carry. One query for the fees and one for the adjustments, and only while a month is waiting.
 */
export async function awaitingWithAdjustments(tx: Tx, clientId: string, cm: Pick<ClientMonth, "history" | "billing">, awaiting: AwaitingInvoice[]): Promise<AwaitingInvoice[]> {
  if (awaiting.length === 0) return awaiting;
  const [billedFeeRows, billed, details] = await Promise.all([billedFees(tx, { clientId }), billedByMonth(tx, { clientId }), getBillingDetails(tx, { clientId })]);
  const fees = new Set(billedFeeRows.map((f) => f.month));
  // What the invoice will ask for: with the client's tax (as the close computes it), not before it.
  const rate = lineRateBp(details.treatment);
  return awaiting.map((a, i) => {
    const own = timedLines(a.month, cm.history, cm.billing.timing, fees);
    for (const l of own) if (l.kind === "retainer_fee") fees.add(l.forMonth); // the next close sees them billed
    const ownTotal = own.reduce((sum, l) => sum + l.amountCents, 0);
    const adjustments = i === 0 ? adjustmentsFor(a.month, cm.history, billed, ownTotal) : [];
    const { grossCents } = taxTotals([...own, ...adjustments].map((l) => ({ amountCents: l.amountCents, taxRateBp: rate })));
    return { ...a, totalCents: grossCents, bills: own.some((l) => l.forMonth !== a.month) ? linesSaying(own, a.month) : undefined };
  });
}
