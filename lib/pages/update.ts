// One weekly update for staff to edit: the update, its facts read once (lib/domain/update-facts), and what
// publishing would refuse in the saved draft (the same check as publishing, shown before the engineer tries).
import { asUser } from "@/lib/db";
import { getUpdate, type WeeklyUpdateRow } from "@/lib/db/updates";
import { factEntriesById, shownFacts, type FactEntry, type ShownFacts } from "@/lib/domain/update-facts";
import type { ClientPage } from "@/lib/pages/access";
import { orNotFound, requireId } from "@/lib/pages/found";
import { env } from "@/lib/platform/env";
import { found } from "@/lib/platform/errors";
import type { UpdateFlag } from "@/lib/types/updates";
import { updateFlags } from "@/lib/updates/check";

export interface UpdateView {
  update: WeeklyUpdateRow;
  facts: ShownFacts;
  entriesById: Map<string, FactEntry>;
  /** Drafts only: the phrases publishing would refuse. */
  flags: UpdateFlag[];
}

/** The update, or a 404 for an id that is not one of this client's updates. */
export async function viewUpdate({ claims, client }: ClientPage, updateId: string): Promise<UpdateView> {
  requireId(updateId);
  const update = await orNotFound(asUser(claims, (tx) => getUpdate(tx, { clientId: client.id, updateId }).then((row) => found(row, "That update"))));
  const facts = shownFacts(update.facts);
  const flags = update.status === "draft" ? updateFlags({ title: update.title, bodyMd: update.bodyMd }, env().APP_URL) : [];
  return { update, facts, entriesById: factEntriesById(facts), flags };
}
