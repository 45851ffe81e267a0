// Corrections are money: for any history of entries and of corrections recorded in later months, closing month
// after month leaves what was billed for every month (its own invoice plus adjustments of it) equal to what the
// final ledger bills for it — except a credit still waiting because it did not fit on an invoice (never below 0).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ledgerThrough, termsArb, workArb } from "../support/histories";
import { adjustmentsFor, ownLines } from "@/lib/domain/corrections";
import { addMonths, type Month } from "@/lib/domain/dates";
import { computeStatements, statementFor, type LedgerEntry, type Terms } from "@/lib/domain/retainer";
import type { BilledMonth } from "@/lib/types/retainer";

const FIRST: Month = "2026-01-01";
const MONTHS = 8;

/** Work in month `recorded`, or a correction recorded then against work of an earlier (closed) month. */
const eventArb = fc.record({ ...workArb(MONTHS), billable: fc.boolean() });

const historyArb = fc.tuple(termsArb(FIRST), fc.option(termsArb(addMonths(FIRST, 3)), { nil: undefined }), fc.array(eventArb, { maxLength: 40 }));

describe("billed minus credited equals the final ledger, month by month", () => {
  it("holds over 3,000 generated histories of work and corrections", () => {
    let adjustments = 0;
    fc.assert(fc.property(historyArb, ([first, second, events]) => {
      const terms: Terms[] = [first, ...(second ? [second] : [])];
      const billed = new Map<Month, BilledMonth>();
      for (let k = 0; k < MONTHS; k++) {
        const month = addMonths(FIRST, k);
        const history = computeStatements(terms, ledgerThrough(FIRST, events, k), month);
        const own = history[history.length - 1];
        const adj = adjustmentsFor(month, history, [...billed.values()], own.totalCents);
        adjustments += adj.length;
        const lines = [...ownLines(own), ...adj.map((a) => ({ amountCents: a.amountCents, forMonth: a.forMonth, minutes: a.overageMinutesChange }))];
        const invoiceTotal = lines.reduce((s, l) => s + l.amountCents, 0);
        expect(invoiceTotal).toBeGreaterThanOrEqual(0);
        billed.set(month, { month, cents: own.totalCents, overageMinutes: own.billedOverageMinutes });
        for (const a of adj) {
          const b = billed.get(a.forMonth)!;
          billed.set(a.forMonth, { month: a.forMonth, cents: b.cents + a.amountCents, overageMinutes: b.overageMinutes + a.overageMinutesChange });
        }
        // After closing k: every month's billed equals the ledger's, or exceeds it by a credit that did not fit.
        for (const s of history) {
          const diff = billed.get(s.month)!.cents - s.totalCents;
          expect(diff).toBeGreaterThanOrEqual(0);
          if (diff > 0) expect(invoiceTotal).toBe(0);
          // Where a minute of overage costs at least one minor unit, equal money means equal billed minutes.
          if (diff === 0 && s.terms.overageRateCentsPerHour >= 60) expect(billed.get(s.month)!.overageMinutes).toBe(s.billedOverageMinutes);
        }
      }
    }), { numRuns: 3000 });
    expect(adjustments).toBeGreaterThan(0);
    console.info(`corrections: 3000 histories × ${MONTHS} closes, ${adjustments} adjustment lines checked`);
  }, 120_000);
});

describe("the issue's case in the rules alone", () => {
  const terms: Terms = {
    effectiveMonth: "2026-03-01", includedMinutes: 1200, monthlyFeeCents: 400000, overageRateCentsPerHour: 22500,
    overageIncrementMinutes: 15, rolloverCapMinutes: 0, rolloverExpiryMonths: 0, overagePreapprovedMinutes: 0,
  };
  const work = (workDate: string, minutes: number, adjustment = false): LedgerEntry => ({ workDate, minutes, billable: true, voided: false, adjustment });

  it("re-prices March at 80 over → 90 billed and credits 45,000 on April's invoice", () => {
    const march = statementFor([terms], [work("2026-03-10", 1400)], "2026-03-01")!;
    expect(march).toMatchObject({ billedOverageMinutes: 210, overageAmountCents: 78750 });
    const billed: BilledMonth[] = [{ month: "2026-03-01", cents: march.totalCents, overageMinutes: 210 }];
    const history = computeStatements([terms], [work("2026-03-10", 1400), work("2026-03-10", -120, true), work("2026-04-15", 600)], "2026-04-01");
    expect(history[1]).toMatchObject({ usedMinutes: 600, totalCents: 400000 });
    expect(adjustmentsFor("2026-04-01", history, billed, history[1].totalCents)).toEqual([
      { forMonth: "2026-03-01", amountCents: -45000, overageMinutesChange: -120, overageRateCentsPerHour: 22500, owedCents: -45000 },
    ]);
  });

  it("adjusts nothing for a month never invoiced, nor for the month being closed", () => {
    const history = computeStatements([terms], [work("2026-03-10", 1400)], "2026-04-01");
    expect(adjustmentsFor("2026-04-01", history, [], 400000)).toEqual([]);
    expect(adjustmentsFor("2026-03-01", history, [{ month: "2026-03-01", cents: 0, overageMinutes: 0 }], 0)).toEqual([]);
  });

  it("puts increases before credits, so a credit fits against them", () => {
    const history = computeStatements([terms], [work("2026-03-10", 1300), work("2026-04-10", 1400)], "2026-05-01");
    const billed: BilledMonth[] = [
      { month: "2026-03-01", cents: history[0].totalCents + 90000, overageMinutes: history[0].billedOverageMinutes + 240 },
      { month: "2026-04-01", cents: history[1].totalCents - 30000, overageMinutes: history[1].billedOverageMinutes - 80 },
    ];
    const adj = adjustmentsFor("2026-05-01", history, billed, 0);
    expect(adj.map((a) => [a.forMonth, a.amountCents, a.owedCents])).toEqual([["2026-04-01", 30000, 30000], ["2026-03-01", -30000, -90000]]);
  });
});
