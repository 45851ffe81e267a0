// Generators of retainer histories for the money properties (tests/unit/corrections, tests/unit/timing): terms
// that start in a month, and events over `months` months — work, or a correction recorded then against work of
// an earlier (closed) month.
import fc from "fast-check";
import { addDays, addMonths, type Month } from "@/lib/domain/dates";
import type { LedgerEntry } from "@/lib/domain/retainer";

export const termsArb = (month: Month) => fc.record({
  effectiveMonth: fc.constant(month),
  includedMinutes: fc.integer({ min: 0, max: 3000 }),
  monthlyFeeCents: fc.integer({ min: 0, max: 2_000_000 }),
  overageRateCentsPerHour: fc.integer({ min: 0, max: 500_000 }),
  overageIncrementMinutes: fc.constantFrom(1, 6, 15, 30, 60),
  rolloverCapMinutes: fc.integer({ min: 0, max: 1200 }),
  rolloverExpiryMonths: fc.integer({ min: 0, max: 3 }),
  overagePreapprovedMinutes: fc.constant(0),
});

export const workArb = (months: number) => ({
  recorded: fc.integer({ min: 0, max: months - 1 }),
  day: fc.integer({ min: 0, max: 27 }),
  minutes: fc.integer({ min: 15, max: 1500 }),
  correction: fc.option(fc.record({ back: fc.integer({ min: 1, max: 3 }), minutes: fc.integer({ min: -900, max: 600 }).filter((m) => m !== 0) }), { nil: undefined }),
});

export interface WorkEvent {
  recorded: number;
  day: number;
  minutes: number;
  correction?: { back: number; minutes: number };
  billable?: boolean;
}

/**
 * The ledger as it stands once month `k` (counted from `first`) is recorded: each event recorded by then, a
 * correction counting in the month it corrects (lib/db/usage attributes it there). Billable unless said otherwise.
 */
export function ledgerThrough(first: Month, events: readonly WorkEvent[], k: number): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  for (const e of events) {
    if (e.recorded > k) continue;
    const target = e.correction ? e.recorded - e.correction.back : e.recorded;
    if (target < 0) continue;
    out.push({
      workDate: addDays(addMonths(first, target), e.day), minutes: e.correction ? e.correction.minutes : e.minutes,
      billable: e.billable ?? true, voided: false, adjustment: Boolean(e.correction),
    });
  }
  return out;
}
