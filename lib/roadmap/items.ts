// The roadmap's changes and their refusals: an item the caller cannot see is "not found", and an item is only
// dropped with a reason. lib/db/roadmap writes the rows, each with its audit event.
import type { Tx } from "@/lib/db";
import { createItem as insertItem, getItem, insertComment, moveItem as moveItemRow, proposeItem as insertProposal, updateItem as updateItemRow, type ItemInput } from "@/lib/db/roadmap";
import { AppError, found, notFound } from "@/lib/platform/errors";
import type { RoadmapStatus } from "@/lib/types/roadmap";

const ITEM = "That roadmap item";

/** Staff add an item in any lane except shipped/dropped. */
export function createItem(tx: Tx, actorId: string, clientId: string, input: ItemInput & { status: RoadmapStatus }): Promise<string> {
  return insertItem(tx, { actorId, clientId, input });
}

/** Owners propose: the item lands in `proposed` for the engineer to accept or drop. */
export function proposeItem(tx: Tx, actorId: string, clientId: string, input: Pick<ItemInput, "title" | "description">): Promise<string> {
  return insertProposal(tx, { actorId, clientId, input });
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

export async function addComment(tx: Tx, actorId: string, clientId: string, itemId: string, body: string) {
  found(await getItem(tx, { clientId, itemId }), ITEM);
  return insertComment(tx, { actorId, clientId, itemId, body });
}
