// Time entries: the ledger's rows, each change audited in the same transaction. SQL only: whether an entry may
// be edited or voided is lib/hours/corrections.ts's (rules from lib/domain/entries).
import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import type { Category } from "@/lib/domain/categories";
import type { Month } from "@/lib/domain/dates";
import type { EntryInput, EntryRow, LedgerTotals } from "@/lib/types/hours";

const entrySelect = (tx: Tx) => tx`
  select e.id, e.client_id as "clientId", e.engineer_id as "engineerId",
         coalesce(nullif(p.full_name, ''), p.email) as "engineerName",
         to_char(e.work_date, 'YYYY-MM-DD') as "workDate", e.minutes, e.description, e.category, e.billable,
         e.roadmap_item_id as "roadmapItemId", r.title as "roadmapTitle",
         e.adjusts_entry_id as "adjustsEntryId", to_char(o.work_date, 'YYYY-MM-DD') as "adjustsWorkDate",
         e.voided_at as "voidedAt", e.void_reason as "voidReason", e.created_at as "createdAt",
         coalesce(bp.status = 'closed', false) as "monthClosed"
  from public.time_entries e
  join public.profiles p on p.id = e.engineer_id
  left join public.roadmap_items r on r.id = e.roadmap_item_id
  left join public.time_entries o on o.id = e.adjusts_entry_id
  left join public.billing_periods bp on bp.client_id = e.client_id and bp.month = date_trunc('month', e.work_date)::date`;

export interface EntryFilter {
  clientId: string;
  month: Month;
  category?: Category;
  roadmapItemId?: string;
  billable?: boolean;
  /** Newest first (the ledger page, the default) or oldest first (the CSV, read with a cursor). */
  order?: "newest" | "oldest";
}

/** An entry's place in the ledger's order (date, time logged, id), for a cursor; no row for another client's entry. */
const positionOf = (tx: Tx, clientId: string, id: string) =>
  tx`select c.work_date, c.created_at, c.id from public.time_entries c where c.client_id = ${clientId} and c.id = ${id}`;

/** A filter's conditions on `e`: the month, then the category, roadmap item and billable when given. */
const filterWhere = (tx: Tx, { clientId, month, category, roadmapItemId, billable }: EntryFilter) => tx`
  e.client_id = ${clientId}
  and e.work_date >= ${month} and e.work_date < (${month}::date + interval '1 month')
  ${category ? tx`and e.category = ${category}` : tx``}
  ${roadmapItemId ? tx`and e.roadmap_item_id = ${roadmapItemId}` : tx``}
  ${billable === undefined ? tx`` : tx`and e.billable = ${billable}`}`;

/** Every entry the filter keeps, in the ledger's order (the CSV reads it with a cursor). */
export function listEntries(tx: Tx, { order, ...filter }: EntryFilter) {
  return tx<EntryRow[]>`
    ${entrySelect(tx)}
    where ${filterWhere(tx, filter)}
    ${order === "oldest" ? tx`order by e.work_date, e.created_at, e.id` : tx`order by e.work_date desc, e.created_at desc, e.id desc`}`;
}

/**
 * One page of the ledger, newest first: the `limit` entries older than the entry `after`, or the `limit` newer
 * than the entry `before` (both in the ledger's order: date, time logged, id), or the newest. A cursor is an
 * entry's id, read for its position in the same statement (timestamps keep microseconds a URL would round).
 * Asks for one more row than it shows, to tell whether there is another page in the direction read; a cursor
 * naming no entry of this client reads nothing.
 */
export async function listEntryPage(tx: Tx, { after, before, limit, ...filter }: EntryFilter & { after?: string; before?: string; limit: number }) {
  const at = (id: string) => tx`(${positionOf(tx, filter.clientId, id)})`;
  const order = before ? tx`order by e.work_date, e.created_at, e.id` : tx`order by e.work_date desc, e.created_at desc, e.id desc`;
  // The page's entries are found first on their own, in the ledger index's order (its INCLUDE columns hold every
  // filter), and only those rows are joined to their details. Asked in one statement, the planner estimates a busy
  // client's month under a category filter at a few dozen rows (client, date and category taken as independent)
  // and sorts the whole month instead: 150 ms for a 200,000-entry month, 3 ms this way (issue 24).
  const rows = await tx<EntryRow[]>`
    with page as materialized (
      select e.id from public.time_entries e
      where ${filterWhere(tx, filter)}
        ${after ? tx`and (e.work_date, e.created_at, e.id) < ${at(after)}` : before ? tx`and (e.work_date, e.created_at, e.id) > ${at(before)}` : tx``}
      ${order}
      limit ${limit + 1})
    ${entrySelect(tx)}
    where e.client_id = ${filter.clientId} and e.id in (select id from page)
    ${order}`;
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  return { entries: before ? page.reverse() : page, more };
}

