import type { Tx } from "@/lib/db";

// Month-to-date figures per client, with the month taken in each client's own zone.

export interface ClientSummary {
  id: string;
  name: string;
  timezone: string;
  currency: string;
  month: string;
  includedMinutes: number | null;
  loggedMinutes: number;
  lastEntryDate: string | null;
}

export function clientSummaries(tx: Tx, opts: { clientId?: string } = {}) {
  return tx<ClientSummary[]>`
    with c as (
      select id, name, timezone, currency,
             date_trunc('month', (now() at time zone timezone))::date as month
      from public.clients
      where archived_at is null ${opts.clientId ? tx`and id = ${opts.clientId}` : tx``}
    )
    select c.id, c.name, c.timezone, c.currency, to_char(c.month, 'YYYY-MM-DD') as month,
      (select t.included_minutes from public.retainer_terms t
        where t.client_id = c.id and t.effective_month <= c.month
        order by t.effective_month desc limit 1) as "includedMinutes",
      coalesce((select sum(e.minutes) from public.time_entries e
        where e.client_id = c.id and e.billable and e.voided_at is null
          and e.work_date >= c.month and e.work_date < (c.month + interval '1 month')::date), 0)::int as "loggedMinutes",
      (select to_char(max(e.work_date), 'YYYY-MM-DD') from public.time_entries e
        where e.client_id = c.id and e.voided_at is null) as "lastEntryDate"
    from c order by c.name`;
}

export interface EntryRow {
  id: string;
  workDate: string;
  minutes: number;
  description: string;
  category: string;
  billable: boolean;
  voided: boolean;
  engineerName: string;
  roadmapTitle: string | null;
}

export function recentEntries(tx: Tx, { clientId, limit = 10 }: { clientId: string; limit?: number }) {
  return tx<EntryRow[]>`
    select e.id, to_char(e.work_date, 'YYYY-MM-DD') as "workDate", e.minutes, e.description, e.category, e.billable,
           e.voided_at is not null as voided, coalesce(nullif(p.full_name, ''), p.email) as "engineerName",
           r.title as "roadmapTitle"
    from public.time_entries e
    join public.profiles p on p.id = e.engineer_id
    left join public.roadmap_items r on r.id = e.roadmap_item_id
    where e.client_id = ${clientId}
    order by e.work_date desc, e.created_at desc limit ${limit}`;
}

export interface UpdateRow {
  id: string;
  weekStart: string;
  title: string;
  bodyMd: string;
  publishedAt: Date;
}

export async function latestPublishedUpdate(tx: Tx, { clientId }: { clientId: string }): Promise<UpdateRow | null> {
  const [row] = await tx<UpdateRow[]>`
    select id, to_char(week_start, 'YYYY-MM-DD') as "weekStart", title, body_md as "bodyMd", published_at as "publishedAt"
    from public.weekly_updates
    where client_id = ${clientId} and status = 'published'
    order by week_start desc limit 1`;
  return row ?? null;
}
