// The handbook (issue 26; supabase/migrations/20261213000300_handbook.sql): pages read as the caller (RLS: staff
// every page of their clients, owners and members the pages visible to the client), written by the app as the
// service role inside the command that authorized the engineer. A save is one statement: the page moves to its
// next version only if it is still at the version the editor started from, and the version row is written with
// it; a save from an older version changes nothing (the caller reports the conflict).
import type { Tx } from "@/lib/db";
import { serviceStatement } from "@/lib/db/connection";
import type { HandbookFields, HandbookPageRow, HandbookVersionRow } from "@/lib/types/handbook";

const pageColumns = (tx: Tx) => tx`
  p.id, p.client_id as "clientId", p.section, p.title, p.body_md as "bodyMd", p.visibility, p.roadmap_item_id as "roadmapItemId",
  r.title as "roadmapItemTitle", p.version, p.created_at as "createdAt", p.updated_at as "updatedAt", u.full_name as "updatedByName"`;

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
           u.full_name as "savedByName", v.restored_from as "restoredFrom"
    from public.handbook_versions v left join public.profiles u on u.id = v.saved_by
    where v.client_id = ${clientId} and v.page_id = ${pageId}
    order by v.version desc`;
}

/** A new page and its first version; returns its id. */
export async function insertHandbookPage(tx: Tx, { clientId, actorId, page: f }: { clientId: string; actorId: string; page: HandbookFields }): Promise<string> {
  const [row] = await serviceStatement<{ id: string }[]>(tx, tx`
    with page as (
      insert into public.handbook_pages (client_id, section, title, body_md, visibility, roadmap_item_id, created_by, updated_by)
      values (${clientId}, ${f.section}, ${f.title}, ${f.bodyMd}, ${f.visibility}, ${f.roadmapItemId}, ${actorId}, ${actorId})
      returning id, client_id, version, section, title, body_md, visibility, roadmap_item_id
    )
    insert into public.handbook_versions (page_id, client_id, version, section, title, body_md, visibility, roadmap_item_id, saved_by)
    select id, client_id, version, section, title, body_md, visibility, roadmap_item_id, ${actorId} from page
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
