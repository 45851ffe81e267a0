import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, addMonths, type LocalDate } from "@/lib/domain/dates";
import { burnUp, dueAlerts, forecastMonth } from "@/lib/domain/forecast";
import { divRoundHalfUp, priceMinutes, roundUpTo } from "@/lib/domain/money";
import { allocateEntries, computeStatements, statementFor, termsFor, unapprovedOverage, type LedgerEntry, type Terms } from "@/lib/domain/retainer";

const terms = (over: Partial<Terms> = {}): Terms => ({
  effectiveMonth: "2026-01-01",
  includedMinutes: 1200,
  monthlyFeeCents: 400_000,
  overageRateCentsPerHour: 15_000,
  overageIncrementMinutes: 15,
  rolloverCapMinutes: 0,
  rolloverExpiryMonths: 0,
  overagePreapprovedMinutes: 0,
  ...over,
});
const entry = (workDate: LocalDate, minutes: number, over: Partial<LedgerEntry> = {}): LedgerEntry => ({
  workDate, minutes, billable: true, voided: false, ...over,
});

describe("integer money", () => {
  it.each([
    [0, 60, 0], [29, 60, 0], [30, 60, 1], [31, 60, 1], [90, 60, 2], [150, 60, 3], [-30, 60, -1], [-29, 60, 0],
  ])("divRoundHalfUp(%i, %i) = %i", (a, b, q) => expect(divRoundHalfUp(a, b)).toBe(q));

  it.each([[0, 15, 0], [1, 15, 15], [15, 15, 15], [16, 15, 30], [61, 60, 120], [7, 1, 7]])(
    "roundUpTo(%i, %i) = %i", (m, inc, r) => expect(roundUpTo(m, inc)).toBe(r),
  );

  it("prices overage half up to a whole minor unit", () => {
    expect(priceMinutes(15, 15_000)).toBe(3_750); // $37.50 for 15 minutes at $150/h
    expect(priceMinutes(15, 10_001)).toBe(2_500); // 2,500.25 → 2,500
    expect(priceMinutes(30, 10_001)).toBe(5_001); // 5,000.5 → 5,001
    expect(priceMinutes(15, 25_000)).toBe(6_250); // ¥6,250 (JPY has no minor unit: cents are yen)
    expect(priceMinutes(45, 25_001)).toBe(18_751); // ¥18,750.75 → ¥18,751
  });
});

