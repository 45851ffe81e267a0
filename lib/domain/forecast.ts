// Forecast to month end from the month's pace so far, the burn-up series, and which alerts are due.
import { addDays, daysBetween, daysInMonth, type LocalDate, type Month } from "@/lib/domain/dates";
import { divRoundHalfUp, priceMinutes, roundUpTo } from "@/lib/domain/money";
import type { MonthStatement } from "@/lib/domain/retainer";
import { pastAttention } from "@/lib/domain/usage";

export interface DailyMinutes {
  workDate: LocalDate;
  /** Billable, non-voided minutes logged for that day (adjustments included). */
  minutes: number;
}

export interface Forecast {
  /** Days of the month counted so far (today included), 0 before the month, all after it. */
  elapsedDays: number;
  daysInMonth: number;
  projectedMinutes: number;
  /** The day `available` runs out: when it did, or when the pace says it will; null if not this month. */
  runsOutOn: LocalDate | null;
  runsOutActual: boolean;
  projectedOverageMinutes: number;
  projectedBilledOverageMinutes: number;
  projectedOverageCents: number;
}

export function elapsedDaysOf(month: Month, today: LocalDate): number {
  const days = daysInMonth(month);
  const index = daysBetween(month, today) + 1;
  return Math.max(0, Math.min(days, index));
}

/** Cumulative used minutes per day of the month (index 0 = day 1). Never below 0, like `used`. */
export function cumulativeByDay(month: Month, daily: readonly DailyMinutes[]): number[] {
  const days = daysInMonth(month);
  const perDay = new Array<number>(days).fill(0);
  for (const d of daily) {
    const i = daysBetween(month, d.workDate);
    if (i >= 0 && i < days) perDay[i] += d.minutes;
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
  const projected = elapsed === 0 ? used : elapsed >= days ? used : divRoundHalfUp(used * days, elapsed);

  let runsOutOn: LocalDate | null = null;
  let runsOutActual = false;
  const cumulative = cumulativeByDay(month, daily);
  const crossed = available > 0 ? cumulative.findIndex((c, i) => i < Math.max(elapsed, 1) && c >= available) : -1;
  if (available > 0 && crossed >= 0 && used >= available) {
    runsOutOn = addDays(month, crossed);
    runsOutActual = true;
  } else if (available > 0 && used > 0 && elapsed > 0 && elapsed < days) {
    // Day d (1-based) at which used/elapsed × d reaches available.
    const day = Math.ceil((available * elapsed) / used);
    if (day <= days) runsOutOn = addDays(month, Math.max(day, elapsed) - 1);
  }

  const projectedOverage = Math.max(0, projected - available);
  const billed = roundUpTo(projectedOverage, statement.terms.overageIncrementMinutes);
  return {
    elapsedDays: elapsed,
    daysInMonth: days,
    projectedMinutes: projected,
    runsOutOn,
    runsOutActual,
    projectedOverageMinutes: projectedOverage,
    projectedBilledOverageMinutes: billed,
    projectedOverageCents: priceMinutes(billed, statement.terms.overageRateCentsPerHour),
  };
}

export interface BurnUpPoint {
  day: number;
  date: LocalDate;
  /** Cumulative used minutes; null after today. */
  actual: number | null;
  /** Where an even pace through the month would be. */
  pace: number;
  /** Projection from today at the month's pace; null before today. */
  forecast: number | null;
}

export function burnUp(statement: MonthStatement, daily: readonly DailyMinutes[], today: LocalDate): BurnUpPoint[] {
  const month = statement.month;
  const days = daysInMonth(month);
  const elapsed = elapsedDaysOf(month, today);
  const cumulative = cumulativeByDay(month, daily);
  const usedSoFar = elapsed > 0 ? cumulative[elapsed - 1] : 0;
  return cumulative.map((c, i) => {
    const day = i + 1;
    return {
      day,
      date: addDays(month, i),
      actual: day <= elapsed ? c : null,
      pace: divRoundHalfUp(statement.availableMinutes * day, days),
      forecast: elapsed > 0 && day >= elapsed && elapsed < days ? usedSoFar + divRoundHalfUp(usedSoFar * (day - elapsed), elapsed) : null,
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
  if (forecast.projectedMinutes > available) due.push("forecast_over");
  return due;
}

