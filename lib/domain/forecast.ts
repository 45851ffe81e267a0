// Forecast to month end (from the month's pace once it is evidence, the plan before), the burn-up series,
// and which alerts are due.
import { addDays, daysBetween, daysInMonth, type LocalDate, type Month } from "@/lib/domain/dates";
import { divRoundHalfUp, priceMinutes, roundUpTo } from "@/lib/domain/money";
import type { BurnUpPoint, Forecast, MonthStatement } from "@/lib/types/retainer";
import { pastAttention } from "@/lib/domain/usage";

export type { BurnUpPoint, Forecast, ForecastBasis } from "@/lib/types/retainer";

export interface DailyMinutes {
  workDate: LocalDate;
  /** Billable, non-voided minutes logged for that day (adjustments included). */
  minutes: number;
}

/** A full week of the month: one of each weekday before a pace speaks for the month. */
export const MIN_PACE_DAYS = 7;
/** The share of available that must be used before the pace is trusted early in the month. */
export const MIN_USED_SHARE = { numerator: 1, denominator: 4 } as const;

/**
 * When the month's pace is evidence enough to project from. The rule: at least a full week of the month
 * (MIN_PACE_DAYS; 7 days is 23–25% of any month) AND either a quarter of available used or at least half the
 * month gone. Why both: the absurd forecasts came from one or two days (8h 45m on Dec 1 × 31), and a single
 * big entry still dominates a week's pace until a real share of the allotment is behind it; late in the month
 * a slow pace is itself the evidence (it can only project under the allotment). The month's end is always
 * credible: the forecast is then the fact. Pure hourly months (no available) need only the days.
 */
export function paceIsEvidence(used: number, available: number, elapsed: number, days: number): boolean {
  if (elapsed >= days) return true;
  if (elapsed < MIN_PACE_DAYS) return false;
  return used * MIN_USED_SHARE.denominator >= available * MIN_USED_SHARE.numerator || elapsed * 2 >= days;
}

export function elapsedDaysOf(month: Month, today: LocalDate): number {
  const days = daysInMonth(month);
  const index = daysBetween(month, today) + 1;
  return Math.max(0, Math.min(days, index));
}

/**
 * Cumulative used minutes per day of the month (index 0 = day 1). Never below 0, like `used`. With `elapsed`
 * (days so far), entries dated after today (the app allows tomorrow in the client's zone) count as of today:
 * they are in `used` already, so the burn-up, the runs-out day and the forecast all see the same minutes.
 */
export function cumulativeByDay(month: Month, daily: readonly DailyMinutes[], elapsed?: number): number[] {
  const days = daysInMonth(month);
  const perDay = new Array<number>(days).fill(0);
  const lastDay = elapsed !== undefined && elapsed > 0 ? elapsed - 1 : days - 1;
  for (const d of daily) {
    const i = daysBetween(month, d.workDate);
    if (i >= 0 && i < days) perDay[Math.min(i, lastDay)] += d.minutes;
  }
  let sum = 0;
  return perDay.map((m) => Math.max(0, (sum += m)));
}

