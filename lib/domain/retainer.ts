// Retainer math (DESIGN.md §4). Pure: terms and entries in, monthly statements out. Months are calendar
// months in the client's zone, given as 'YYYY-MM-01'; minutes and minor units are integers throughout.
import { addMonths, monthOf, type LocalDate, type Month } from "@/lib/domain/dates";
import { priceMinutes, roundUpTo } from "@/lib/domain/money";
import { firstBilledMonth, prorate, prorationOf, type RetainerStart } from "@/lib/domain/timing";
import type { ApprovedExtra, MonthStatement, StatementLine, Terms } from "@/lib/types/retainer";

// The shapes of a month (terms, statements) live in lib/types; the math that computes them lives here.
export type { ApprovedExtra, CarriedBucket, LineKind, MonthStatement, StatementLine, Terms } from "@/lib/types/retainer";

export interface LedgerEntry {
  workDate: LocalDate;
  minutes: number;
  billable: boolean;
  voided: boolean;
  /** Corrections of a closed month's entry (may be negative). */
  adjustment?: boolean;
}

/** The terms governing `month`: the latest with effectiveMonth ≤ month, or null before the first. */
export function termsFor(terms: readonly Terms[], month: Month): Terms | null {
  let found: Terms | null = null;
  for (const t of terms) {
    if (t.effectiveMonth <= month && (!found || t.effectiveMonth > found.effectiveMonth)) found = t;
  }
  return found;
}

interface LiveBucket {
  earnedMonth: Month;
  remaining: number;
  lastMonth: Month;
}

interface MonthUsage {
  logged: number;
  adjustments: number;
  nonBillable: number;
}

function usageByMonth(entries: readonly LedgerEntry[]): Map<Month, MonthUsage> {
  const byMonth = new Map<Month, MonthUsage>();
  for (const e of entries) {
    if (e.voided) continue;
    const m = monthOf(e.workDate);
    let u = byMonth.get(m);
    if (!u) byMonth.set(m, (u = { logged: 0, adjustments: 0, nonBillable: 0 }));
    if (!e.billable) {
      u.nonBillable += e.minutes;
      continue;
    }
    u.logged += e.minutes;
    if (e.adjustment) u.adjustments += e.minutes;
  }
  return byMonth;
}

/**
 * Statements for every month from the first billed month (the first terms, or a later start: lib/domain/timing)
 * through `through`, in order. Rollover depends on every earlier month, so the whole history is walked; that is
 * a few dozen months, each O(buckets). A first month that starts after its 1st may be prorated by days: its fee
 * and included minutes alike.
 */
