// The shapes of a client's month that pages, components, services and the rules share (types only): the terms,
// the statement computed from them (lib/domain/retainer), its forecast and burn-up (lib/domain/forecast), and the
// months waiting for their invoice (lib/domain/month-phase). The rules re-export them where they compute them.
import type { LocalDate, Month } from "@/lib/types/dates";

export interface Terms {
  effectiveMonth: Month;
  includedMinutes: number;
  monthlyFeeCents: number;
  overageRateCentsPerHour: number;
  overageIncrementMinutes: number;
  rolloverCapMinutes: number;
  rolloverExpiryMonths: number;
  overagePreapprovedMinutes: number;
}

/**
 * Extra hours an owner approved in advance for one month (issue 23): they raise that month's pre-approved ceiling,
 * and the overage they cover is billed at the agreed price: the overage rate (quotedCents null) or a quoted
 * amount for the whole block, billed pro rata to the minutes of it used.
 */
export interface ApprovedExtra {
  month: Month;
  minutes: number;
  quotedCents: number | null;
}

export interface CarriedBucket {
  /** Month whose unspent included minutes this bucket holds. */
  earnedMonth: Month;
  /** Minutes left in the bucket at the start of the statement's month. */
  minutes: number;
  /** Last month the bucket can be spent in; it expires at the start of the month after. */
  lastMonth: Month;
}

export type LineKind = "retainer_fee" | "overage";

export interface StatementLine {
  kind: LineKind;
  description: string;
  quantityMinutes: number | null;
  unitAmountCents: number | null;
  amountCents: number;
}

/** A line as an invoice carries it: the month's own statement lines, then adjustments of earlier months. */
export interface InvoiceLineDraft {
  kind: LineKind | "adjustment";
  description: string;
  /** Billed minutes; on an adjustment, the change in billed overage minutes (may be negative). */
  quantityMinutes: number | null;
  unitAmountCents: number | null;
  /** Negative only on an adjustment (a credit). */
  amountCents: number;
  /**
   * The month the line is for: the earlier month an adjustment corrects, the month a fee billed in advance pays
   * for; null: the invoice's own month (the month its close ended).
   */
  forMonth: Month | null;
  /** Tax rate of the line in basis points; null or absent: no tax applies. */
  taxRateBp?: number | null;
}

/** What the invoices issued so far billed for one month: its own invoice plus any adjustments of it. */
export interface BilledMonth {
  month: Month;
  cents: number;
  overageMinutes: number;
}

/** When a month's fee is invoiced: at the start of the month (advance) or with its overage after it (arrears). */
export type BillingTiming = "advance" | "arrears";

/** The practice's choice for a retainer that starts after the 1st: prorate that month by days, or start whole at the next. */
export type FirstMonth = "prorate" | "next_month";

/** How a client's billing starts: its start date and the practice's first-month choice. */
export interface RetainerStart {
  /** The day the retainer starts (client zone); null: the first terms month starts whole. */
  startDate: LocalDate | null;
  firstMonth: FirstMonth;
}

/** A first month that starts after its 1st, prorated by days (lib/domain/timing). */
export interface Proration {
  /** The day the retainer starts. */
  fromDate: LocalDate;
  /** Days from `fromDate` to the month's end, both included. */
  days: number;
  daysInMonth: number;
}

export interface MonthStatement {
  month: Month;
  terms: Terms;
  /** The month's included minutes (prorated in a prorated first month; the terms hold the whole month's). */
  includedMinutes: number;
  /** The first month prorated by days: fee and included minutes scaled. Absent or null: a whole month. */
  prorated?: Proration | null;
  rolloverInMinutes: number;
  carriedIn: CarriedBucket[];
  availableMinutes: number;
  /** Sum of billable, non-voided minutes, adjustments included (may be negative). */
  loggedMinutes: number;
  /**
   * Corrections counted in this month: recorded later, in an open month, against this month's entries. The
   * month is re-priced with them and the difference goes on the next invoice (lib/domain/corrections).
   */
  adjustmentMinutes: number;
  /** loggedMinutes, never below 0: what the month is billed on. */
  usedMinutes: number;
  nonBillableMinutes: number;
  spentRolloverMinutes: number;
  spentIncludedMinutes: number;
  /** available − used; negative when over. */
  remainingMinutes: number;
  overageMinutes: number;
  billedOverageMinutes: number;
  overageAmountCents: number;
  /**
   * Extra hours the owners approved in advance for this month (issue 23): above the terms' pre-approved overage,
   * logging into them asks no confirmation. Absent on statements closed before approvals existed (0).
   */
  approvedExtraMinutes?: number;
  /** Unspent included minutes that became a new bucket. */
  rolloverEarnedMinutes: number;
  /** Unspent included minutes lost to the cap (or because the terms have no rollover). */
  forfeitedMinutes: number;
  /** Carried minutes whose last month was this one and that were not spent. */
  expiredMinutes: number;
  lines: StatementLine[];
  totalCents: number;
}

/** What a forecast rests on: the month's own pace over its days so far, or (too early for that) the plan. */
export type ForecastBasis = { kind: "pace"; days: number } | { kind: "plan" };

export interface Forecast {
  /** Days of the month counted so far (today included), 0 before the month, all after it. */
  elapsedDays: number;
  daysInMonth: number;
  /**
   * Whether the month's own pace is evidence enough to state (see `paceIsEvidence`). Only a credible forecast
   * is shown as a forecast, projects a runs-out date or raises the forecast alert.
   */
  credible: boolean;
  basis: ForecastBasis;
  /** Used so far plus the rest of the month at the basis's rate (never below used). */
  projectedMinutes: number;
  /**
   * The day `available` runs out: when it did (a fact, whatever the evidence), or, for a credible forecast
   * only, when the pace says it will; null otherwise.
   */
  runsOutOn: LocalDate | null;
  runsOutActual: boolean;
  projectedOverageMinutes: number;
  projectedBilledOverageMinutes: number;
  projectedOverageCents: number;
}

export interface BurnUpPoint {
  day: number;
  date: LocalDate;
  /** Cumulative used minutes (entries dated after today count as of today); null after today. */
  actual: number | null;
  /** Where an even pace through the month would be. */
  pace: number;
  /** The credible forecast, from today's used to the forecast at month end; null before today or without one. */
  forecast: number | null;
}

export interface AwaitingInvoice {
  month: Month;
  /** The day, in the client's zone, the daily close invoices it. */
  invoiceOn: LocalDate;
  totalCents: number;
  /**
   * Which month each line its close bills is for ("Fee for January 2026 (in advance) · Overage of December 2026"),
   * when a line is for another month than this one; absent: fee and overage of this month.
   */
  bills?: string;
}
