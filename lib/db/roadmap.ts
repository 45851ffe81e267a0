// Roadmap items and their comments. SQL only: a missing item and the drop reason are lib/roadmap/items.ts's.
import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import type { Month } from "@/lib/domain/dates";
import type { RoadmapItem, RoadmapStatus } from "@/lib/types/roadmap";

const itemSelect = (tx: Tx) => tx`
  select i.id, i.client_id as "clientId", i.title, i.description, i.status, i.position,
         to_char(i.target_month, 'YYYY-MM-DD') as "targetMonth", i.estimate_minutes as "estimateMinutes",
         coalesce((select sum(e.minutes) from public.time_entries e
                   where e.roadmap_item_id = i.id and e.voided_at is null), 0)::int as "actualMinutes",
         i.proposed_by as "proposedBy", coalesce(nullif(p.full_name, ''), p.email) as "proposedByName",
         i.drop_reason as "dropReason", i.shipped_at as "shippedAt", i.created_at as "createdAt",
         (select count(*) from public.roadmap_comments c where c.item_id = i.id)::int as "commentCount"
  from public.roadmap_items i left join public.profiles p on p.id = i.proposed_by`;

export function listItems(tx: Tx, { clientId }: { clientId: string }) {
  return tx<RoadmapItem[]>`${itemSelect(tx)} where i.client_id = ${clientId} order by i.position, i.created_at`;
}

export async function getItem(tx: Tx, { clientId, itemId }: { clientId: string; itemId: string }): Promise<RoadmapItem | null> {
  const [row] = await tx<RoadmapItem[]>`${itemSelect(tx)} where i.client_id = ${clientId} and i.id = ${itemId}`;
  return row ?? null;
}

export interface ItemInput {
  title: string;
  description: string;
  targetMonth: Month | null;
  estimateMinutes: number | null;
}

const snapshot = (i: Partial<RoadmapItem> & ItemInput) => ({
  title: i.title, description: i.description, targetMonth: i.targetMonth, estimateMinutes: i.estimateMinutes, status: i.status,
});

async function nextPosition(tx: Tx, clientId: string, status: RoadmapStatus): Promise<number> {
  const [row] = await tx<{ next: number }[]>`
    select coalesce(max(position) + 1, 0)::int as next from public.roadmap_items where client_id = ${clientId} and status = ${status}`;
  return row.next;
}

/** Staff add an item in any lane except shipped/dropped. */
export async function createItem(
  tx: Tx,
  { actorId, clientId, input }: { actorId: string; clientId: string; input: ItemInput & { status: RoadmapStatus } },
): Promise<string> {
  const [row] = await tx<{ id: string }[]>`
    insert into public.roadmap_items (client_id, title, description, status, position, target_month, estimate_minutes, proposed_by)
    values (${clientId}, ${input.title}, ${input.description}, ${input.status}, ${await nextPosition(tx, clientId, input.status)},
            ${input.targetMonth}, ${input.estimateMinutes}, ${actorId})
    returning id`;
  await recordAudit(tx, { clientId, actorId, action: "roadmap.created", entity: "roadmap_item", entityId: row.id, data: { after: snapshot(input) } });
  return row.id;
}

/** Owners propose: the item lands in `proposed` for the engineer to accept or drop. */
export async function proposeItem(
  tx: Tx,
  { actorId, clientId, input }: { actorId: string; clientId: string; input: Pick<ItemInput, "title" | "description"> },
): Promise<string> {
  const [row] = await tx<{ id: string }[]>`
    insert into public.roadmap_items (client_id, title, description, status, position, proposed_by)
    values (${clientId}, ${input.title}, ${input.description}, 'proposed', ${await nextPosition(tx, clientId, "proposed")}, ${actorId})
    returning id`;
  await recordAudit(tx, { clientId, actorId, action: "roadmap.proposed", entity: "roadmap_item", entityId: row.id, data: { after: { ...input, status: "proposed" } } });
  return row.id;
}

/** Changes the item's words and plan and audits before and after; false when the caller sees no such item. */
export async function updateItem(tx: Tx, { actorId, clientId, itemId, input }: { actorId: string; clientId: string; itemId: string; input: ItemInput }): Promise<boolean> {
  const before = await getItem(tx, { clientId, itemId });
  if (!before) return false;
  const rows = await tx`
    update public.roadmap_items set title = ${input.title}, description = ${input.description},
      target_month = ${input.targetMonth}, estimate_minutes = ${input.estimateMinutes}, updated_at = now()
    where id = ${itemId} and client_id = ${clientId} returning id`;
  if (!rows.length) return false;
  await recordAudit(tx, { clientId, actorId, action: "roadmap.updated", entity: "roadmap_item", entityId: itemId, data: { before: snapshot(before), after: snapshot(input) } });
  return true;
}

/**
 * Moves an item to `status` at `index` within that lane (0 = top) and renumbers the lane. Shipping stamps
 * shipped_at; leaving shipped clears it. Rows of the lane are locked so concurrent moves don't interleave.
 * `before` is the item as the service read it; false when the item is gone.
 */