/** A filter as private.ledger_totals takes it: the client, the days [from, to), then category, item and billable. */
const totalsArgs = (tx: Tx, { clientId, month, category, roadmapItemId, billable }: EntryFilter, from = tx`${month}::date`) =>
  tx`${clientId}::uuid, ${from}, (${month}::date + interval '1 month')::date, ${category ?? null}::text, ${roadmapItemId ?? null}::uuid, ${billable ?? null}::boolean`;

/**
 * How many entries the filter keeps are newer than the entry `id` (where a page starts, for "201–400 of 9,000"):
 * those of the month's later days from the per-day sums, those of its own day from the entries.
 */
export async function countNewerEntries(tx: Tx, { id, ...filter }: EntryFilter & { id: string }): Promise<number> {
  const [{ n }] = await tx<{ n: number }[]>`
    with c as (${positionOf(tx, filter.clientId, id)})
    select (coalesce((select t.entries + t.voided from c, private.ledger_totals(${totalsArgs(tx, filter, tx`c.work_date + 1`)}) t), 0)
          + (select count(*) from public.time_entries e, c
             where ${filterWhere(tx, filter)} and e.work_date = c.work_date and (e.created_at, e.id) > (c.created_at, c.id)))::int as n`;
  return n;
}

/** What every entry the filter keeps adds up to, from the per-day sums (the rules are lib/domain/ledger's ledgerTotals). */
export async function entryTotals(tx: Tx, { ...filter }: EntryFilter): Promise<LedgerTotals> {
  const [row] = await tx<LedgerTotals[]>`
    select billable_minutes::int as "billableMinutes", correction_minutes::int as "correctionMinutes",
           non_billable_minutes::int as "nonBillableMinutes", entries::int as entries, voided::int as voided
    from private.ledger_totals(${totalsArgs(tx, filter)})`;
  return row;
}

export function latestEntries(tx: Tx, { clientId, limit }: { clientId: string; limit: number }) {
  return tx<EntryRow[]>`
    ${entrySelect(tx)}
    where e.client_id = ${clientId}
    order by e.work_date desc, e.created_at desc limit ${limit}`;
}

export async function getEntry(tx: Tx, { clientId, entryId }: { clientId: string; entryId: string }): Promise<EntryRow | null> {
  const [row] = await tx<EntryRow[]>`${entrySelect(tx)} where e.client_id = ${clientId} and e.id = ${entryId}`;
  return row ?? null;
}

/** Several of a client's entries by id (another client's ids read as missing). */
export function getEntries(tx: Tx, { clientId, entryIds }: { clientId: string; entryIds: string[] }): Promise<EntryRow[]> {
  if (!entryIds.length) return Promise.resolve([]);
  return tx<EntryRow[]>`${entrySelect(tx)} where e.client_id = ${clientId} and e.id in ${tx(entryIds)} order by e.work_date, e.created_at, e.id`;
}

/** Months (newest first) that have entries, plus the given current month. */
export async function entryMonths(tx: Tx, { clientId, current }: { clientId: string; current: Month }): Promise<Month[]> {
  // A skip scan: from the latest entry's month, each step one probe of the index for the latest entry before the
  // month reached, so a client's thirty-six months cost thirty-six probes whatever its number of entries.
  const rows = await tx<{ month: string }[]>`
    with recursive m(month) as (
      select date_trunc('month', max(e.work_date))::date from public.time_entries e where e.client_id = ${clientId}
      union all
      select (select date_trunc('month', max(e.work_date))::date from public.time_entries e where e.client_id = ${clientId} and e.work_date < m.month)
      from m where m.month is not null
    )
    select to_char(month, 'YYYY-MM-DD') as month from m where month is not null`;
  return [...new Set([current, ...rows.map((r) => r.month)])].sort().reverse();
}

const entrySnapshot = (e: EntryInput) => ({
  workDate: e.workDate, minutes: e.minutes, description: e.description, category: e.category, billable: e.billable,
  roadmapItemId: e.roadmapItemId,
});

