// What the API reads (issue 22), as the token's person under RLS: the same rows their pages show, in the API's
// own shapes (documented in lib/api/openapi.ts). Lists page by an opaque cursor over a stable order.
import { asUser, type Claims, type Tx } from "@/lib/db";
import { getClient, listClients } from "@/lib/db/clients";
import { listEntriesPage } from "@/lib/db/entries";
import { exportStatements } from "@/lib/db/export";
import { groupBy } from "@/lib/db/group";
import { clientInvoiceLines, listInvoices } from "@/lib/db/invoices";
import { listItems } from "@/lib/db/roadmap";
import { listUpdates } from "@/lib/db/updates";
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

export async function apiEntries(claims: Claims, clientId: string, q: {
  from?: string; to?: string; category?: string; billable?: boolean; voided?: boolean; limit: number; cursor?: string;
}) {
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  return asUser(claims, async (tx) => {
    found(await getClient(tx, { clientId }), "That client");
    const rows = await listEntriesPage(tx, {
      clientId, from: q.from ?? null, to: q.to ?? null, category: q.category ?? null, billable: q.billable ?? null, voided: q.voided ?? null, after, limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return { data: page, next_cursor: rows.length > q.limit && last ? encodeCursor(last.workDate, last.id) : null };
  });
}

/** Reads of one client's data as the token's person: the client must be one they see (else "not found"). */
function ofClient<T>(claims: Claims, clientId: string, read: (tx: Tx) => Promise<T>): Promise<T> {
  return asUser(claims, async (tx) => {
    found(await getClient(tx, { clientId }), "That client");
    return read(tx);
  });
}

export const apiInvoices = (claims: Claims, clientId: string) =>
  ofClient(claims, clientId, async (tx) => {
    const [invoices, lines] = await Promise.all([listInvoices(tx, { clientId }), clientInvoiceLines(tx, { clientId })]);
    const linesOf = groupBy(invoices.map((i) => i.id), lines, (l) => l.invoiceId);
    return invoices.map((i) => ({
      id: i.id, number: i.number, month: i.month.slice(0, 7), status: i.status, currency: i.currency, netCents: i.netCents, taxCents: i.taxCents,
      totalCents: i.totalCents, dueDate: i.dueDate, issuedAt: i.issuedAt, paidAt: i.paidAt, payUrl: i.hostedInvoiceUrl,
      lines: linesOf.get(i.id)!.map((l) => ({
        position: l.position, kind: l.kind, description: l.description, quantityMinutes: l.quantityMinutes, unitAmountCents: l.unitAmountCents,
        amountCents: l.amountCents, forMonth: l.forMonth?.slice(0, 7) ?? null, taxRateBp: l.taxRateBp,
      })),
    }));
  });

/** Closed months with their statement as billed (null for a reader who sees hours only, as on their page): the export's read. */
export const apiStatements = (claims: Claims, clientId: string) =>
  ofClient(claims, clientId, async (tx) => (await exportStatements(tx, { clientId })).map((m) => ({ month: m.month, closedAt: m.closed_at, statement: m.statement })));

export const apiRoadmap = (claims: Claims, clientId: string) =>
  ofClient(claims, clientId, async (tx) => (await listItems(tx, { clientId })).map((r) => ({
    id: r.id, title: r.title, description: r.description, status: r.status, position: r.position, targetMonth: r.targetMonth?.slice(0, 7) ?? null,
    estimateMinutes: r.estimateMinutes, actualMinutes: r.actualMinutes, proposedBy: r.proposedByName, dropReason: r.dropReason, shippedAt: r.shippedAt,
    createdAt: r.createdAt, comments: r.commentCount,
  })));

/** Weekly updates: published ones, and drafts for the client's staff (RLS), newest first. */
export const apiUpdates = (claims: Claims, clientId: string) =>
  ofClient(claims, clientId, async (tx) => (await listUpdates(tx, { clientId })).map((u) => ({
    id: u.id, weekStart: u.weekStart, status: u.status, title: u.title, bodyMd: u.bodyMd, publishedAt: u.publishedAt, updatedAt: u.updatedAt,
  })));
