// The engineer's week (issue 25): their own live entries of seven days across every client they can see, summed
// per client, roadmap item and day (the entry itself when a cell holds one), and which of those clients' months
// are closed. Read as the engineer: RLS keeps it to their clients.
import type { Tx } from "@/lib/db";
import type { LocalDate, Month } from "@/lib/domain/dates";
import type { WeekCellRow } from "@/lib/types/week";

/** Sums per client, roadmap item and day of the person's live entries (corrections excluded) from `from` to `to`. */
export function weekCells(tx: Tx, { engineerId, from, to }: { engineerId: string; from: LocalDate; to: LocalDate }) {
  return tx<WeekCellRow[]>`
    select e.client_id as "clientId", e.roadmap_item_id as "itemId", r.title as "itemTitle", to_char(e.work_date, 'YYYY-MM-DD') as "workDate",
           sum(e.minutes)::int as minutes, count(*)::int as entries,
           case when count(*) = 1 then (array_agg(e.id))[1] end as "entryId",
           case when count(*) = 1 then (array_agg(e.description))[1] end as description,
           case when count(*) = 1 then (array_agg(e.category))[1] end as category,
           case when count(*) = 1 then bool_and(e.billable) end as billable
    from public.time_entries e
    left join public.roadmap_items r on r.id = e.roadmap_item_id
    where e.engineer_id = ${engineerId} and e.work_date between ${from} and ${to}
      and e.voided_at is null and e.adjusts_entry_id is null
    group by e.client_id, e.roadmap_item_id, r.title, e.work_date
    order by e.client_id, r.title nulls first, e.work_date`;
}

/** The closed months among these clients' `months`, as "clientId:month". */
export async function closedMonthsOf(tx: Tx, { clientIds, months }: { clientIds: string[]; months: Month[] }): Promise<Set<string>> {
  if (!clientIds.length) return new Set();
  const rows = await tx<{ key: string }[]>`
    select client_id || ':' || to_char(month, 'YYYY-MM-DD') as key from public.billing_periods
    where client_id in ${tx(clientIds)} and month in ${tx(months)} and status = 'closed'`;
  return new Set(rows.map((r) => r.key));
}
