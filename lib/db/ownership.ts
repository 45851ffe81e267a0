// Whether ids a command was given belong to the client it names, read under the caller's RLS in the
// command's own transaction. One query for all of them, single ids and lists alike.
import type { Tx } from "@/lib/db";

/** The ids a command may name (one, or a list for bulk changes), with what a refusal calls the thing. */
export const OWNED_IDS = {
  entryId: "That entry",
  entryIds: "That entry",
  itemId: "That roadmap item",
  itemIds: "That roadmap item",
  roadmapItemId: "That roadmap item",
  updateId: "That update",
  updateIds: "That update",
  invoiceId: "That invoice",
  invoiceIds: "That invoice",
  pageId: "That handbook page",
} as const;

export type OwnedIdKey = keyof typeof OWNED_IDS;
export type OwnedIds = Partial<Record<OwnedIdKey, string[]>>;

/**
 * The keys among `ids` with any row that is not this client's: another tenant's, hidden from the caller, or
 * missing. All three read the same, so a reply never tells whether an id exists.
 */
export async function foreignIds(tx: Tx, { clientId, ids }: { clientId: string; ids: OwnedIds }): Promise<OwnedIdKey[]> {
  const named = Object.fromEntries(Object.entries(ids).filter(([, list]) => list && list.length > 0));
  if (Object.keys(named).length === 0) return [];
  const rows = await tx<{ key: OwnedIdKey }[]>`
    with wanted as (
      select e.key, v::uuid as id from jsonb_each(${tx.json(named)}) e, jsonb_array_elements_text(e.value) v
    )
    select distinct w.key from wanted w
    where not case
      when w.key in ('entryId', 'entryIds') then exists (select 1 from public.time_entries t where t.id = w.id and t.client_id = ${clientId})
      when w.key in ('itemId', 'itemIds', 'roadmapItemId') then exists (select 1 from public.roadmap_items t where t.id = w.id and t.client_id = ${clientId})
      when w.key in ('updateId', 'updateIds') then exists (select 1 from public.weekly_updates t where t.id = w.id and t.client_id = ${clientId})
      when w.key in ('invoiceId', 'invoiceIds') then exists (select 1 from public.invoices t where t.id = w.id and t.client_id = ${clientId})
      when w.key = 'pageId' then exists (select 1 from public.handbook_pages t where t.id = w.id and t.client_id = ${clientId})
      else false
    end`;
  const foreign = new Set(rows.map((r) => r.key));
  return (Object.keys(OWNED_IDS) as OwnedIdKey[]).filter((k) => foreign.has(k));
}