describe("monthly statement", () => {
  it("uses included hours first and bills nothing extra under the allotment", () => {
    const s = statementFor([terms()], [entry("2026-01-05", 600), entry("2026-01-20", 300)], "2026-01-01")!;
    expect(s).toMatchObject({ availableMinutes: 1200, usedMinutes: 900, remainingMinutes: 300, overageMinutes: 0, totalCents: 400_000 });
    expect(s.lines).toEqual([{ kind: "retainer_fee", description: "Monthly retainer", quantityMinutes: 1200, unitAmountCents: null, amountCents: 400_000 }]);
  });

  it("bills overage rounded up to the increment", () => {
    const s = statementFor([terms()], [entry("2026-01-05", 1201)], "2026-01-01")!;
    expect(s).toMatchObject({ overageMinutes: 1, billedOverageMinutes: 15, overageAmountCents: 3_750, totalCents: 403_750, remainingMinutes: -1 });
    expect(s.lines[1]).toMatchObject({ kind: "overage", quantityMinutes: 15, unitAmountCents: 15_000, amountCents: 3_750 });
  });

  it("counts months by calendar day: 28, 29, 30 and 31-day months", () => {
    const entries = [entry("2026-02-28", 60), entry("2026-03-01", 30), entry("2028-02-29", 45), entry("2026-04-30", 20), entry("2026-05-31", 10)];
    const all = computeStatements([terms()], entries, "2028-02-01");
    const used = (m: string) => all.find((s) => s.month === m)!.usedMinutes;
    expect([used("2026-02-01"), used("2026-03-01"), used("2026-04-01"), used("2026-05-01"), used("2028-02-01")]).toEqual([60, 30, 20, 10, 45]);
  });

  it("ignores voided and non-billable entries, counts adjustments, and never bills below zero", () => {
    const s = statementFor([terms()], [
      entry("2026-01-02", 300),
      entry("2026-01-03", 500, { voided: true }),
      entry("2026-01-04", 120, { billable: false }),
      entry("2026-01-05", -90, { adjustment: true }),
    ], "2026-01-01")!;
    expect(s).toMatchObject({ loggedMinutes: 210, usedMinutes: 210, adjustmentMinutes: -90, nonBillableMinutes: 120 });
    const negative = statementFor([terms()], [entry("2026-01-05", -300, { adjustment: true })], "2026-01-01")!;
    expect(negative).toMatchObject({ loggedMinutes: -300, usedMinutes: 0, totalCents: 400_000 });
  });

  it("bills a zero-hour (pure hourly) retainer for every minute", () => {
    const t = terms({ includedMinutes: 0, monthlyFeeCents: 0, overageRateCentsPerHour: 20_000 });
    const s = statementFor([t], [entry("2026-01-07", 95)], "2026-01-01")!;
    expect(s).toMatchObject({ availableMinutes: 0, overageMinutes: 95, billedOverageMinutes: 105, overageAmountCents: 35_000, totalCents: 35_000 });
  });

  it("bills a JPY retainer in whole yen", () => {
    const t = terms({ monthlyFeeCents: 600_000, overageRateCentsPerHour: 25_000, includedMinutes: 1500 });
    const s = statementFor([t], [entry("2026-01-07", 1500 + 50)], "2026-01-01")!;
    expect(s).toMatchObject({ billedOverageMinutes: 60, overageAmountCents: 25_000, totalCents: 625_000 });
  });

  it("keeps each month's own terms when they change mid-year", () => {
    const history = [terms(), terms({ effectiveMonth: "2026-07-01", includedMinutes: 1800, monthlyFeeCents: 550_000 })];
    expect(termsFor(history, "2025-12-01")).toBeNull();
    expect(termsFor(history, "2026-06-01")!.includedMinutes).toBe(1200);
    expect(termsFor(history, "2026-07-01")!.includedMinutes).toBe(1800);
    const all = computeStatements(history, [entry("2026-06-10", 1300), entry("2026-07-10", 1300)], "2026-07-01");
    expect(all).toHaveLength(7);
    expect(all[5]).toMatchObject({ month: "2026-06-01", billedOverageMinutes: 105, totalCents: 400_000 + 26_250 });
    expect(all[6]).toMatchObject({ month: "2026-07-01", availableMinutes: 1800, totalCents: 550_000 });
  });
});