export function computeStatements(
  terms: readonly Terms[], entries: readonly LedgerEntry[], through: Month, start?: RetainerStart | null, extras: readonly ApprovedExtra[] = [],
): MonthStatement[] {
  if (terms.length === 0) return [];
  const first = firstBilledMonth(terms.reduce((a, t) => (t.effectiveMonth < a ? t.effectiveMonth : a), terms[0].effectiveMonth), start);
  const usage = usageByMonth(entries);
  const extrasOf = new Map<Month, ApprovedExtra[]>();
  for (const x of extras) extrasOf.set(x.month, [...(extrasOf.get(x.month) ?? []), x]);
  const out: MonthStatement[] = [];
  let buckets: LiveBucket[] = [];

  for (let month = first; month <= through; month = addMonths(month, 1)) {
    const t = termsFor(terms, month)!;
    const prorated = month === first ? prorationOf(month, start) : null;
    const included = prorate(t.includedMinutes, prorated);
    const fee = prorate(t.monthlyFeeCents, prorated);
    buckets = buckets.filter((b) => b.lastMonth >= month && b.remaining > 0);
    const carriedIn = buckets.map((b) => ({ earnedMonth: b.earnedMonth, minutes: b.remaining, lastMonth: b.lastMonth }));
    const rolloverIn = carriedIn.reduce((s, b) => s + b.minutes, 0);
    const available = included + rolloverIn;
    const u = usage.get(month) ?? { logged: 0, adjustments: 0, nonBillable: 0 };
    const used = Math.max(0, u.logged);

    // Spend: rollover oldest first, then this month's included minutes, then overage.
    let left = used;
    let spentRollover = 0;
    for (const b of buckets) {
      const take = Math.min(left, b.remaining);
      b.remaining -= take;
      left -= take;
      spentRollover += take;
    }
    const spentIncluded = Math.min(left, included);
    const overage = left - spentIncluded;

    // End of month: buckets on their last month expire; unspent included minutes may roll over.
    const expired = buckets.filter((b) => b.lastMonth === month).reduce((s, b) => s + b.remaining, 0);
    buckets = buckets.filter((b) => b.lastMonth > month && b.remaining > 0);
    const unspentIncluded = included - spentIncluded;
    let earned = 0;
    if (t.rolloverCapMinutes > 0 && t.rolloverExpiryMonths > 0 && unspentIncluded > 0) {
      const carriedOn = buckets.reduce((s, b) => s + b.remaining, 0);
      earned = Math.min(unspentIncluded, Math.max(0, t.rolloverCapMinutes - carriedOn));
      if (earned > 0) buckets.push({ earnedMonth: month, remaining: earned, lastMonth: addMonths(month, t.rolloverExpiryMonths) });
    }

    const lines: StatementLine[] = [
      { kind: "retainer_fee", description: prorated ? "Monthly retainer, prorated" : "Monthly retainer", quantityMinutes: included, unitAmountCents: null, amountCents: fee },
    ];
    // Overage is covered first by the quoted blocks the owners approved (each billed pro rata to the minutes of
    // it used, in the month's increments, never past the block), then billed at the rate. Extra hours approved at
    // the rate change no amount: they only raise the ceiling past which logging asks to confirm.
    const approved = extrasOf.get(month) ?? [];
    let atRate = overage;
    let quotedMinutes = 0;
    for (const q of approved) {
      if (q.quotedCents === null || atRate <= 0) continue;
      const covered = Math.min(atRate, q.minutes);
      const billed = Math.min(q.minutes, roundUpTo(covered, t.overageIncrementMinutes));
      atRate -= covered;
      quotedMinutes += billed;
      lines.push({
        kind: "overage",
        description: billed === q.minutes ? "Extra hours approved in advance, at the quoted price" : "Extra hours approved in advance, at the quoted price, for the part used",
        quantityMinutes: billed,
        unitAmountCents: null,
        amountCents: Math.round((q.quotedCents * billed) / q.minutes),
      });
    }
    const billedAtRate = roundUpTo(atRate, t.overageIncrementMinutes);
    if (billedAtRate > 0) {
      lines.push({
        kind: "overage",
        description: `Overage, billed in ${t.overageIncrementMinutes}-minute increments`,
        quantityMinutes: billedAtRate,
        unitAmountCents: t.overageRateCentsPerHour,
        amountCents: priceMinutes(billedAtRate, t.overageRateCentsPerHour),
      });
    }
    const billedOverage = quotedMinutes + billedAtRate;
    const overageAmount = lines.reduce((sum, l) => sum + (l.kind === "overage" ? l.amountCents : 0), 0);

    out.push({
      month,
      terms: t,
      includedMinutes: included,
      ...(prorated ? { prorated } : {}),
      rolloverInMinutes: rolloverIn,
      carriedIn,
      availableMinutes: available,
      loggedMinutes: u.logged,
      adjustmentMinutes: u.adjustments,
      usedMinutes: used,
      nonBillableMinutes: u.nonBillable,
      spentRolloverMinutes: spentRollover,
      spentIncludedMinutes: spentIncluded,
      remainingMinutes: available - used,
      overageMinutes: overage,
      billedOverageMinutes: billedOverage,
      overageAmountCents: overageAmount,
      approvedExtraMinutes: approved.reduce((sum, x) => sum + x.minutes, 0),
      rolloverEarnedMinutes: earned,
      forfeitedMinutes: unspentIncluded - earned,
      expiredMinutes: expired,
      lines,
      totalCents: lines.reduce((s, l) => s + l.amountCents, 0),
    });
  }
  return out;
}

/** The statement of one month (null before the first terms). */
export function statementFor(terms: readonly Terms[], entries: readonly LedgerEntry[], month: Month, start?: RetainerStart | null): MonthStatement | null {
  const all = computeStatements(terms, entries, month, start);
  return all.length && all[all.length - 1].month === month ? all[all.length - 1] : null;
}

/** The month's ceiling: available minutes, the terms' pre-approved overage and the extra hours approved for it. */
export const approvedCeiling = (statement: MonthStatement) =>
  statement.availableMinutes + statement.terms.overagePreapprovedMinutes + (statement.approvedExtraMinutes ?? 0);

/** Overage minutes a new entry would take the month past its approved ceiling, or 0 if none. */
export function unapprovedOverage(statement: MonthStatement, addedMinutes: number): number {
  const limit = approvedCeiling(statement);
  const after = Math.max(0, statement.loggedMinutes + addedMinutes);
  return Math.max(0, after - limit);
}

export interface AllocatedEntry<E> {
  entry: E;
  /** Running total of billable minutes after this entry. */
  runningMinutes: number;
  fromRolloverMinutes: number;
  fromIncludedMinutes: number;
  overageMinutes: number;
}

/**
 * Walks a month's live billable entries in order and shows where each one's minutes went: rolled-over
 * hours first, then included hours, then overage (the statement's spending order). Corrections with
 * negative minutes give back from the most recently used layer. The per-layer sums equal the statement's.
 */
export function allocateEntries<E extends { minutes: number }>(statement: MonthStatement, entries: readonly E[]): AllocatedEntry<E>[] {
  const rollover = statement.rolloverInMinutes;
  const included = statement.includedMinutes;
  let running = 0;
  return entries.map((entry) => {
    const before = Math.max(0, running);
    running += entry.minutes;
    const after = Math.max(0, running);
    const layer = (from: number, to: number) => Math.max(0, Math.min(after, to) - Math.max(before, from)) - Math.max(0, Math.min(before, to) - Math.max(after, from));
    return {
      entry,
      runningMinutes: running,
      fromRolloverMinutes: layer(0, rollover),
      fromIncludedMinutes: layer(rollover, rollover + included),
      overageMinutes: layer(rollover + included, Number.MAX_SAFE_INTEGER),
    };
  });
}
