// Forecast properties over generated months (28–31 days, any day of the month, before and after it) and
// usage patterns (quiet, steady, one big day, bursts, entries dated tomorrow). The bounds, relative to the
// evidence (used so far over the elapsed days, and the plan: available spread evenly over the month):
//   - always: used ≤ forecast, and forecast − used ≤ the rest of the month at the faster of pace and plan;
//   - credible: exactly the old linear projection used × days / elapsed (so ≤ max(available, used + pace × rest));
//   - not credible: the pace adds at most used / MIN_PACE_DAYS a day on top of the plan, no projected
//     runs-out date, and no forecast alert unless used is already past available (a fact);
//   - sparse early data (the first six days) never raises the forecast alert or a runs-out date in the future.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, addMonths, daysInMonth, type Month } from "@/lib/domain/dates";
import { burnUp, dueAlerts, forecastMonth, MIN_PACE_DAYS, type DailyMinutes } from "@/lib/domain/forecast";
import { divRoundHalfUp } from "@/lib/domain/money";
import { statementFor, type LedgerEntry, type Terms } from "@/lib/domain/retainer";

const terms = (month: Month, includedMinutes: number): Terms => ({
  effectiveMonth: month, includedMinutes, monthlyFeeCents: 400_000, overageRateCentsPerHour: 15_000,
  overageIncrementMinutes: 15, rolloverCapMinutes: 0, rolloverExpiryMonths: 0, overagePreapprovedMinutes: 0,
});

// A month from Jan 2024 to Dec 2031 (every length, leap Februaries included), today from 3 days before it to
// 3 days after it, and entries on days up to tomorrow (the app allows tomorrow in the client's zone).
const caseArb = fc
  .record({ offset: fc.integer({ min: 0, max: 95 }), included: fc.integer({ min: 0, max: 60 * 60 }), todayPick: fc.integer({ min: 0, max: 1_000_000 }) })
  .chain(({ offset, included, todayPick }) => {
    const month = addMonths("2024-01-01", offset);
    const days = daysInMonth(month);
    const todayIndex = (todayPick % (days + 6)) - 3; // −3 … days + 2
    const lastEntryDay = Math.max(0, Math.min(days - 1, todayIndex + 1));
    const day = fc.integer({ min: 0, max: lastEntryDay });
    // Before the month (today more than a day before it) nothing can be logged in it yet.
    const pattern: fc.Arbitrary<{ day: number; minutes: number }[]> = todayIndex + 1 < 0 ? fc.constant([]) : fc.oneof(
      fc.array(fc.record({ day, minutes: fc.integer({ min: 1, max: 60 }) }), { maxLength: 5 }), // quiet
      fc.array(fc.record({ day, minutes: fc.integer({ min: 15, max: 480 }) }), { maxLength: 40 }), // steady
      fc.tuple(day, fc.integer({ min: 60, max: 24 * 60 })).map(([d, minutes]) => [{ day: d, minutes }]), // one big day
      fc.array(fc.record({ day: fc.integer({ min: 0, max: Math.min(lastEntryDay, 2) }), minutes: fc.integer({ min: 30, max: 900 }) }), { maxLength: 6 }), // early burst
    );
    return fc.record({ month: fc.constant(month), included: fc.constant(included), today: fc.constant(addDays(month, todayIndex)), pattern });
  });

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

const build = ({ month, included, today, pattern }: Case) => {
  const entries: LedgerEntry[] = pattern.map((p) => ({ workDate: addDays(month, p.day), minutes: p.minutes, billable: true, voided: false }));
  const daily: DailyMinutes[] = entries.map((e) => ({ workDate: e.workDate, minutes: e.minutes }));
  const statement = statementFor([terms(month, included)], entries, month)!;
  return { statement, daily, today, forecast: forecastMonth(statement, daily, today) };
};

