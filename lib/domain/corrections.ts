// Corrections are money (DESIGN.md §6, issue 27). A correction recorded in an open month against a closed
// month's entry counts in the corrected month (the caller attributes it there), so the ledger re-prices that
// month. What was billed for a month is its own invoice plus every adjustment already issued for it; the next
// invoice adds the difference, month by month, so that billed minus credited always equals what the ledger
// bills. Pure: statements and what was billed in, adjustments out; integer minor units throughout.
import type { Month } from "@/lib/domain/dates";
import type { BilledMonth, InvoiceLineDraft, MonthStatement } from "@/lib/types/retainer";

export interface MonthAdjustment {
  /** The earlier, already invoiced month this adjusts. */
  forMonth: Month;
  /** Positive: billed more; negative: a credit. */
  amountCents: number;
  /** The change in that month's billed overage minutes (a re-priced month's story in hours). */
  overageMinutesChange: number;
  overageRateCentsPerHour: number;
  /** Whole difference still owed, when only part of a credit fitted on this invoice. */
  owedCents: number;
}

/**
 * The adjustments the invoice that closes `month` carries, given the ledger's statements through `month`
 * (`history`), what earlier invoices billed for each month, and the invoice's own total. Increases come first;
 * a credit never takes the invoice below zero (the rest stays owed and goes on the next invoice, because
 * what was billed for that month is then still above what the ledger bills).
 */
export function adjustmentsFor(month: Month, history: readonly MonthStatement[], billed: readonly BilledMonth[], ownTotalCents: number): MonthAdjustment[] {
  const billedFor = new Map(billed.map((b) => [b.month, b]));
  const differences = history
    .filter((s) => s.month < month && billedFor.has(s.month))
    .map((s) => {
      const b = billedFor.get(s.month)!;
      return { s, b, delta: s.totalCents - b.cents };
    })
    .filter((d) => d.delta !== 0);
  const increases = differences.filter((d) => d.delta > 0);
  const credits = differences.filter((d) => d.delta < 0);
  let total = ownTotalCents;
  const out: MonthAdjustment[] = [];
  for (const { s, b, delta } of [...increases, ...credits]) {
    const amount = delta > 0 ? delta : Math.max(delta, -total);
    if (amount === 0) continue;
    total += amount;
    out.push({
      forMonth: s.month,
      amountCents: amount,
      overageMinutesChange: s.billedOverageMinutes - b.overageMinutes,
      overageRateCentsPerHour: s.terms.overageRateCentsPerHour,
      owedCents: delta,
    });
  }
  return out;
}

/**
 * The month's own statement lines as invoice lines (they bill the invoice's month: no `forMonth`): what an
 * invoice in arrears carries of its month. The close words its lines through lib/domain/timing instead.
 */
export const ownLines = (statement: MonthStatement): InvoiceLineDraft[] => statement.lines.map((l) => ({ ...l, forMonth: null }));
