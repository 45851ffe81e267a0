// Where a month stands for the people who read it: still running, ended and waiting for its invoice, or closed.
// What a page may state as fact depends on it: a running month's rollover and expiry are projections ("if unused
// by month end"), an ended month's total is what will be invoiced, a closed month's figures are what happened.
import type { LocalDate, Month } from "@/lib/domain/dates";
import type { AwaitingInvoice, MonthStatement } from "@/lib/types/retainer";

export type { AwaitingInvoice } from "@/lib/types/retainer";

export type MonthPhase = "in_progress" | "awaiting_invoice" | "closed";

export function monthPhase(month: Month, currentMonth: Month, closed: ReadonlySet<string>): MonthPhase {
  if (closed.has(month)) return "closed";
  return month < currentMonth ? "awaiting_invoice" : "in_progress";
}

/**
 * Ended months with terms and no invoice yet, oldest first. The daily close (README, Cron) invoices a month at
 * its first run after the month ends in the client's zone: a run at a fixed hour falls on every local day, so a
 * month that is still waiting is invoiced today (on the 1st, or at the next run after a missed one).
 */
export function awaitingInvoice(
  history: readonly MonthStatement[], currentMonth: Month, today: LocalDate, closed: ReadonlySet<string>,
  /** The day the owners' review of a month ends when it holds the close (issue 23), else null. */
  reviewUntil: (month: Month) => LocalDate | null = () => null,
): AwaitingInvoice[] {
  return history
    .filter((s) => monthPhase(s.month, currentMonth, closed) === "awaiting_invoice")
    .map((s) => {
      const held = reviewUntil(s.month);
      return { month: s.month, invoiceOn: held && held > today ? held : today, totalCents: s.totalCents };
    });
}
