// What closing a month would invoice: the month's statement and its own lines, then an adjustment for every
// earlier invoiced month that corrections have re-priced since (lib/domain/corrections). The close writes it;
// the billing page previews it, so what staff are shown is what the close issues.
import type { Tx } from "@/lib/db";
import { billedByMonth } from "@/lib/db/invoices";
import { adjustmentsFor, ownLines, type MonthAdjustment } from "@/lib/domain/corrections";
import type { Month } from "@/lib/domain/dates";
import { formatMinutes, formatMonth } from "@/lib/format";
import { clientMonth } from "@/lib/hours/month";
import type { ClientRef } from "@/lib/types/clients";
import type { AwaitingInvoice, InvoiceLineDraft, MonthStatement } from "@/lib/types/retainer";

export interface InvoiceDraft {
  statement: MonthStatement;
  lines: InvoiceLineDraft[];
  totalCents: number;
  /** The adjustment lines among `lines`. */
  adjustments: InvoiceLineDraft[];
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
  const lines = [...ownLines(cm.statement), ...adjustments];
  return { statement: cm.statement, lines, adjustments, totalCents: lines.reduce((sum, l) => sum + l.amountCents, 0) };
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