describe("forecast over 5,000 generated months", () => {
  it("stays within its bounds relative to the evidence, and agrees with the linear projection when credible", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { statement: s, forecast: f } = build(c);
        const used = s.usedMinutes, available = s.availableMinutes, days = f.daysInMonth, elapsed = f.elapsedDays;
        const rest = days - elapsed;
        expect(f.projectedMinutes).toBeGreaterThanOrEqual(used);
        if (elapsed === 0 || rest === 0) {
          expect(f.projectedMinutes).toBe(used);
          return;
        }
        // forecast − used ≤ rest × max(pace, plan), in minutes (+1 for the one half-up rounding).
        const pace = used / elapsed, plan = available / days;
        expect(f.projectedMinutes - used).toBeLessThanOrEqual(rest * Math.max(pace, plan) + 1);
        if (f.credible) {
          expect(f.basis).toEqual({ kind: "pace", days: elapsed });
          expect(f.projectedMinutes).toBe(divRoundHalfUp(used * days, elapsed)); // the old linear projection
          expect(f.projectedMinutes).toBeLessThanOrEqual(Math.max(available, used + rest * pace + 1));
        } else {
          expect(f.basis).toEqual({ kind: "plan" });
          expect(f.projectedMinutes - used).toBeLessThanOrEqual(rest * (plan + used / MIN_PACE_DAYS) + 1);
          if (f.runsOutOn) expect(f.runsOutActual).toBe(true);
        }
        if (f.runsOutOn && !f.runsOutActual) expect(f.credible).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });

  it("never alerts or projects a runs-out date from sparse early-month data", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { statement: s, forecast: f } = build(c);
        if (f.elapsedDays === 0 || f.elapsedDays >= MIN_PACE_DAYS || f.elapsedDays === f.daysInMonth) return;
        expect(f.credible).toBe(false);
        const kinds = dueAlerts(s, f);
        if (s.usedMinutes <= s.availableMinutes) expect(kinds).not.toContain("forecast_over");
        if (f.runsOutOn) expect(f.runsOutOn <= c.today && s.usedMinutes >= s.availableMinutes).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });

  it("raises the forecast alert only on a credible forecast or a month already past available", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { statement: s, forecast: f } = build(c);
        if (dueAlerts(s, f).includes("forecast_over")) expect(f.credible || s.usedMinutes > s.availableMinutes).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });

  it("counts entries dated tomorrow the same in used, the burn-up and the forecast", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { statement: s, daily, today, forecast: f } = build(c);
        const points = burnUp(s, daily, today);
        if (f.elapsedDays === 0) return;
        const todayPoint = points[f.elapsedDays - 1];
        expect(todayPoint.actual).toBe(s.usedMinutes);
        const end = points[points.length - 1];
        if (f.credible && f.elapsedDays < f.daysInMonth) expect(end.forecast).toBe(f.projectedMinutes);
        else expect(points.every((p) => p.forecast === null)).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });
});

describe("the demo's December 1 (8h 45m of 20h on day 1)", () => {
  it("says it is too early instead of 271h 15m, with no runs-out date and no alert", () => {
    const month = "2026-12-01";
    const entries: LedgerEntry[] = [
      { workDate: "2026-12-01", minutes: 525, billable: true, voided: false },
      { workDate: "2026-12-02", minutes: 60, billable: true, voided: false }, // dated tomorrow
    ];
    const daily = entries.map((e) => ({ workDate: e.workDate, minutes: e.minutes }));
    const s = statementFor([terms(month, 1200)], entries, month)!;
    const f = forecastMonth(s, daily, "2026-12-01");
    expect(f).toMatchObject({ credible: false, basis: { kind: "plan" }, runsOutOn: null });
    expect(f.projectedMinutes).toBeLessThan(271 * 60);
    expect(dueAlerts(s, f)).toEqual([]);
    expect(burnUp(s, daily, "2026-12-01")[0]).toMatchObject({ actual: 585, forecast: null });
  });
});
