// Billing timing and the first month (issue 27). Pure: which month a client's billing starts in, how its first
// month is prorated, and what of which months the invoice closing a month carries.
//
// In arrears the invoice closing month M carries M's fee and M's overage. In advance it carries M's overage and
// the fee of M+1 (issued at the start of M+1, the month it pays for); an advance client's first fee goes on an
// "opening" invoice that closes the month before its first month. Whatever the timing, a fee is billed once:
// which months' fees were billed is read from the invoice lines (`forMonth`), so a client switched from arrears
// to advance (or back) is never billed a month's fee twice and never skips one.
import { addMonths, daysBetween, daysInMonth, monthOf, type Month } from "@/lib/domain/dates";
import { divRoundHalfUp } from "@/lib/domain/money";
import type { BillingTiming, FirstMonth, MonthStatement, Proration, RetainerStart } from "@/lib/types/retainer";

export type { BillingTiming, FirstMonth, Proration, RetainerStart } from "@/lib/types/retainer";

export const BILLING_TIMINGS = ["advance", "arrears"] as const satisfies readonly BillingTiming[];
export const FIRST_MONTHS = ["prorate", "next_month"] as const satisfies readonly FirstMonth[];

/**
 * The first month billed: the first terms month, or later when the retainer starts later — in the start date's
 * month (prorated) or, with "next_month" and a start after the 1st, the month after. Earlier entries are
 * history, never billed (as entries before the first terms month always were).
 */
export function firstBilledMonth(firstTermMonth: Month, start?: RetainerStart | null): Month {
  if (!start?.startDate) return firstTermMonth;
  const m = monthOf(start.startDate);
  const from = start.firstMonth === "next_month" && start.startDate !== m ? addMonths(m, 1) : m;
  return from > firstTermMonth ? from : firstTermMonth;
}

/**
 * How `month` is prorated when it is the first billed month and the retainer starts after its 1st: the days from
 * the start date to the month's end, both included, of the month's days. Null: a whole month.
 */
export function prorationOf(month: Month, start?: RetainerStart | null): Proration | null {
  if (!start?.startDate || start.firstMonth !== "prorate" || monthOf(start.startDate) !== month || start.startDate === month) return null;
  return { fromDate: start.startDate, days: daysBetween(start.startDate, addMonths(month, 1)), daysInMonth: daysInMonth(month) };
}

/** An amount (minor units or minutes) scaled by the prorated days, rounded half up; the whole amount without proration. */
export const prorate = (amount: number, p: Proration | null | undefined): number => (p ? divRoundHalfUp(amount * p.days, p.daysInMonth) : amount);

/** A line the invoice closing a month carries, before it is worded (lib/billing/draft words it). */
export interface TimedLine {
  kind: "retainer_fee" | "overage";
  /** The month the line is for. */
  forMonth: Month;
  /** A fee billed before its month (advance). */
  inAdvance: boolean;
  quantityMinutes: number | null;
  unitAmountCents: number | null;
  amountCents: number;
  /** The fee of a prorated first month. */
  prorated: Proration | null;
  overageIncrementMinutes: number;
  /** Overage covered by extra hours approved in advance at a quoted price (billed pro rata; no hourly rate). */
  quoted?: boolean;
}

function feeLine(s: MonthStatement, inAdvance: boolean): TimedLine {
  const fee = s.lines.find((l) => l.kind === "retainer_fee")!;
  return {
    kind: "retainer_fee", forMonth: s.month, inAdvance, quantityMinutes: fee.quantityMinutes, unitAmountCents: fee.unitAmountCents,
    amountCents: fee.amountCents, prorated: s.prorated ?? null, overageIncrementMinutes: s.terms.overageIncrementMinutes,
  };
}

/**
 * The own lines of the invoice that closes `month`: that month's fee unless a standing invoice already billed it
 * (in advance), its overage, and — in advance — the next month's fee unless already billed. `history` holds the
 * statements through the month after `month`; `feeBilled`, the months whose fee a standing invoice carries. An
 * "opening" invoice (the month before an advance client's first month) holds only that first fee. Empty when
 * the close has nothing to bill of its own.
 */
export function timedLines(month: Month, history: readonly MonthStatement[], timing: BillingTiming, feeBilled: ReadonlySet<Month>): TimedLine[] {
  const s = history.find((h) => h.month === month) ?? null;
  const next = history.find((h) => h.month === addMonths(month, 1)) ?? null;
  const out: TimedLine[] = [];
  if (s && !feeBilled.has(month)) out.push(feeLine(s, false));
  if (timing === "advance" && next && !feeBilled.has(next.month)) out.push(feeLine(next, true));
  // Every overage line of the month: extra hours approved at a quoted price (no hourly rate), then the rest at the rate.
  for (const overage of s?.lines.filter((l) => l.kind === "overage") ?? []) {
    out.push({
      kind: "overage", forMonth: month, inAdvance: false, quantityMinutes: overage.quantityMinutes, unitAmountCents: overage.unitAmountCents,
      amountCents: overage.amountCents, prorated: null, overageIncrementMinutes: s!.terms.overageIncrementMinutes,
      ...(overage.unitAmountCents === null ? { quoted: true } : {}),
    });
  }
  return out;
}