describe("rollover", () => {
  const roll = (over: Partial<Terms> = {}) => terms({ rolloverCapMinutes: 600, rolloverExpiryMonths: 2, ...over });

  it("carries unspent included minutes and spends them first", () => {
    const all = computeStatements([roll()], [entry("2026-01-10", 900), entry("2026-02-10", 1400)], "2026-03-01");
    expect(all[0]).toMatchObject({ rolloverEarnedMinutes: 300, forfeitedMinutes: 0 });
    expect(all[1]).toMatchObject({ rolloverInMinutes: 300, availableMinutes: 1500, spentRolloverMinutes: 300, spentIncludedMinutes: 1100, rolloverEarnedMinutes: 100 });
    expect(all[1].carriedIn).toEqual([{ earnedMonth: "2026-01-01", minutes: 300, lastMonth: "2026-03-01" }]);
    expect(all[2]).toMatchObject({ rolloverInMinutes: 100 });
  });

  it("expires a bucket at the start of the month after its last month, even unspent", () => {
    const t = roll({ rolloverExpiryMonths: 1, rolloverCapMinutes: 2000 });
    // Jan leaves 300; Feb is its only month; Feb spends only 100 of the 1500 available.
    const all = computeStatements([t], [entry("2026-01-10", 900), entry("2026-02-10", 100)], "2026-03-01");
    expect(all[1]).toMatchObject({ rolloverInMinutes: 300, spentRolloverMinutes: 100, expiredMinutes: 200, rolloverEarnedMinutes: 1200 });
    expect(all[2].carriedIn).toEqual([{ earnedMonth: "2026-02-01", minutes: 1200, lastMonth: "2026-03-01" }]);
  });

  it("cuts a bucket to the cap and reports what the cap cut", () => {
    const all = computeStatements([roll({ rolloverCapMinutes: 120 })], [entry("2026-01-10", 700)], "2026-02-01");
    expect(all[0]).toMatchObject({ rolloverEarnedMinutes: 120, forfeitedMinutes: 380 });
    expect(all[1].rolloverInMinutes).toBe(120);
  });

  it("caps the total carried, counting older buckets, and never rolls rollover again", () => {
    const t = roll({ rolloverCapMinutes: 300, rolloverExpiryMonths: 3 });
    const all = computeStatements([t], [entry("2026-01-10", 1000), entry("2026-02-10", 0)], "2026-04-01");
    expect(all[0].rolloverEarnedMinutes).toBe(200);
    // Feb spends nothing: Jan's 200 stays (own expiry), Feb may add only 100.
    expect(all[1]).toMatchObject({ rolloverInMinutes: 200, rolloverEarnedMinutes: 100, forfeitedMinutes: 1100 });
    expect(all[2]).toMatchObject({ rolloverInMinutes: 300 });
    expect(all[2].carriedIn.map((b) => b.lastMonth)).toEqual(["2026-04-01", "2026-05-01"]);
  });

  it("has no rollover when the cap is 0", () => {
    const all = computeStatements([terms()], [entry("2026-01-10", 100)], "2026-02-01");
    expect(all[0]).toMatchObject({ rolloverEarnedMinutes: 0, forfeitedMinutes: 1100 });
    expect(all[1].rolloverInMinutes).toBe(0);
  });
});

describe("forecast, burn-up and alerts", () => {
  const november = (entries: LedgerEntry[]) => statementFor([terms({ effectiveMonth: "2026-11-01" })], entries, "2026-11-01")!;
  const daily = (entries: LedgerEntry[]) => entries.map((e) => ({ workDate: e.workDate, minutes: e.minutes }));

  it("projects the month from its pace and finds the day the allotment runs out", () => {
    const entries = [entry("2026-11-02", 300), entry("2026-11-09", 300)];
    const f = forecastMonth(november(entries), daily(entries), "2026-11-10");
    // 600 minutes in 10 of 30 days → 1800 projected; 1200 available runs out on day 20.
    expect(f).toMatchObject({ elapsedDays: 10, credible: true, basis: { kind: "pace", days: 10 }, projectedMinutes: 1800, runsOutOn: "2026-11-20", runsOutActual: false, projectedOverageMinutes: 600, projectedBilledOverageMinutes: 600, projectedOverageCents: 150_000 });
  });

  it("reports the actual day the allotment ran out", () => {
    const entries = [entry("2026-11-02", 700), entry("2026-11-05", 600)];
    const f = forecastMonth(november(entries), daily(entries), "2026-11-06");
    // Day 6 is too early to project from, but the day it ran out is a fact.
    expect(f).toMatchObject({ credible: false, runsOutOn: "2026-11-05", runsOutActual: true });
  });

  it("does not run out at a slow pace, and projects nothing before the month starts", () => {
    const entries = [entry("2026-11-02", 100)];
    expect(forecastMonth(november(entries), daily(entries), "2026-11-15")).toMatchObject({ projectedMinutes: 200, runsOutOn: null, projectedOverageCents: 0 });
    expect(forecastMonth(november([]), [], "2026-10-31")).toMatchObject({ elapsedDays: 0, projectedMinutes: 0, runsOutOn: null });
  });

  it("draws the burn-up: actual to today, an even pace, and the forecast after today", () => {
    const entries = [entry("2026-11-02", 300), entry("2026-11-09", 300)];
    const points = burnUp(november(entries), daily(entries), "2026-11-10");
    expect(points).toHaveLength(30);
    expect(points[0]).toMatchObject({ day: 1, actual: 0, pace: 40, forecast: null });
    expect(points[9]).toMatchObject({ day: 10, actual: 600, forecast: 600 });
    expect(points[10]).toMatchObject({ actual: null, forecast: 660 });
    expect(points[29]).toMatchObject({ pace: 1200, forecast: 1800 });
  });

  it("raises the 80%, 100% and forecast alerts when their conditions hold", () => {
    const at = (minutes: number, today: LocalDate) => {
      const entries = [entry("2026-11-02", minutes)];
      const s = november(entries);
      return dueAlerts(s, forecastMonth(s, daily(entries), today));
    };
    expect(at(959, "2026-11-30")).toEqual([]);
    expect(at(960, "2026-11-30")).toEqual(["used_80"]);
    expect(at(1200, "2026-11-30")).toEqual(["used_80", "used_100"]);
    expect(at(700, "2026-11-15")).toEqual(["forecast_over"]);
  });

  it("warns before an entry takes the month past available + pre-approved", () => {
    const s = statementFor([terms({ effectiveMonth: "2026-11-01", overagePreapprovedMinutes: 120 })], [entry("2026-11-02", 1250)], "2026-11-01")!;
    expect(unapprovedOverage(s, 60)).toBe(0);
    expect(unapprovedOverage(s, 90)).toBe(20);
  });
});

