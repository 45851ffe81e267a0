// The roadmap's changes and their refusals: an item the caller cannot see is "not found", and an item is only
// dropped with a reason. lib/db/roadmap writes the rows, each with its audit event.
import type { Tx } from "@/lib/db";
import { commentAuthors, createItem as insertItem, getItem, insertComment, moveItem as moveItemRow, proposeItem as insertProposal, updateItem as updateItemRow, type ItemInput } from "@/lib/db/roadmap";
import { notify } from "@/lib/notifications/notify";
import { AppError, found, notFound } from "@/lib/platform/errors";
import type { ClientRef } from "@/lib/types/clients";
import type { RoadmapStatus } from "@/lib/types/roadmap";
import type { Viewer } from "@/lib/types/viewer";

const ITEM = "That roadmap item";

/** Staff add an item in any lane except shipped/dropped. */
export function createItem(tx: Tx, actorId: string, clientId: string, input: ItemInput & { status: RoadmapStatus }): Promise<string> {
  return insertItem(tx, { actorId, clientId, input });
}

const nameOf = (viewer: Viewer) => viewer.fullName || viewer.email;

/** Owners propose: the item lands in `proposed` for the engineer to accept or drop; the client's engineers hear of it. */
export async function proposeItem(tx: Tx, viewer: Viewer, client: ClientRef, input: Pick<ItemInput, "title" | "description">): Promise<string> {
  const id = await insertProposal(tx, { actorId: viewer.userId, clientId: client.id, input });
  await notify(tx, {
    client, kind: "roadmap.proposed", actorId: viewer.userId, audience: { engineers: true }, key: `proposal:${id}`,
    title: `${nameOf(viewer)} proposes “${input.title}”`, body: input.description, href: `/clients/${client.id}/roadmap/${id}`,
  });
  return id;
}

export async function updateItem(tx: Tx, actorId: string, clientId: string, itemId: string, input: ItemInput) {
  if (!(await updateItemRow(tx, { actorId, clientId, itemId, input }))) throw notFound(ITEM);
}

/** Moves an item to `status` at `index` within that lane (0 = top); dropping it needs a reason. */
export async function moveItem(tx: Tx, actorId: string, clientId: string, itemId: string, status: RoadmapStatus, index: number, reason?: string) {
  const before = found(await getItem(tx, { clientId, itemId }), ITEM);
  if (status === "dropped" && !reason && before.status !== "dropped") {
    throw new AppError("invalid", "Say why the item is dropped.", { reason: ["Say why the item is dropped."] });
  }
  if (!(await moveItemRow(tx, { actorId, clientId, before, status, index, reason }))) throw notFound(ITEM);
}

/**
 * A comment on an item. Whoever proposed it and whoever commented before hear of it; so do the client's engineers
 * when the client's people write, and its owners when the practice writes.
 */
export async function addComment(tx: Tx, viewer: Viewer, client: ClientRef, itemId: string, body: string) {
  const item = found(await getItem(tx, { clientId: client.id, itemId }), ITEM);
  const id = await insertComment(tx, { actorId: viewer.userId, clientId: client.id, itemId, body });
  const staff = viewer.staffRole !== null;
  const thread = [...(item.proposedBy ? [item.proposedBy] : []), ...(await commentAuthors(tx, { clientId: client.id, itemId }))];
  await notify(tx, {
    client, kind: "roadmap.commented", actorId: viewer.userId, audience: { users: thread, engineers: !staff, owners: staff }, key: `comment:${id}`,
    title: `${nameOf(viewer)} commented on “${item.title}”`, body, href: `/clients/${client.id}/roadmap/${itemId}#comments`,
  });
  return id;
}
