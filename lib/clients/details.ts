// A client's own record: creating it (with a free slug), its details, archiving, and whether Claude drafts
// its weekly updates. A client the caller cannot see is "not found"; lib/db/clients writes the rows.
import { randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db";
import { getClient, insertClient, setArchived as setArchivedRow, slugTaken, updateClient as updateClientRow, type ClientInput } from "@/lib/db/clients";
import { closedMonthFrom } from "@/lib/db/terms";
import { setAiDrafting as setAiDraftingRow } from "@/lib/db/updates";
import { AppError, notFound } from "@/lib/platform/errors";

/** `base`, else `base-2` … `base-99`, else `base-` and six random hex digits. */
async function uniqueSlug(tx: Tx, base: string): Promise<string> {
  // Only admins create clients and they see every client, so this sees every slug.
  for (let n = 1; n < 100; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await slugTaken(tx, { slug: candidate }))) return candidate;
  }
  return `${base}-${randomBytes(3).toString("hex")}`;
}

export async function createClient(tx: Tx, actorId: string, input: ClientInput & { slug: string }): Promise<string> {
  return insertClient(tx, { actorId, input, slug: await uniqueSlug(tx, input.slug) });
}

export async function updateClient(tx: Tx, actorId: string, clientId: string, input: ClientInput) {
  // The start decides what the first month bills: once a month is closed, it is history.
  if (input.startDate !== undefined) {
    const before = await getClient(tx, { clientId });
    if (!before) throw notFound("That client");
    if (before.startDate !== input.startDate && (await closedMonthFrom(tx, { clientId, month: "0001-01-01" }))) {
      const msg = "The retainer's start can't change once a month has been closed and invoiced.";
      throw new AppError("month_closed", msg, { startDate: [msg] });
    }
  }
  if (!(await updateClientRow(tx, { actorId, clientId, input }))) throw notFound("That client");
}

export async function setArchived(tx: Tx, actorId: string, clientId: string, archived: boolean) {
  if (!(await setArchivedRow(tx, { actorId, clientId, archived }))) throw notFound("That client");
}

export async function setAiDrafting(tx: Tx, actorId: string, clientId: string, enabled: boolean) {
  if (!(await setAiDraftingRow(tx, { actorId, clientId, enabled }))) throw notFound("That client");
}
