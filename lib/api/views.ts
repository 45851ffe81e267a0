// What the API reads (issue 22), as the token's person under RLS: the same rows their pages show, in the API's
// own shapes (documented in lib/api/openapi.ts). Lists page by an opaque cursor over a stable order.
import { asUser, type Claims } from "@/lib/db";
import { getClient, listClients } from "@/lib/db/clients";
import { listEntriesPage } from "@/lib/db/entries";
import { AppError, found } from "@/lib/platform/errors";

export interface ApiClient { id: string; name: string; timezone: string; currency: string; archived: boolean }

export async function apiClients(claims: Claims, onlyClientId: string | null): Promise<ApiClient[]> {
  const rows = await asUser(claims, (tx) => listClients(tx, { includeArchived: true }));
  return rows
    .filter((c) => !onlyClientId || c.id === onlyClientId)
    .map((c) => ({ id: c.id, name: c.name, timezone: c.timezone, currency: c.currency, archived: c.archivedAt !== null }));
}

const encodeCursor = (workDate: string, id: string) => Buffer.from(`${workDate}|${id}`).toString("base64url");
function decodeCursor(cursor: string): { workDate: string; id: string } {
  const [workDate, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(workDate ?? "") || !/^[0-9a-f-]{36}$/.test(id ?? "")) {
    throw new AppError("invalid", "That cursor is not one this API gave.", { cursor: ["Pass the next_cursor of the previous page."] });
  }
  return { workDate, id };
}

export async function apiEntries(claims: Claims, clientId: string, q: { from?: string; to?: string; limit: number; cursor?: string }) {
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  return asUser(claims, async (tx) => {
    found(await getClient(tx, { clientId }), "That client");
    const rows = await listEntriesPage(tx, { clientId, from: q.from ?? null, to: q.to ?? null, after, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return { data: page, next_cursor: rows.length > q.limit && last ? encodeCursor(last.workDate, last.id) : null };
  });
}
