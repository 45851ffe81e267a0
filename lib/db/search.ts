// Search (issue 25): entries, roadmap items, updates and handbook pages (issue 26) matching a tsquery, ranked, with a highlighted snippet, read
// as the caller (RLS decides whose rows: their clients', their own client's, published updates for members).
import type { Tx } from "@/lib/db";
import { MARK_END, MARK_START } from "@/lib/domain/search";
import type { SearchHit } from "@/lib/types/search";

const headline = (tx: Tx, column: ReturnType<Tx>, query: string) =>
  tx`ts_headline('simple', ${column}, to_tsquery('simple', ${query}), ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=24, MinWords=8, ShortWord=2, MaxFragments=1`})`;

/** The best `limit` matches of each kind, restricted to one client when given. */
export async function searchAll(tx: Tx, { query, clientId, limit }: { query: string; clientId: string | null; limit: number }): Promise<SearchHit[]> {
  const only = (col: string) => (clientId ? tx`and ${tx(col)} = ${clientId}` : tx``);
  const [entries, items, updates, pages] = await Promise.all([
    // Entries through private.search_entries (the index, under the select policy's own rule), then read under RLS.
    tx<SearchHit[]>`
      select 'entry' as kind, e.id, e.client_id as "clientId", c.name as "clientName", to_char(e.work_date, 'YYYY-MM-DD') as date,
             e.description as title, ${headline(tx, tx`e.description`, query)} as snippet, e.voided_at is not null as voided
      from private.search_entries(to_tsquery('simple', ${query}), ${clientId}::uuid, ${limit}) s
      join public.time_entries e on e.id = s.id
      join public.clients c on c.id = e.client_id
      order by s.rank desc, e.work_date desc, e.id`,
    tx<SearchHit[]>`
      select 'item' as kind, r.id, r.client_id as "clientId", c.name as "clientName", null as date, r.title,
             ${headline(tx, tx`r.title || ' — ' || r.description`, query)} as snippet, false as voided
      from public.roadmap_items r join public.clients c on c.id = r.client_id
      where r.search @@ to_tsquery('simple', ${query}) ${only("r.client_id")}
      order by ts_rank(r.search, to_tsquery('simple', ${query})) desc limit ${limit}`,
    tx<SearchHit[]>`
      select 'update' as kind, u.id, u.client_id as "clientId", c.name as "clientName", to_char(u.week_start, 'YYYY-MM-DD') as date,
             coalesce(nullif(u.title, ''), 'Weekly update') as title, ${headline(tx, tx`u.title || ' — ' || u.body_md`, query)} as snippet, false as voided
      from public.weekly_updates u join public.clients c on c.id = u.client_id
      where u.search @@ to_tsquery('simple', ${query}) ${only("u.client_id")}
      order by ts_rank(u.search, to_tsquery('simple', ${query})) desc, u.week_start desc limit ${limit}`,
    // Handbook pages: members only those visible to the client (RLS).
    tx<SearchHit[]>`
      select 'page' as kind, p.id, p.client_id as "clientId", c.name as "clientName", null as date, p.title,
             ${headline(tx, tx`p.title || ' — ' || p.body_md`, query)} as snippet, false as voided
      from public.handbook_pages p join public.clients c on c.id = p.client_id
      where p.search @@ to_tsquery('simple', ${query}) ${only("p.client_id")}
      order by ts_rank(p.search, to_tsquery('simple', ${query})) desc, p.title limit ${limit}`,
  ]);
  return [...entries, ...items, ...updates, ...pages];
}
