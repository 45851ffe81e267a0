// Money properties over many generated retainer histories: totals are the sum of their lines, every
// amount is a safe integer, and the invoice is exactly the statement's lines.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, addMonths } from "@/lib/domain/dates";
import { computeStatements, type LedgerEntry, type Terms } from "@/lib/domain/retainer";
import { minorToDecimal } from "@/lib/format";

const termsArb = (month: string) => fc.record({
  effectiveMonth: fc.constant(month),
  includedMinutes: fc.integer({ min: 0, max: 60 * 60 }),
  monthlyFeeCents: fc.integer({ min: 0, max: 50_000_000_000 }),
  overageRateCentsPerHour: fc.integer({ min: 0, max: 5_000_000_000 }),
  overageIncrementMinutes: fc.constantFrom(1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60),
  rolloverCapMinutes: fc.integer({ min: 0, max: 60 * 60 }),
  rolloverExpiryMonths: fc.integer({ min: 0, max: 12 }),
  overagePreapprovedMinutes: fc.integer({ min: 0, max: 6000 }),
});

const historyArb = fc
  .tuple(termsArb("2025-01-01"), fc.option(termsArb("2025-07-01"), { nil: undefined }))
  .chain(([first, second]) =>
    fc.record({
      terms: fc.constant([first, ...(second ? [second] : [])] as Terms[]),
      entries: fc.array(
        fc.record({
          workDate: fc.integer({ min: 0, max: 540 }).map((d) => addDays("2025-01-01", d)),
          minutes: fc.integer({ min: -600, max: 1440 }).filter((m) => m !== 0),
          billable: fc.boolean(),
          voided: fc.boolean(),
        }).map((e): LedgerEntry => ({ ...e, minutes: e.minutes, adjustment: e.minutes < 0 })),
        { maxLength: 80 },
      ),
    }),
  );

describe("money over 10,000 generated histories", () => {
  it("keeps totals equal to their lines, in safe integers, never a float", () => {
    let statements = 0;
    fc.assert(
      fc.property(historyArb, ({ terms, entries }) => {
        for (const s of computeStatements(terms, entries, addMonths("2025-01-01", 18))) {
          statements++;
          const sum = s.lines.reduce((a, l) => a + l.amountCents, 0);
          expect(sum).toBe(s.totalCents);
          for (const v of [s.totalCents, s.overageAmountCents, ...s.lines.map((l) => l.amountCents), ...s.lines.map((l) => l.unitAmountCents ?? 0)]) {
            expect(Number.isSafeInteger(v)).toBe(true);
          }
          // What an invoice prints is the same integer, placed in decimal without arithmetic.
          expect(minorToDecimal(s.totalCents, 2).replace(".", "")).toBe(String(s.totalCents).padStart(3, "0"));
        }
      }),
      { numRuns: 10_000 },
    );
    console.info(`money properties: 10000 histories, ${statements} monthly statements checked`);
  }, 120_000);
});
