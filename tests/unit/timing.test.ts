// Billing timing and the first month (issue 27), in the rules alone: a prorated first month never bills more than
// a whole one (fee and included hours alike), whatever the month's length; and for any history of work,
// corrections, a terms change and switches between advance and arrears, closing month after month bills every
// month's fee exactly once and leaves what was billed for each month equal to what the final ledger bills.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ledgerThrough, termsArb, workArb } from "../support/histories";
import { adjustmentsFor } from "@/lib/domain/corrections";
import { formatSupplyPeriodOf } from "@/lib/format";
import { addDays, addMonths, daysInMonth, type Month } from "@/lib/domain/dates";
import { computeStatements, statementFor, type LedgerEntry, type Terms } from "@/lib/domain/retainer";
import { firstBilledMonth, prorationOf, timedLines, type BillingTiming, type RetainerStart } from "@/lib/domain/timing";
import type { BilledMonth } from "@/lib/types/retainer";

const terms = (over: Partial<Terms> = {}): Terms => ({
  effectiveMonth: "2026-12-01", includedMinutes: 1200, monthlyFeeCents: 400_000, overageRateCentsPerHour: 22_500,
  overageIncrementMinutes: 15, rolloverCapMinutes: 0, rolloverExpiryMonths: 0, overagePreapprovedMinutes: 0, ...over,
});
const work = (workDate: string, minutes: number, adjustment = false): LedgerEntry => ({ workDate, minutes, billable: true, voided: false, adjustment });
const prorate = (startDate: string): RetainerStart => ({ startDate, firstMonth: "prorate" });

