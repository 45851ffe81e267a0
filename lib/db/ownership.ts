// Whether ids an action was given belong to the client it names, read under the caller's RLS in the
// action's own transaction. One query for all of them.
import type { Tx } from "@/lib/db";

/** The ids an action may name, with what a refusal calls the thing. */
export const OWNED_IDS = {
  entryId: "That entry",
  itemId: "That roadmap item",
  roadmapItemId: "That roadmap item",
  updateId: "That update",
  invoiceId: "That invoice",
} as const;

export type OwnedIdKey = keyof typeof OWNED_IDS;
export type OwnedIds = Partial<Record<OwnedIdKey, string | null>>;

/**
 * The keys among `ids` whose row is not this client's: another tenant's, hidden from the caller, or
 * missing. All three read the same, so a reply never tells whether an id exists.
 */
export async function foreignIds(tx: Tx, clientId: string, ids: OwnedIds): Promise<OwnedIdKey[]> {
  const keys = (Object.keys(OWNED_IDS) as OwnedIdKey[]).filter((k) => ids[k]);
  if (keys.length === 0) return [];
  const id = (k: OwnedIdKey) => ids[k] ?? null;
  const [row] = await tx<Record<OwnedIdKey, boolean>[]>`
    select
      (${id("entryId")}::uuid is null or exists (select 1 from public.time_entries where id = ${id("entryId")} and client_id = ${clientId})) as "entryId",
      (${id("itemId")}::uuid is null or exists (select 1 from public.roadmap_items where id = ${id("itemId")} and client_id = ${clientId})) as "itemId",
      (${id("roadmapItemId")}::uuid is null or exists (select 1 from public.roadmap_items where id = ${id("roadmapItemId")} and client_id = ${clientId})) as "roadmapItemId",
      (${id("updateId")}::uuid is null or exists (select 1 from public.weekly_updates where id = ${id("updateId")} and client_id = ${clientId})) as "updateId",
      (${id("invoiceId")}::uuid is null or exists (select 1 from public.invoices where id = ${id("invoiceId")} and client_id = ${clientId})) as "invoiceId"`;
  return keys.filter((k) => !row[k]);
}
