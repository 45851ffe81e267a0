// The ledger's totals: what the entries of a month (as filtered) add up to.
import type { LedgerTotals } from "@/lib/types/hours";
import { allocateEntries, type AllocatedEntry, type MonthStatement } from "@/lib/domain/retainer";

export type { LedgerTotals };

type LedgerRow = { minutes: number; billable: boolean; voidedAt: Date | null; adjustsEntryId?: string | null };

const sumMinutes = (rows: readonly { minutes: number }[]) => rows.reduce((s, e) => s + e.minutes, 0);

export function ledgerTotals(entries: readonly LedgerRow[]): LedgerTotals {
  const live = entries.filter((e) => !e.voidedAt);
  return {
    billableMinutes: sumMinutes(live.filter((e) => e.billable && !e.adjustsEntryId)),
    correctionMinutes: sumMinutes(live.filter((e) => e.billable && e.adjustsEntryId)),
    nonBillableMinutes: sumMinutes(live.filter((e) => !e.billable)),
    entries: live.length,
    voided: entries.length - live.length,
  };
}

/**
 * An invoice explained entry by entry: the month's live billable entries, oldest first (the order the hours
 * were spent in; the ledger lists newest first), each with where its minutes went. Corrections recorded in the
 * month against closed months are not its work: they re-price the month they correct (an adjustment line).
 * None without a statement.
 */
export function explainEntries<E extends LedgerRow>(statement: MonthStatement | null, newestFirst: readonly E[]): AllocatedEntry<E>[] {
  if (!statement) return [];
  return allocateEntries(statement, newestFirst.filter((e) => !e.voidedAt && e.billable && !e.adjustsEntryId).reverse());
}