describe("a first month prorated by days", () => {
  it("bills December 5 → 31 as 27 of 31 days: 400,000 × 27/31 = 348,387.1 → 348,387; 20 h × 27/31 = 1,045.2 → 1,045 min", () => {
    const s = statementFor([terms()], [work("2026-12-10", 1100)], "2026-12-01", prorate("2026-12-05"))!;
    expect(s.prorated).toEqual({ fromDate: "2026-12-05", days: 27, daysInMonth: 31 });
    expect(s).toMatchObject({ includedMinutes: 1045, availableMinutes: 1045, overageMinutes: 55, billedOverageMinutes: 60, overageAmountCents: 22_500 });
    expect(s.lines[0]).toMatchObject({ kind: "retainer_fee", amountCents: 348_387, quantityMinutes: 1045 });
    expect(s.totalCents).toBe(348_387 + 22_500);
    // Only the first month: January is whole.
    const jan = statementFor([terms()], [], "2027-01-01", prorate("2026-12-05"))!;
    expect(jan).toMatchObject({ includedMinutes: 1200, totalCents: 400_000 });
    expect(jan.prorated).toBeUndefined();
  });

  it("counts a leap February's 29 days and 30-day months", () => {
    expect(prorationOf("2028-02-01", prorate("2028-02-15"))).toEqual({ fromDate: "2028-02-15", days: 15, daysInMonth: 29 });
    expect(prorationOf("2027-02-01", prorate("2027-02-15"))).toEqual({ fromDate: "2027-02-15", days: 14, daysInMonth: 28 });
    expect(prorationOf("2027-04-01", prorate("2027-04-30"))).toEqual({ fromDate: "2027-04-30", days: 1, daysInMonth: 30 });
    const feb = statementFor([terms({ effectiveMonth: "2028-02-01", monthlyFeeCents: 290_000, includedMinutes: 2900 })], [], "2028-02-01", prorate("2028-02-15"))!;
    expect(feb).toMatchObject({ includedMinutes: 1500, totalCents: 150_000 });
  });

  it("never bills more than a whole month, and a whole month when the retainer starts on the 1st", () => {
    const arb = fc.record({
      year: fc.integer({ min: 2024, max: 2032 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }),
      fee: fc.integer({ min: 0, max: 50_000_000 }), included: fc.integer({ min: 0, max: 744 * 60 }),
    });
    let checked = 0;
    fc.assert(fc.property(arb, ({ year, month, day, fee, included }) => {
      const m = `${year}-${String(month).padStart(2, "0")}-01` as Month;
      const dim = daysInMonth(m);
      const startDate = addDays(m, Math.min(day, dim) - 1);
      const t = terms({ effectiveMonth: m, monthlyFeeCents: fee, includedMinutes: included });
      const s = statementFor([t], [], m, prorate(startDate))!;
      const whole = statementFor([t], [], m)!;
      expect(s.totalCents).toBeLessThanOrEqual(whole.totalCents);
      expect(s.includedMinutes).toBeLessThanOrEqual(whole.includedMinutes);
      expect(s.includedMinutes).toBeGreaterThanOrEqual(0);
      if (startDate === m) {
        expect(s).toEqual(whole);
      } else {
        expect(s.prorated).toEqual({ fromDate: startDate, days: dim - Math.min(day, dim) + 1, daysInMonth: dim });
        // Rounded half up, to a minor unit and a minute.
        expect(Math.abs(s.totalCents * dim - fee * s.prorated!.days)).toBeLessThanOrEqual(dim / 2);
        expect(Math.abs(s.includedMinutes * dim - included * s.prorated!.days)).toBeLessThanOrEqual(dim / 2);
      }
      checked++;
    }), { numRuns: 2000 });
    expect(checked).toBe(2000);
  });

  it("starts whole at the next month when the practice chose so, and earlier work is never billed", () => {
    const start: RetainerStart = { startDate: "2026-12-05", firstMonth: "next_month" };
    expect(firstBilledMonth("2026-12-01", start)).toBe("2027-01-01");
    expect(firstBilledMonth("2026-12-01", { startDate: "2026-12-01", firstMonth: "next_month" })).toBe("2026-12-01");
    // A start before the first terms changes nothing; a start months later moves the first month.
    expect(firstBilledMonth("2026-12-01", prorate("2026-10-20"))).toBe("2026-12-01");
    expect(firstBilledMonth("2026-12-01", prorate("2027-03-09"))).toBe("2027-03-01");
    const all = computeStatements([terms()], [work("2026-12-10", 5000), work("2027-01-10", 600)], "2027-01-01", start);
    expect(all.map((s) => [s.month, s.usedMinutes, s.totalCents])).toEqual([["2027-01-01", 600, 400_000]]);
    expect(all[0].prorated).toBeUndefined();
  });
});

describe("what the invoice closing a month carries", () => {
  it("states a supply period from the month closed through the month a fee in advance pays for", () => {
    expect(formatSupplyPeriodOf(["2026-12-01", "2027-01-01", "2026-12-01"])).toBe("1 December 2026 – 31 January 2027");
    expect(formatSupplyPeriodOf(["2028-02-01"])).toBe("1–29 February 2028");
  });

  const history = computeStatements([terms(), terms({ effectiveMonth: "2027-01-01", monthlyFeeCents: 500_000 })], [work("2026-12-10", 1300)], "2027-01-01");

  it("in arrears: the month's fee and overage; in advance: the overage and the next month's fee at the next month's terms", () => {
    const arrears = timedLines("2026-12-01", history, "arrears", new Set());
    expect(arrears.map((l) => [l.kind, l.forMonth, l.amountCents, l.inAdvance])).toEqual([
      ["retainer_fee", "2026-12-01", 400_000, false], ["overage", "2026-12-01", 39_375, false],
    ]);
    const advance = timedLines("2026-12-01", history, "advance", new Set(["2026-12-01"]));
    expect(advance.map((l) => [l.kind, l.forMonth, l.amountCents, l.inAdvance])).toEqual([
      ["retainer_fee", "2027-01-01", 500_000, true], ["overage", "2026-12-01", 39_375, false],
    ]);
  });

  it("opens an advance client with its first fee alone, and never bills a fee already billed", () => {
    expect(timedLines("2026-11-01", history, "advance", new Set()).map((l) => [l.kind, l.forMonth])).toEqual([["retainer_fee", "2026-12-01"]]);
    expect(timedLines("2026-11-01", history, "arrears", new Set())).toEqual([]);
    // Switched from arrears to advance after November: December's own fee and January's both.
    expect(timedLines("2026-12-01", history, "advance", new Set()).map((l) => l.forMonth)).toEqual(["2026-12-01", "2027-01-01", "2026-12-01"]);
    // Switched back: December's fee went out in advance, so its close bills the overage only.
    expect(timedLines("2026-12-01", history, "arrears", new Set(["2026-12-01"])).map((l) => l.kind)).toEqual(["overage"]);
  });
});

