// Comments on published weekly updates (issue 23): read under RLS by the client's people and staff; written by the
// app (service role) for a comment posted on the page or a reply to the update's email.
import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { serviceStatement } from "@/lib/db/connection";

import type { UpdateCommentRow } from "@/lib/types/updates";

export type { UpdateCommentRow };

/** The comments on these updates, oldest first. */
export function listUpdateComments(tx: Tx, { clientId, updateIds }: { clientId: string; updateIds: string[] }) {
  if (!updateIds.length) return Promise.resolve([] as UpdateCommentRow[]);
  return tx<UpdateCommentRow[]>`
    select c.id, c.update_id as "updateId", c.author_id as "authorId", coalesce(nullif(p.full_name, ''), p.email, 'Someone') as "authorName",
      c.body, c.via, c.created_at as "createdAt"
    from public.update_comments c left join public.profiles p on p.id = c.author_id
    where c.client_id = ${clientId} and c.update_id in ${tx(updateIds)} order by c.created_at, c.id`;
}

/** A published update of the client (its title), or null: drafts take no comments. */
export async function publishedUpdate(tx: Tx, { clientId, updateId }: { clientId: string; updateId: string }) {
  const [row] = await tx<{ id: string; title: string }[]>`
    select id, title from public.weekly_updates where client_id = ${clientId} and id = ${updateId} and status = 'published'`;
  return row ?? null;
}

/** Who commented on the update before (ids). */
export async function updateCommenters(tx: Tx, { clientId, updateId }: { clientId: string; updateId: string }): Promise<string[]> {
  const rows = await serviceStatement<{ id: string }[]>(tx, tx`
    select distinct author_id as id from public.update_comments where client_id = ${clientId} and update_id = ${updateId}`);
  return rows.map((r) => r.id);
}

export async function insertUpdateComment(tx: Tx, { clientId, updateId, authorId, body, via }: {
  clientId: string; updateId: string; authorId: string; body: string; via: "portal" | "email";
}): Promise<string> {
  const [row] = await serviceStatement<{ id: string }[]>(tx, tx`
    insert into public.update_comments (client_id, update_id, author_id, body, via) values (${clientId}, ${updateId}, ${authorId}, ${body}, ${via}) returning id`);
  await recordAudit(tx, { clientId, actorId: authorId, action: "update.commented", entity: "weekly_update", entityId: updateId, data: { commentId: row.id, via } });
  return row.id;
}
