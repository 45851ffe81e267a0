// Comments on a published weekly update (issue 23), on the page or by replying to its email: the client's people
// and staff write them; whoever commented before hears of the next, and so do the client's engineers when the
// client's people write, and its owners when the practice writes.
import type { Tx } from "@/lib/db";
import { insertUpdateComment, publishedUpdate, updateCommenters } from "@/lib/db/update-comments";
import { notify } from "@/lib/notifications/notify";
import { notFound } from "@/lib/platform/errors";
import type { ClientRef } from "@/lib/types/clients";

export async function commentOnUpdate(tx: Tx, { client, updateId, author, staff, body, via }: {
  client: ClientRef; updateId: string; author: { userId: string; name: string }; staff: boolean; body: string; via: "portal" | "email";
}): Promise<string> {
  const update = await publishedUpdate(tx, { clientId: client.id, updateId });
  if (!update) throw notFound("That update");
  const thread = await updateCommenters(tx, { clientId: client.id, updateId });
  const id = await insertUpdateComment(tx, { clientId: client.id, updateId, authorId: author.userId, body, via });
  await notify(tx, {
    client, kind: "update.commented", actorId: author.userId, audience: { users: thread, engineers: !staff, owners: staff }, key: `update-comment:${id}`,
    title: `${author.name} commented on “${update.title}”`, body, href: `/clients/${client.id}/updates#u-${updateId}`,
  });
  return id;
}
