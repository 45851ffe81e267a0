// The ledger's totals: what the entries of a month (as filtered) add up to.
import type { LedgerTotals } from "@/lib/types/hours";
import { allocateEntries, type AllocatedEntry, type MonthStatement } from "@/lib/domain/retainer";

export type { LedgerTotals };

export function ledgerTotals(entries: readonly { minutes: number; billable: boolean; voidedAt: Date | null }[]): LedgerTotals {
  const live = entries.filter((e) => !e.voidedAt);
  return {
    billableMinutes: live.filter((e) => e.billable).reduce((s, e) => s + e.minutes, 0),
    nonBillableMinutes: live.filter((e) => !e.billable).reduce((s, e) => s + e.minutes, 0),
    entries: live.length,
    voided: entries.length - live.length,
  };
}

/**
 * An invoice explained entry by entry: the month's live billable entries, oldest first (the order the hours
 * were spent in; the ledger lists newest first), each with where its minutes went. None without a statement.
 */
export function explainEntries<E extends { minutes: number; billable: boolean; voidedAt: Date | null }>(
  statement: MonthStatement | null,
  newestFirst: readonly E[],
): AllocatedEntry<E>[] {
  if (!statement) return [];
  return allocateEntries(statement, newestFirst.filter((e) => !e.voidedAt && e.billable).reverse());
}
