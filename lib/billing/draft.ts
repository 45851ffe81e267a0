// What closing a month would invoice: the month's statement and its own lines, then an adjustment for every
// earlier invoiced month that corrections have re-priced since (lib/domain/corrections). The close writes it;
// the billing page previews it, so what staff are shown is what the close issues.
import type { Tx } from "@/lib/db";
import { getBillingDetails } from "@/lib/db/billing-details";
import { billedByMonth } from "@/lib/db/invoices";
import { getPracticeSettings } from "@/lib/db/settings";
import { adjustmentsFor, ownLines, type MonthAdjustment } from "@/lib/domain/corrections";
import type { Month } from "@/lib/domain/dates";
import { invoiceLegal, lineRateBp, missingLegalFields, taxTotals, type InvoiceLegal, type MissingField, type TaxTotals } from "@/lib/domain/tax";
import { formatMinutes, formatMonth } from "@/lib/format";
import { clientMonth } from "@/lib/hours/month";
import type { ClientRef } from "@/lib/types/clients";
import type { AwaitingInvoice, InvoiceLineDraft, MonthStatement } from "@/lib/types/retainer";

export interface InvoiceDraft {
  statement: MonthStatement;
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

/**
 * The invoice closing `month` would issue, or null before the client's first terms. `adjust: false` leaves the
 * adjustments out (a later due month of the same client: the earlier close takes them).
 */
export async function draftInvoice(tx: Tx, client: ClientRef, month: Month, now: Date, { adjust = true } = {}): Promise<InvoiceDraft | null> {
  const cm = await clientMonth(tx, client, now, month);
  if (!cm.statement) return null;
  const adjustments = adjust
    ? adjustmentsFor(month, cm.history, await billedByMonth(tx, { clientId: client.id }), cm.statement.totalCents).map(adjustmentLine)
    : [];
  const legal = await legalFor(tx, client);
  const rate = lineRateBp(legal.treatment);
  const lines = [...ownLines(cm.statement), ...adjustments].map((l) => ({ ...l, taxRateBp: rate }));
  const tax = taxTotals(lines);
  return {
    statement: cm.statement, lines, adjustments, tax, legal, totalCents: tax.grossCents,
    missing: missingLegalFields(legal, tax.grossCents, client.currency),
  };
}

/**
 * Ended months waiting for their invoice, the oldest with the total its close will bill: its own statement plus
 * the adjustments of earlier months it will carry. One query, and only while a month is waiting.
 */
export async function awaitingWithAdjustments(tx: Tx, clientId: string, history: readonly MonthStatement[], awaiting: AwaitingInvoice[]): Promise<AwaitingInvoice[]> {
  if (awaiting.length === 0) return awaiting;
  const [oldest, ...rest] = awaiting;
  const adjustments = adjustmentsFor(oldest.month, history, await billedByMonth(tx, { clientId }), oldest.totalCents);
  return [{ ...oldest, totalCents: oldest.totalCents + adjustments.reduce((sum, a) => sum + a.amountCents, 0) }, ...rest];
}
