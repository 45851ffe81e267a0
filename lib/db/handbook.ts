// The handbook (issue 26; supabase/migrations/20261213000300_handbook.sql): pages read as the caller (RLS: staff
// every page of their clients, owners and members the pages visible to the client), written by the app as the
// service role inside the command that authorized the engineer. A save is one statement: the page moves to its
// next version only if it is still at the version the editor started from, and the version row is written with
// it; a save from an older version changes nothing (the caller reports the conflict).
import type { PendingQuery, Row } from "postgres";
import type { Tx } from "@/lib/db";
import { serviceStatement } from "@/lib/db/connection";
import type { HandbookFields, HandbookFileRow, HandbookPageRow, HandbookSource, HandbookVersionRow, ItemWork } from "@/lib/types/handbook";

const pageColumns = (tx: Tx) => tx`
  p.id, p.client_id as "clientId", p.section, p.title, p.body_md as "bodyMd", p.visibility, p.roadmap_item_id as "roadmapItemId",
  r.title as "roadmapItemTitle", p.version, p.created_at as "createdAt", p.updated_at as "updatedAt", u.full_name as "updatedByName",
  coalesce((select v.source from public.handbook_versions v where v.page_id = p.id and v.version = p.version), 'person') as "versionSource"`;

/** The client's pages by section and title; `tsquery` (lib/domain/search) keeps those whose words match. */
export function listHandbookPages(tx: Tx, { clientId, tsquery }: { clientId: string; tsquery: string | null }) {
  return tx<HandbookPageRow[]>`
    select ${pageColumns(tx)}
    from public.handbook_pages p
    left join public.roadmap_items r on r.id = p.roadmap_item_id
    left join public.profiles u on u.id = p.updated_by
    where p.client_id = ${clientId} ${tsquery ? tx`and p.search @@ to_tsquery('simple', ${tsquery})` : tx``}
    order by p.section, lower(p.title), p.id`;
}

export async function getHandbookPage(tx: Tx, { clientId, pageId }: { clientId: string; pageId: string }): Promise<HandbookPageRow | null> {
  const [row] = await tx<HandbookPageRow[]>`
    select ${pageColumns(tx)}
    from public.handbook_pages p
    left join public.roadmap_items r on r.id = p.roadmap_item_id
    left join public.profiles u on u.id = p.updated_by
    where p.client_id = ${clientId} and p.id = ${pageId}`;
  return row ?? null;
}

/** The versions of a page the caller may read, newest first. */
export function listHandbookVersions(tx: Tx, { clientId, pageId }: { clientId: string; pageId: string }) {
  return tx<HandbookVersionRow[]>`
    select v.version, v.section, v.title, v.body_md as "bodyMd", v.visibility, v.roadmap_item_id as "roadmapItemId", v.saved_at as "savedAt",
           u.full_name as "savedByName", v.restored_from as "restoredFrom", v.source
    from public.handbook_versions v left join public.profiles u on u.id = v.saved_by
    where v.client_id = ${clientId} and v.page_id = ${pageId}
    order by v.version desc`;
}

/** A new page and its first version, whose words `source` wrote (a person unless said); returns its id. */
export async function insertHandbookPage(tx: Tx, { clientId, actorId, page: f, source = "person" }: {
  clientId: string; actorId: string; page: HandbookFields; source?: HandbookSource;
}): Promise<string> {
  const [row] = await serviceStatement<{ id: string }[]>(tx, tx`
    with page as (
      insert into public.handbook_pages (client_id, section, title, body_md, visibility, roadmap_item_id, created_by, updated_by)
      values (${clientId}, ${f.section}, ${f.title}, ${f.bodyMd}, ${f.visibility}, ${f.roadmapItemId}, ${actorId}, ${actorId})
      returning id, client_id, version, section, title, body_md, visibility, roadmap_item_id
    )
    insert into public.handbook_versions (page_id, client_id, version, section, title, body_md, visibility, roadmap_item_id, saved_by, source)
    select id, client_id, version, section, title, body_md, visibility, roadmap_item_id, ${actorId}, ${source} from page
    returning page_id as id`);
  return row.id;
}

/**
 * The page's next version, if the page is still at `baseVersion`: returns the new version's number, or null when
 * someone saved in between (nothing changed). `restoredFrom` marks a restore.
 */
export async function saveHandbookPage(tx: Tx, { clientId, pageId, actorId, baseVersion, page: f, restoredFrom = null }: {
  clientId: string; pageId: string; actorId: string; baseVersion: number; page: HandbookFields; restoredFrom?: number | null;
}): Promise<number | null> {
  const [row] = await serviceStatement<{ version: number }[]>(tx, tx`
    with page as (
      update public.handbook_pages
      set section = ${f.section}, title = ${f.title}, body_md = ${f.bodyMd}, visibility = ${f.visibility}, roadmap_item_id = ${f.roadmapItemId},
          version = version + 1, updated_by = ${actorId}, updated_at = now()
      where id = ${pageId} and client_id = ${clientId} and version = ${baseVersion}
      returning id, client_id, version, section, title, body_md, visibility, roadmap_item_id
    )
    insert into public.handbook_versions (page_id, client_id, version, section, title, body_md, visibility, roadmap_item_id, saved_by, restored_from)
    select id, client_id, version, section, title, body_md, visibility, roadmap_item_id, ${actorId}, ${restoredFrom} from page
    returning version`);
  return row?.version ?? null;
}