// ---------------------------------------------------------------------------------------------------------
const termsArb = fc.record({
  effectiveMonth: fc.constant("2026-01-01"),
  includedMinutes: fc.integer({ min: 0, max: 40 * 60 }),
  monthlyFeeCents: fc.integer({ min: 0, max: 5_000_000 }),
  overageRateCentsPerHour: fc.integer({ min: 0, max: 1_000_000 }),
  overageIncrementMinutes: fc.constantFrom(1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60),
  rolloverCapMinutes: fc.integer({ min: 0, max: 40 * 60 }),
  rolloverExpiryMonths: fc.integer({ min: 0, max: 6 }),
  overagePreapprovedMinutes: fc.integer({ min: 0, max: 600 }),
});
const entryArb = fc.record({
  workDate: fc.integer({ min: 0, max: 364 }).map((d) => addDays("2026-01-01", d)),
  minutes: fc.integer({ min: 1, max: 600 }),
  billable: fc.boolean(),
  voided: fc.boolean(),
});
const THROUGH = "2026-12-01";

describe("properties of the retainer math", () => {
  it("a statement's lines sum to its total, and every amount is a safe integer", () => {
    fc.assert(fc.property(fc.array(termsArb, { minLength: 1, maxLength: 1 }), fc.array(entryArb, { maxLength: 60 }), (t, e) => {
      for (const s of computeStatements(t, e, THROUGH)) {
        expect(s.lines.reduce((sum, l) => sum + l.amountCents, 0)).toBe(s.totalCents);
        for (const v of [s.totalCents, s.overageAmountCents, ...s.lines.map((l) => l.amountCents)]) expect(Number.isSafeInteger(v)).toBe(true);
      }
    }));
  });

  it("carried rollover never exceeds the cap", () => {
    fc.assert(fc.property(termsArb, fc.array(entryArb, { maxLength: 60 }), (t, e) => {
      for (const s of computeStatements([t], e, THROUGH)) expect(s.rolloverInMinutes).toBeLessThanOrEqual(t.rolloverCapMinutes);
    }));
  });

  it("billed overage is at least the raw overage and less than raw + one increment", () => {
    fc.assert(fc.property(termsArb, fc.array(entryArb, { maxLength: 60 }), (t, e) => {
      for (const s of computeStatements([t], e, THROUGH)) {
        expect(s.billedOverageMinutes).toBeGreaterThanOrEqual(s.overageMinutes);
        if (s.overageMinutes > 0) expect(s.billedOverageMinutes).toBeLessThan(s.overageMinutes + t.overageIncrementMinutes);
        else expect(s.billedOverageMinutes).toBe(0);
      }
    }));
  });

  it("adding a billable entry never lowers `used` of its month", () => {
    fc.assert(fc.property(termsArb, fc.array(entryArb, { maxLength: 40 }), entryArb, (t, e, extra) => {
      const added = { ...extra, billable: true, voided: false };
      const before = computeStatements([t], e, THROUGH);
      const after = computeStatements([t], [...e, added], THROUGH);
      const i = before.findIndex((s) => s.month === added.workDate.slice(0, 8) + "01");
      expect(after[i].usedMinutes).toBeGreaterThanOrEqual(before[i].usedMinutes + 0);
      expect(after[i].usedMinutes).toBe(before[i].usedMinutes + added.minutes);
    }));
  });

  it("a non-billable entry never changes money", () => {
    fc.assert(fc.property(termsArb, fc.array(entryArb, { maxLength: 40 }), entryArb, (t, e, extra) => {
      const totals = (xs: LedgerEntry[]) => computeStatements([t], xs, THROUGH).map((s) => s.totalCents);
      expect(totals([...e, { ...extra, billable: false }])).toEqual(totals(e));
    }));
  });

  it("available = included + rollover in, and used = rollover spent + included spent + overage", () => {
    fc.assert(fc.property(termsArb, fc.array(entryArb, { maxLength: 60 }), (t, e) => {
      for (const s of computeStatements([t], e, addMonths(THROUGH, 1))) {
        expect(s.availableMinutes).toBe(s.includedMinutes + s.rolloverInMinutes);
        expect(s.spentRolloverMinutes + s.spentIncludedMinutes + s.overageMinutes).toBe(s.usedMinutes);
        expect(s.rolloverEarnedMinutes + s.forfeitedMinutes).toBe(s.includedMinutes - s.spentIncludedMinutes);
      }
    }));
  });
});

