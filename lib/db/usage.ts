// Aggregates the retainer math runs on. Summing in SQL keeps a dashboard one small query however long the
// ledger is; the domain only ever sums minutes per month, so a month's sums are equivalent to its entries.
import type { Tx } from "@/lib/db";
import { groupBy } from "@/lib/db/group";
import type { LocalDate, Month } from "@/lib/domain/dates";
import type { DailyMinutes } from "@/lib/domain/forecast";
import type { LedgerEntry } from "@/lib/domain/retainer";
import type { MinutesByRow } from "@/lib/types/hours";

/**
 * Per client, billable/non-billable and adjustment minutes summed per month, through `through`. A correction
 * counts in the month of the entry it corrects (the month is re-priced with it, lib/domain/corrections), not in
 * the month it was recorded in.
 */
export async function monthlyUsageFor(tx: Tx, { clientIds, through }: { clientIds: string[]; through: Month }): Promise<Map<string, LedgerEntry[]>> {
  const rows = clientIds.length === 0 ? [] : await tx<{ clientId: string; month: string; billable: boolean; adjustment: boolean; minutes: number }[]>`
    select client_id as "clientId", to_char(first_day, 'YYYY-MM-DD') as month, billable, adjustment, sum(minutes)::int as minutes
    from (
      -- Date arithmetic, not date_trunc (which goes through timestamptz): the sum runs over every entry.
      select client_id, work_date - (extract(day from work_date)::int - 1) as first_day, billable, false as adjustment, minutes
      from public.time_entries
      where client_id in ${tx(clientIds)} and voided_at is null and adjusts_entry_id is null
        and work_date < (${through}::date + interval '1 month')
      union all
      -- A correction, in the month of the entry it corrects (the few rows of time_entries_adjusts_idx).
      select c.client_id, o.work_date - (extract(day from o.work_date)::int - 1), c.billable, true, c.minutes
      from public.time_entries c
      join public.time_entries o on o.id = c.adjusts_entry_id and o.client_id = c.client_id
      where c.client_id in ${tx(clientIds)} and c.voided_at is null and c.adjusts_entry_id is not null
        and o.work_date < (${through}::date + interval '1 month')
    ) e
    group by client_id, first_day, billable, adjustment`;
  const grouped = groupBy(clientIds, rows, (r) => r.clientId);
  return new Map([...grouped].map(([id, rs]) => [id, rs.map((r) => ({ workDate: r.month, minutes: r.minutes, billable: r.billable, voided: false, adjustment: r.adjustment }))]));
}

export async function monthlyUsage(tx: Tx, { clientId, through }: { clientId: string; through: Month }): Promise<LedgerEntry[]> {
  return (await monthlyUsageFor(tx, { clientIds: [clientId], through })).get(clientId)!;
}

/**
 * Per client, billable minutes per day from `from` (inclusive) to `until` (exclusive). Corrections of closed
 * months are left out: they count in the month they correct, not in the day's pace.
 */
export async function dailyUsageFor(
  tx: Tx,
  { clientIds, from, until }: { clientIds: string[]; from: LocalDate; until: LocalDate },
): Promise<Map<string, DailyMinutes[]>> {
  const rows = clientIds.length === 0 ? [] : await tx<(DailyMinutes & { clientId: string })[]>`
    select client_id as "clientId", to_char(work_date, 'YYYY-MM-DD') as "workDate", sum(minutes)::int as minutes
    from public.time_entries
    where client_id in ${tx(clientIds)} and voided_at is null and billable and adjusts_entry_id is null
      and work_date >= ${from} and work_date < ${until}
    group by 1, 2 order by 2`;
  return groupBy(clientIds, rows, (r) => r.clientId);
}


/** The latest day with a live entry, per client. */
export async function lastEntryDates(tx: Tx, { clientIds }: { clientIds: string[] }): Promise<Map<string, LocalDate>> {
  const rows = clientIds.length === 0 ? [] : await tx<{ clientId: string; day: string }[]>`
    select client_id as "clientId", to_char(max(work_date), 'YYYY-MM-DD') as day
    from public.time_entries where client_id in ${tx(clientIds)} and voided_at is null group by 1`;
  return new Map(rows.map((r) => [r.clientId, r.day]));
}

/** Where a month's logged work went, by category or roadmap item (corrections of closed months left out). */
export function minutesBy(tx: Tx, { clientId, month, by }: { clientId: string; month: Month; by: "category" | "roadmap" }) {
  const key = by === "category" ? tx`e.category` : tx`coalesce(r.title, '')`;
  return tx<MinutesByRow[]>`
    select ${key} as key, ${by === "roadmap" ? tx`e.roadmap_item_id` : tx`null::uuid`} as "itemId", sum(e.minutes)::int as minutes
    from public.time_entries e
    left join public.roadmap_items r on r.id = e.roadmap_item_id
    where e.client_id = ${clientId} and e.voided_at is null and e.billable and e.adjusts_entry_id is null
      and e.work_date >= ${month} and e.work_date < (${month}::date + interval '1 month')
    group by 1, 2 order by 3 desc`;
}