/** Inserts an entry (an adjustment when `adjustsEntryId` names the entry it corrects) and audits it. */
export async function insertEntry(
  tx: Tx,
  { actorId, clientId, input, adjustsEntryId = null }: { actorId: string; clientId: string; input: EntryInput; adjustsEntryId?: string | null },
) {
  const [row] = await tx<{ id: string }[]>`
    insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, billable,
      roadmap_item_id, adjusts_entry_id)
    values (${clientId}, ${actorId}, ${input.workDate}, ${input.minutes}, ${input.description}, ${input.category},
      ${input.billable}, ${input.roadmapItemId}, ${adjustsEntryId})
    returning id`;
  await recordAudit(tx, {
    clientId, actorId, action: adjustsEntryId ? "entry.adjusted" : "entry.created", entity: "time_entry", entityId: row.id,
    data: { after: entrySnapshot(input), ...(adjustsEntryId ? { adjustsEntryId } : {}) },
  });
  return row.id;
}

/** Changes the entry (`before`: as the service read it) and audits before and after. */
export async function updateEntry(tx: Tx, { actorId, clientId, before, input }: { actorId: string; clientId: string; before: EntryRow; input: EntryInput }) {
  const entryId = before.id;
  await tx`
    update public.time_entries set work_date = ${input.workDate}, minutes = ${input.minutes},
      description = ${input.description}, category = ${input.category}, billable = ${input.billable},
      roadmap_item_id = ${input.roadmapItemId}, updated_at = now()
    where id = ${entryId} and client_id = ${clientId}`;
  await recordAudit(tx, {
    clientId, actorId, action: "entry.edited", entity: "time_entry", entityId: entryId,
    data: { before: entrySnapshot(before), after: entrySnapshot(input) },
  });
}

/** Voids the entry (`before`: as the service read it) with its reason, and audits it. */
export async function voidEntry(tx: Tx, { actorId, clientId, before, reason }: { actorId: string; clientId: string; before: EntryRow; reason: string }) {
  const entryId = before.id;
  await tx`
    update public.time_entries set voided_at = now(), voided_by = ${actorId}, void_reason = ${reason}, updated_at = now()
    where id = ${entryId} and client_id = ${clientId}`;
  await recordAudit(tx, {
    clientId, actorId, action: "entry.voided", entity: "time_entry", entityId: entryId,
    data: { before: entrySnapshot(before), reason },
  });
}

/** Every entry linked to a roadmap item, newest first. */
export function listItemEntries(tx: Tx, { clientId, itemId }: { clientId: string; itemId: string }) {
  return tx<EntryRow[]>`
    ${entrySelect(tx)}
    where e.client_id = ${clientId} and e.roadmap_item_id = ${itemId}
    order by e.work_date desc, e.created_at desc`;
}

export interface ApiEntryRow {
  id: string;
  workDate: string;
  minutes: number;
  description: string;
  category: string;
  billable: boolean;
  engineer: string | null;
  roadmapItemId: string | null;
  correctsEntryId: string | null;
  voidedAt: Date | null;
  voidReason: string | null;
  createdAt: Date;
}

/** One page of a client's entries for the API, by work date then id, after a cursor; voided ones included. */
export function listEntriesPage(tx: Tx, { clientId, from, to, category, billable, voided, after, limit }: {
  clientId: string; from: string | null; to: string | null; category: string | null; billable: boolean | null; voided: boolean | null;
  after: { workDate: string; id: string } | null; limit: number;
}) {
  return tx<ApiEntryRow[]>`
    select e.id, to_char(e.work_date, 'YYYY-MM-DD') as "workDate", e.minutes, e.description, e.category, e.billable,
           p.full_name as engineer, e.roadmap_item_id as "roadmapItemId", e.adjusts_entry_id as "correctsEntryId",
           e.voided_at as "voidedAt", e.void_reason as "voidReason", e.created_at as "createdAt"
    from public.time_entries e left join public.profiles p on p.id = e.engineer_id
    where e.client_id = ${clientId}
      ${from ? tx`and e.work_date >= ${from}` : tx``}
      ${to ? tx`and e.work_date <= ${to}` : tx``}
      ${category ? tx`and e.category = ${category}` : tx``}
      ${billable === null ? tx`` : tx`and e.billable = ${billable}`}
      ${voided === null ? tx`` : voided ? tx`and e.voided_at is not null` : tx`and e.voided_at is null`}
      ${after ? tx`and (e.work_date, e.id) > (${after.workDate}::date, ${after.id}::uuid)` : tx``}
    order by e.work_date, e.id
    limit ${limit}`;
}