describe("explaining a month entry by entry", () => {
  it("spends rollover, then included hours, then overage, and the layers add up to the statement", () => {
    const t = terms({ includedMinutes: 600, rolloverCapMinutes: 300, rolloverExpiryMonths: 1 });
    const all = computeStatements([t], [entry("2026-01-10", 400), entry("2026-02-03", 200), entry("2026-02-10", 500), entry("2026-02-20", -50, { adjustment: true }), entry("2026-02-25", 100)], "2026-02-01");
    const feb = all[1];
    expect(feb).toMatchObject({ rolloverInMinutes: 200, availableMinutes: 800, usedMinutes: 750, overageMinutes: 0 });
    const rows = allocateEntries(feb, [{ minutes: 200 }, { minutes: 500 }, { minutes: -50 }, { minutes: 100 }]);
    expect(rows.map((r) => [r.fromRolloverMinutes, r.fromIncludedMinutes, r.overageMinutes])).toEqual([[200, 0, 0], [0, 500, 0], [0, -50, 0], [0, 100, 0]]);
    const over = allocateEntries(all[0], [{ minutes: 400 }, { minutes: 300 }]);
    expect(over.map((r) => [r.fromIncludedMinutes, r.overageMinutes])).toEqual([[400, 0], [200, 100]]);
  });

  it("per-layer sums equal the statement for any history", () => {
    fc.assert(fc.property(termsArb, fc.array(entryArb, { maxLength: 30 }), (t, e) => {
      for (const s of computeStatements([t], e, "2026-06-01")) {
        const mine = e.filter((x) => x.billable && !x.voided && x.workDate.slice(0, 7) === s.month.slice(0, 7));
        const rows = allocateEntries(s, mine);
        const sum = (k: "fromRolloverMinutes" | "fromIncludedMinutes" | "overageMinutes") => rows.reduce((a, r) => a + r[k], 0);
        expect(sum("fromRolloverMinutes")).toBe(s.spentRolloverMinutes);
        expect(sum("fromIncludedMinutes")).toBe(s.spentIncludedMinutes);
        expect(sum("overageMinutes")).toBe(s.overageMinutes);
      }
    }));
  });
});