const FIRST: Month = "2026-01-01";
const MONTHS = 12;

const eventArb = fc.record(workArb(MONTHS));

describe("advance and arrears over a year, with a terms change, corrections and switches", () => {
  it("bills every fee once and every month what the final ledger bills, over 1,500 generated years", () => {
    const arb = fc.tuple(
      termsArb(FIRST), termsArb(addMonths(FIRST, 4)), fc.array(eventArb, { maxLength: 40 }),
      fc.array(fc.constantFrom<BillingTiming>("advance", "arrears"), { minLength: MONTHS + 1, maxLength: MONTHS + 1 }),
    );
    let switches = 0;
    fc.assert(fc.property(arb, ([first, second, events, timings]) => {
      const allTerms = [first, second];
      const billed = new Map<Month, BilledMonth>();
      const fees = new Map<Month, number>();
      const bill = (forMonth: Month, cents: number, minutes: number) => {
        const b = billed.get(forMonth) ?? { month: forMonth, cents: 0, overageMinutes: 0 };
        billed.set(forMonth, { month: forMonth, cents: b.cents + cents, overageMinutes: b.overageMinutes + minutes });
      };
      // k = −1: the opening close (the month before the first), then the year's twelve closes.
      for (let k = -1; k < MONTHS; k++) {
        const month = addMonths(FIRST, k);
        const timing = timings[k + 1];
        if (k >= 0 && timing !== timings[k]) switches++;
        const history = computeStatements(allTerms, ledgerThrough(FIRST, events, k), addMonths(month, 1));
        const own = timedLines(month, history, timing, new Set(fees.keys()));
        const ownTotal = own.reduce((s, l) => s + l.amountCents, 0);
        const adj = adjustmentsFor(month, history, [...billed.values()], ownTotal);
        const invoiceTotal = ownTotal + adj.reduce((s, a) => s + a.amountCents, 0);
        expect(invoiceTotal).toBeGreaterThanOrEqual(0);
        for (const l of own) {
          if (l.kind === "retainer_fee") fees.set(l.forMonth, (fees.get(l.forMonth) ?? 0) + 1);
          bill(l.forMonth, l.amountCents, l.kind === "overage" ? l.quantityMinutes! : 0);
        }
        for (const a of adj) bill(a.forMonth, a.amountCents, a.overageMinutesChange);
        // Every month the close has ended: billed what its ledger bills, or more by a credit that did not fit.
        for (const s of history.filter((h) => h.month <= month)) {
          const diff = (billed.get(s.month)?.cents ?? 0) - s.totalCents;
          expect(diff).toBeGreaterThanOrEqual(0);
          if (diff > 0) expect(invoiceTotal).toBe(0);
          expect(fees.get(s.month)).toBe(1);
        }
      }
      // No fee billed twice, none skipped, none for a month without terms.
      expect([...fees.entries()].filter(([, n]) => n !== 1)).toEqual([]);
      for (let k = 0; k < MONTHS; k++) expect(fees.has(addMonths(FIRST, k))).toBe(true);
      expect(fees.has(addMonths(FIRST, -1))).toBe(false);
    }), { numRuns: 1500 });
    expect(switches).toBeGreaterThan(1000);
    console.info(`timing: 1500 years × ${MONTHS + 1} closes, ${switches} switches between advance and arrears`);
  }, 120_000);
});
