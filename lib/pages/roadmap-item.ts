// One roadmap item: the item, the hours logged against it, its comments and (for owners and the client's
// staff, the same people who see money) its history. A 404 for an id that is not one of this client's items.
import { claudeDrafts } from "@/lib/ai/config";
import { asUser } from "@/lib/db";
import { listItemEntries } from "@/lib/db/entries";
import { getItem, itemHistory, listComments } from "@/lib/db/roadmap";
import { localDate } from "@/lib/domain/dates";
import type { ClientPage } from "@/lib/pages/access";
import { orNotFound, requireId } from "@/lib/pages/found";
import { found } from "@/lib/platform/errors";

export async function viewRoadmapItem({ claims, client, seesMoney }: ClientPage, itemId: string, now: Date) {
  requireId(itemId);
  const clientId = client.id;
  const seesHistory = seesMoney;
  const data = await orNotFound(asUser(claims, async (tx) => ({
    item: found(await getItem(tx, { clientId, itemId }), "That roadmap item"),
    entries: await listItemEntries(tx, { clientId, itemId }),
    comments: await listComments(tx, { clientId, itemId }),
    history: seesHistory ? await itemHistory(tx, { clientId, itemId }) : [],
  })));
  const { item } = data;
  return {
    ...data,
    seesHistory,
    /** The client's today, for the item's flags. */
    today: localDate(now, client.timezone),
    /** The day it shipped, in the client's zone. */
    shippedOn: item.shippedAt ? localDate(item.shippedAt, client.timezone) : null,
    /** Whether a page drafted from this item's work is Claude's (else the template's). */
    aiReady: claudeDrafts(client),
  };
}