/** An author's role at the client: staff first (an engineer is never a member), else the membership, else unknown. */
const roleOf = (tx: Tx, user: PendingQuery<Row[]>, client: PendingQuery<Row[]>) => tx`coalesce(
  (select s.role from public.staff s where s.user_id = ${user}),
  (select m.role from public.client_members m where m.client_id = ${client} and m.user_id = ${user}), 'unknown')`;

/** A roadmap item and the work on it, or null when the client has no such item. */
export async function itemWork(tx: Tx, { clientId, itemId, zone, limit }: { clientId: string; itemId: string; zone: string; limit: number }): Promise<ItemWork | null> {
  const [item] = await tx<ItemWork["item"][]>`
    select i.id, i.title, i.description, i.status,
           to_char(i.shipped_at at time zone ${zone}, 'YYYY-MM-DD') as "shippedOn", ${roleOf(tx, tx`i.proposed_by`, tx`i.client_id`)} as "proposedByRole"
    from public.roadmap_items i where i.client_id = ${clientId} and i.id = ${itemId}`;
  if (!item) return null;
  const [entries, comments, moves] = await Promise.all([
    tx<ItemWork["entries"]>`
      select * from (
        select e.id, to_char(e.work_date, 'YYYY-MM-DD') as date, e.category, e.description, ${roleOf(tx, tx`e.engineer_id`, tx`e.client_id`)} as "writtenByRole"
        from public.time_entries e
        where e.client_id = ${clientId} and e.roadmap_item_id = ${itemId} and e.voided_at is null
        order by e.work_date desc, e.created_at desc limit ${limit}
      ) recent order by date, id`,
    tx<ItemWork["comments"]>`
      select * from (
        select to_char(c.created_at at time zone ${zone}, 'YYYY-MM-DD') as on, c.body, ${roleOf(tx, tx`c.author_id`, tx`c.client_id`)} as "writtenByRole", c.created_at
        from public.roadmap_comments c where c.client_id = ${clientId} and c.item_id = ${itemId}
        order by c.created_at desc limit ${limit}
      ) recent order by created_at`,
    tx<ItemWork["moves"]>`
      select to_char(a.at at time zone ${zone}, 'YYYY-MM-DD') as on, a.action, a.data #>> '{before,status}' as from, a.data #>> '{after,status}' as to
      from public.audit_events a
      where a.client_id = ${clientId} and a.entity = 'roadmap_item' and a.entity_id = ${itemId}
        and a.action in ('roadmap.created', 'roadmap.proposed', 'roadmap.accepted', 'roadmap.moved', 'roadmap.dropped')
      order by a.at, a.id`,
  ]);
  return { item, entries, comments: comments.map(({ on, body, writtenByRole }) => ({ on, body, writtenByRole })), moves };
}

const fileColumns = (tx: Tx) => tx`
  f.id, f.page_id as "pageId", f.name, f.content_type as "contentType", f.size_bytes as "sizeBytes", f.sha256, f.created_at as "createdAt",
  u.full_name as "uploadedByName"`;

/** The files of a page the caller may read, oldest first. */
export function listHandbookFiles(tx: Tx, { clientId, pageId }: { clientId: string; pageId: string }) {
  return tx<HandbookFileRow[]>`
    select ${fileColumns(tx)} from public.handbook_files f left join public.profiles u on u.id = f.uploaded_by
    where f.client_id = ${clientId} and f.page_id = ${pageId} order by f.created_at, f.id`;
}

/** One file with its bytes (or where Storage keeps them), if the caller may read it. */
export async function getHandbookFile(tx: Tx, { clientId, pageId, fileId }: { clientId: string; pageId: string; fileId: string }) {
  const [row] = await tx<(HandbookFileRow & { data: Uint8Array | null; storagePath: string | null })[]>`
    select ${fileColumns(tx)}, f.data, f.storage_path as "storagePath"
    from public.handbook_files f left join public.profiles u on u.id = f.uploaded_by
    where f.client_id = ${clientId} and f.page_id = ${pageId} and f.id = ${fileId}`;
  return row ?? null;
}

/** A new file of a page: its bytes in `data`, or the Storage path that holds them. Returns its id. */
export async function insertHandbookFile(tx: Tx, { clientId, pageId, actorId, file }: {
  clientId: string; pageId: string; actorId: string;
  file: { name: string; contentType: string; sizeBytes: number; sha256: string; data: Uint8Array | null; storagePath: string | null };
}): Promise<string> {
  const [row] = await serviceStatement<{ id: string }[]>(tx, tx`
    insert into public.handbook_files (client_id, page_id, name, content_type, size_bytes, sha256, data, storage_path, uploaded_by)
    values (${clientId}, ${pageId}, ${file.name}, ${file.contentType}, ${file.sizeBytes}, ${file.sha256}, ${file.data}, ${file.storagePath}, ${actorId})
    returning id`);
  return row.id;
}

/** Removes a file of a page; returns its name and Storage path, or null when there was none. */
export async function deleteHandbookFile(tx: Tx, { clientId, pageId, fileId }: { clientId: string; pageId: string; fileId: string }) {
  const [row] = await serviceStatement<{ name: string; storagePath: string | null }[]>(tx, tx`
    delete from public.handbook_files where client_id = ${clientId} and page_id = ${pageId} and id = ${fileId}
    returning name, storage_path as "storagePath"`);
  return row ?? null;
}
