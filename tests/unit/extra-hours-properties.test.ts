// Extra hours approved in advance (issue 23) in the retainer math, over generated histories: approved at the rate
// they change no amount, only the ceiling; no entry inside the ceiling is warned about, the first minute past it
// is; a quoted block bills its price pro rata to the minutes of it used, never more than the quote, and the rest
// of the overage at the rate.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, addMonths } from "@/lib/domain/dates";
import { roundUpTo } from "@/lib/domain/money";
import { approvedCeiling, computeStatements, unapprovedOverage, type ApprovedExtra, type LedgerEntry, type Terms } from "@/lib/domain/retainer";

const FIRST = "2025-01-01";
const termsArb = fc.record({
  effectiveMonth: fc.constant(FIRST),
  includedMinutes: fc.integer({ min: 0, max: 40 * 60 }),
  monthlyFeeCents: fc.integer({ min: 0, max: 5_000_000 }),
  overageRateCentsPerHour: fc.integer({ min: 0, max: 500_000 }),
  overageIncrementMinutes: fc.constantFrom(1, 5, 6, 10, 15, 30, 60),
  rolloverCapMinutes: fc.integer({ min: 0, max: 20 * 60 }),
  rolloverExpiryMonths: fc.integer({ min: 0, max: 3 }),
  overagePreapprovedMinutes: fc.integer({ min: 0, max: 10 * 60 }),
}) satisfies fc.Arbitrary<Terms>;

const entriesArb = fc.array(
  fc.record({
    workDate: fc.integer({ min: 0, max: 180 }).map((d) => addDays(FIRST, d)),
    minutes: fc.integer({ min: 15, max: 600 }),
    billable: fc.boolean(),
    voided: fc.constant(false),
  }) satisfies fc.Arbitrary<LedgerEntry>,
  { maxLength: 80 },
);

const extrasArb = (quoted: boolean) => fc.array(
  fc.record({
    month: fc.integer({ min: 0, max: 5 }).map((i) => addMonths(FIRST, i)),
    minutes: fc.integer({ min: 1, max: 40 }).map((q) => q * 15),
    quotedCents: quoted ? fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: null }) : fc.constant(null),
  }) satisfies fc.Arbitrary<ApprovedExtra>,
  { maxLength: 6 },
);

const THROUGH = addMonths(FIRST, 5);

describe("extra hours in the retainer math, over 3,000 generated histories each", () => {
  it("approved at the overage rate: every amount and line is as without them; only the ceiling rises", () => {
    fc.assert(fc.property(termsArb, entriesArb, extrasArb(false), (terms, entries, extras) => {
      const without = computeStatements([terms], entries, THROUGH);
      const withExtras = computeStatements([terms], entries, THROUGH, null, extras);
      withExtras.forEach((s, i) => {
        const approved = extras.filter((x) => x.month === s.month).reduce((a, x) => a + x.minutes, 0);
        expect(s.lines).toEqual(without[i].lines);
        expect(s.totalCents).toBe(without[i].totalCents);
        expect(s.approvedExtraMinutes).toBe(approved);
        expect(approvedCeiling(s)).toBe(approvedCeiling(without[i]) + approved);
      });
    }), { numRuns: 3000 });
  });

  it("warns about no entry inside the ceiling, and about the first minute past it", () => {
    fc.assert(fc.property(termsArb, entriesArb, extrasArb(true), (terms, entries, extras) => {
      for (const s of computeStatements([terms], entries, THROUGH, null, extras)) {
        const room = approvedCeiling(s) - Math.max(0, s.loggedMinutes);
        if (room > 0) expect(unapprovedOverage(s, room)).toBe(0);
        expect(unapprovedOverage(s, Math.max(room, 0) + 1)).toBeGreaterThan(0);
      }
    }), { numRuns: 3000 });
  });

  it("bills a quoted block pro rata to its minutes used (never past its quote), and the rest of the overage at the rate", () => {
    let quotedLines = 0;
    fc.assert(fc.property(termsArb, entriesArb, extrasArb(true), (terms, entries, extras) => {
      for (const s of computeStatements([terms], entries, THROUGH, null, extras)) {
        const inc = terms.overageIncrementMinutes;
        let rest = s.overageMinutes;
        const expected: { minutes: number; cents: number }[] = [];
        for (const q of extras.filter((x) => x.month === s.month && x.quotedCents !== null)) {
          if (rest <= 0) continue;
          const covered = Math.min(rest, q.minutes);
          const billed = Math.min(q.minutes, roundUpTo(covered, inc));
          expected.push({ minutes: billed, cents: Math.round((q.quotedCents! * billed) / q.minutes) });
          rest -= covered;
        }
        const quoted = s.lines.filter((l) => l.kind === "overage" && l.unitAmountCents === null);
        quotedLines += quoted.length;
        expect(quoted.map((l) => ({ minutes: l.quantityMinutes, cents: l.amountCents }))).toEqual(expected);
        for (const [i, l] of quoted.entries()) expect(l.amountCents).toBeLessThanOrEqual(extras.filter((x) => x.month === s.month && x.quotedCents !== null)[i].quotedCents!);
        const atRate = s.lines.filter((l) => l.kind === "overage" && l.unitAmountCents !== null);
        const billedAtRate = roundUpTo(rest, inc);
        expect(atRate.reduce((a, l) => a + (l.quantityMinutes ?? 0), 0)).toBe(billedAtRate);
        expect(s.billedOverageMinutes).toBe(expected.reduce((a, q) => a + q.minutes, 0) + billedAtRate);
        expect(s.totalCents).toBe(s.lines.reduce((a, l) => a + l.amountCents, 0));
        expect(s.overageAmountCents).toBe(s.lines.filter((l) => l.kind === "overage").reduce((a, l) => a + l.amountCents, 0));
      }
    }), { numRuns: 3000 });
    console.info(`extra hours: 3000 histories, ${quotedLines} quoted lines checked`);
    expect(quotedLines).toBeGreaterThan(100);
  }, 60_000);
});