export async function moveItem(
  tx: Tx,
  { actorId, clientId, before, status, index, reason }: { actorId: string; clientId: string; before: RoadmapItem; status: RoadmapStatus; index: number; reason?: string },
): Promise<boolean> {
  const itemId = before.id;
  const lane = await tx<{ id: string }[]>`
    select id from public.roadmap_items where client_id = ${clientId} and status = ${status} and id <> ${itemId}
    order by position, created_at for update`;
  const ids = lane.map((r) => r.id);
  ids.splice(Math.max(0, Math.min(index, ids.length)), 0, itemId);
  const rows = await tx`
    update public.roadmap_items set status = ${status},
      shipped_at = case when ${status} = 'shipped' then coalesce(shipped_at, now()) else null end,
      drop_reason = case when ${status} = 'dropped' then coalesce(${reason ?? null}, drop_reason) else null end,
      updated_at = now()
    where id = ${itemId} and client_id = ${clientId} returning id`;
  if (!rows.length) return false;
  await tx`
    update public.roadmap_items r set position = o.ord - 1
    from unnest(${ids}::uuid[]) with ordinality as o(id, ord)
    where r.id = o.id and r.client_id = ${clientId}`;
  const action = before.status === "proposed" && status === "planned" ? "roadmap.accepted"
    : status === "dropped" ? "roadmap.dropped"
    : before.status === status ? "roadmap.reordered" : "roadmap.moved";
  await recordAudit(tx, {
    clientId, actorId, action, entity: "roadmap_item", entityId: itemId,
    data: { before: { status: before.status, position: before.position }, after: { status, position: ids.indexOf(itemId) }, ...(reason ? { reason } : {}) },
  });
  return true;
}

export interface CommentRow {
  id: string;
  body: string;
  authorId: string;
  authorName: string;
  createdAt: Date;
}

export function listComments(tx: Tx, { clientId, itemId }: { clientId: string; itemId: string }) {
  return tx<CommentRow[]>`
    select c.id, c.body, c.author_id as "authorId", coalesce(nullif(p.full_name, ''), p.email) as "authorName", c.created_at as "createdAt"
    from public.roadmap_comments c join public.profiles p on p.id = c.author_id
    where c.client_id = ${clientId} and c.item_id = ${itemId} order by c.created_at`;
}

export async function insertComment(tx: Tx, { actorId, clientId, itemId, body }: { actorId: string; clientId: string; itemId: string; body: string }) {
  const [row] = await tx<{ id: string }[]>`
    insert into public.roadmap_comments (client_id, item_id, author_id, body) values (${clientId}, ${itemId}, ${actorId}, ${body})
    returning id`;
  await recordAudit(tx, { clientId, actorId, action: "roadmap.commented", entity: "roadmap_item", entityId: itemId, data: { commentId: row.id } });
  return row.id;
}

/** Who has commented on an item (ids), for telling them of the next comment. */
export async function commentAuthors(tx: Tx, { clientId, itemId }: { clientId: string; itemId: string }): Promise<string[]> {
  const rows = await tx<{ id: string }[]>`select distinct author_id as id from public.roadmap_comments where client_id = ${clientId} and item_id = ${itemId}`;
  return rows.map((r) => r.id);
}

export function itemHistory(tx: Tx, { clientId, itemId }: { clientId: string; itemId: string }) {
  return tx<{ id: string; action: string; data: Record<string, unknown>; at: Date; actorName: string | null }[]>`
    select a.id::text, a.action, a.data, a.at, coalesce(nullif(p.full_name, ''), p.email) as "actorName"
    from public.audit_events a left join public.profiles p on p.id = a.actor_id
    where a.client_id = ${clientId} and a.entity = 'roadmap_item' and a.entity_id = ${itemId}
    order by a.at desc, a.id desc`;
}

export function openRoadmapItems(tx: Tx, { clientIds }: { clientIds: string[] }) {
  if (clientIds.length === 0) return Promise.resolve([]);
  return tx<{ id: string; clientId: string; title: string }[]>`
    select id, client_id as "clientId", title from public.roadmap_items
    where client_id in ${tx(clientIds)} and status in ('planned', 'in_progress')
    order by client_id, status desc, position`;
}

export function roadmapItemOptions(tx: Tx, { clientId }: { clientId: string }) {
  return tx<{ id: string; title: string; status: string }[]>`
    select id, title, status from public.roadmap_items where client_id = ${clientId} order by title`;
}

export interface AwaitingStaffRow {
  kind: "proposal" | "comment";
  clientId: string;
  itemId: string;
  title: string;
  at: Date;
  authorName: string | null;
}

/**
 * What the client's people wrote that waits for the practice: items they proposed that are still proposals, and
 * items whose latest comment is theirs (a member's, not staff's), newest first. For the engineer home.
 */
export async function awaitingStaff(tx: Tx, { clientIds }: { clientIds: string[] }): Promise<AwaitingStaffRow[]> {
  if (clientIds.length === 0) return [];
  return tx<AwaitingStaffRow[]>`
    with latest as (
      select distinct on (c.item_id) c.client_id, c.item_id, c.author_id, c.created_at
      from public.roadmap_comments c where c.client_id in ${tx(clientIds)}
      order by c.item_id, c.created_at desc, c.id desc
    )
    select 'proposal' as kind, i.client_id as "clientId", i.id as "itemId", i.title, i.created_at as at,
           coalesce(nullif(p.full_name, ''), p.email) as "authorName"
    from public.roadmap_items i left join public.profiles p on p.id = i.proposed_by
    where i.client_id in ${tx(clientIds)} and i.status = 'proposed'
      and exists (select 1 from public.client_members m where m.client_id = i.client_id and m.user_id = i.proposed_by)
    union all
    select 'comment', l.client_id, l.item_id, i.title, l.created_at, coalesce(nullif(p.full_name, ''), p.email)
    from latest l
    join public.roadmap_items i on i.id = l.item_id and i.client_id = l.client_id
    left join public.profiles p on p.id = l.author_id
    where exists (select 1 from public.client_members m where m.client_id = l.client_id and m.user_id = l.author_id)
    order by at desc`;
}