export function forecastMonth(statement: MonthStatement, daily: readonly DailyMinutes[], today: LocalDate): Forecast {
  const month = statement.month;
  const days = daysInMonth(month);
  const elapsed = elapsedDaysOf(month, today);
  const used = statement.usedMinutes;
  const available = statement.availableMinutes;
  const rest = days - elapsed;
  const credible = elapsed > 0 && paceIsEvidence(used, available, elapsed, days);

  // The rest of the month at a blend of the month's pace (used / elapsed a day) and the plan (available /
  // days a day, the even pace to the allotment). The pace's weight grows with the evidence toward the
  // credibility rule and is 1 from there on, where this is exactly the linear projection used × days / elapsed.
  // Before that its weight w ≤ elapsed / MIN_PACE_DAYS, so the pace adds at most used / MIN_PACE_DAYS a day:
  // one big day can no longer multiply by the days left. Integer arithmetic, one rounding (half up).
  let projected: number;
  if (elapsed === 0 || rest === 0) projected = used;
  else if (credible) projected = divRoundHalfUp(used * days, elapsed);
  else {
    // w = min(elapsed / MIN_PACE_DAYS, used / (available × share), 1), kept as the fraction wn / wd.
    let wn = elapsed, wd = MIN_PACE_DAYS;
    if (available > 0 && used * MIN_USED_SHARE.denominator * wd < wn * available * MIN_USED_SHARE.numerator) {
      wn = used * MIN_USED_SHARE.denominator;
      wd = available * MIN_USED_SHARE.numerator;
    }
    if (wn > wd) wn = wd;
    // rest × (w × used / elapsed + (1 − w) × available / days), over one common denominator.
    projected = used + divRoundHalfUp(rest * (wn * used * days + (wd - wn) * available * elapsed), wd * elapsed * days);
  }

  let runsOutOn: LocalDate | null = null;
  let runsOutActual = false;
  const cumulative = cumulativeByDay(month, daily, elapsed);
  const crossed = available > 0 ? cumulative.findIndex((c, i) => i < Math.max(elapsed, 1) && c >= available) : -1;
  if (available > 0 && crossed >= 0 && used >= available) {
    runsOutOn = addDays(month, crossed);
    runsOutActual = true;
  } else if (credible && available > 0 && used > 0 && elapsed > 0 && rest > 0) {
    // Day d (1-based) at which used/elapsed × d reaches available.
    const day = Math.ceil((available * elapsed) / used);
    if (day <= days) runsOutOn = addDays(month, Math.max(day, elapsed) - 1);
  }

  const projectedOverage = Math.max(0, projected - available);
  const billed = roundUpTo(projectedOverage, statement.terms.overageIncrementMinutes);
  return {
    elapsedDays: elapsed,
    daysInMonth: days,
    credible,
    basis: credible ? { kind: "pace", days: elapsed } : { kind: "plan" },
    projectedMinutes: projected,
    runsOutOn,
    runsOutActual,
    projectedOverageMinutes: projectedOverage,
    projectedBilledOverageMinutes: billed,
    projectedOverageCents: priceMinutes(billed, statement.terms.overageRateCentsPerHour),
  };
}

export function burnUp(statement: MonthStatement, daily: readonly DailyMinutes[], today: LocalDate): BurnUpPoint[] {
  const month = statement.month;
  const days = daysInMonth(month);
  const elapsed = elapsedDaysOf(month, today);
  const cumulative = cumulativeByDay(month, daily, elapsed);
  const usedSoFar = elapsed > 0 ? cumulative[elapsed - 1] : 0;
  const f = forecastMonth(statement, daily, today);
  const draw = f.credible && elapsed > 0 && elapsed < days;
  const rest = days - elapsed;
  return cumulative.map((c, i) => {
    const day = i + 1;
    return {
      day,
      date: addDays(month, i),
      actual: day <= elapsed ? c : null,
      pace: divRoundHalfUp(statement.availableMinutes * day, days),
      forecast: draw && day >= elapsed ? usedSoFar + divRoundHalfUp((f.projectedMinutes - usedSoFar) * (day - elapsed), rest) : null,
    };
  });
}

export type AlertKind = "used_80" | "used_100" | "forecast_over";

/** Alerts whose condition holds now; the outbox's dedupe key makes each go out once per month and kind. */
export function dueAlerts(statement: MonthStatement, forecast: Forecast): AlertKind[] {
  const available = statement.availableMinutes;
  if (available <= 0) return []; // pure hourly: every minute is billed, nothing to warn about
  const used = statement.usedMinutes;
  const due: AlertKind[] = [];
  if (pastAttention(used, available)) due.push("used_80");
  if (used >= available) due.push("used_100");
  // The month going over: a credible forecast says so, or it already has (used past available is a fact).
  if (forecast.projectedMinutes > available && (forecast.credible || used > available)) due.push("forecast_over");
  return due;
}

