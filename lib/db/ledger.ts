import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import type { Category } from "@/lib/domain/categories";
import type { LocalDate, Month } from "@/lib/domain/dates";
import type { LedgerEntry, Terms } from "@/lib/domain/retainer";
import type { DailyMinutes } from "@/lib/domain/forecast";
import { AppError, notFound } from "@/lib/errors";


// ---------------------------------------------------------------------------------------------------------
// Terms

type TermsRow = Terms & { id: string; clientId: string };

/** Terms of several clients at once, oldest first per client. */
export async function listTermsFor(tx: Tx, clientIds: string[]): Promise<Map<string, TermsRow[]>> {
  const rows = clientIds.length === 0 ? [] : await tx<TermsRow[]>`
    select id, client_id as "clientId", to_char(effective_month, 'YYYY-MM-DD') as "effectiveMonth",
           included_minutes as "includedMinutes", monthly_fee_cents as "monthlyFeeCents",
           overage_rate_cents_per_hour as "overageRateCentsPerHour", overage_increment_minutes as "overageIncrementMinutes",
           rollover_cap_minutes as "rolloverCapMinutes", rollover_expiry_months as "rolloverExpiryMonths",
           overage_preapproved_minutes as "overagePreapprovedMinutes"
    from public.retainer_terms where client_id in ${tx(clientIds)} order by effective_month`;
  return groupBy(clientIds, rows, (r) => r.clientId);
}

export async function listTerms(tx: Tx, { clientId }: { clientId: string }): Promise<TermsRow[]> {
  return (await listTermsFor(tx, [clientId])).get(clientId)!;
}

function groupBy<T>(keys: string[], rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const r of rows) out.get(key(r))?.push(r);
  return out;
}

export async function setTerms(tx: Tx, actorId: string, clientId: string, t: Terms) {
  const [closed] = await tx`
    select 1 from public.billing_periods
    where client_id = ${clientId} and status = 'closed' and month >= ${t.effectiveMonth}`;
  if (closed) {
    const msg = "That month is already closed. Terms can change from the first open month on.";
    throw new AppError("month_closed", msg, { effectiveMonth: [msg] });
  }
  const [before] = await tx`
    select included_minutes, monthly_fee_cents, overage_rate_cents_per_hour
    from public.retainer_terms where client_id = ${clientId} and effective_month = ${t.effectiveMonth}`;
  const rows = await tx`
    insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents,
      overage_rate_cents_per_hour, overage_increment_minutes, rollover_cap_minutes, rollover_expiry_months,
      overage_preapproved_minutes)
    values (${clientId}, ${t.effectiveMonth}, ${t.includedMinutes}, ${t.monthlyFeeCents}, ${t.overageRateCentsPerHour},
      ${t.overageIncrementMinutes}, ${t.rolloverCapMinutes}, ${t.rolloverExpiryMonths}, ${t.overagePreapprovedMinutes})
    on conflict (client_id, effective_month) do update set
      included_minutes = excluded.included_minutes, monthly_fee_cents = excluded.monthly_fee_cents,
      overage_rate_cents_per_hour = excluded.overage_rate_cents_per_hour,
      overage_increment_minutes = excluded.overage_increment_minutes, rollover_cap_minutes = excluded.rollover_cap_minutes,
      rollover_expiry_months = excluded.rollover_expiry_months, overage_preapproved_minutes = excluded.overage_preapproved_minutes
    returning id`;
  if (!rows.length) throw notFound("That client");
  await recordAudit(tx, {
    clientId, actorId, action: before ? "terms.changed" : "terms.set", entity: "retainer_terms", entityId: rows[0].id,
    data: { before: before ?? null, after: t },
  });
}

// ---------------------------------------------------------------------------------------------------------
// Aggregates the retainer math runs on. Summing in SQL keeps a dashboard one small query however long the
// ledger is; the domain only ever sums minutes per month, so a month's sums are equivalent to its entries.

/** Per client, billable/non-billable and adjustment minutes summed per month, through `through`. */
export async function monthlyUsageFor(tx: Tx, clientIds: string[], through: Month): Promise<Map<string, LedgerEntry[]>> {
  const rows = clientIds.length === 0 ? [] : await tx<{ clientId: string; month: string; billable: boolean; adjustment: boolean; minutes: number }[]>`
    select client_id as "clientId", to_char(first_day, 'YYYY-MM-DD') as month, billable, adjustment, sum(minutes)::int as minutes
    from (
      -- Date arithmetic, not date_trunc (which goes through timestamptz): the sum runs over every entry.
      select client_id, work_date - (extract(day from work_date)::int - 1) as first_day, billable,
             adjusts_entry_id is not null as adjustment, minutes
      from public.time_entries
      where client_id in ${tx(clientIds)} and voided_at is null
        and work_date < (${through}::date + interval '1 month')
    ) e
    group by client_id, first_day, billable, adjustment`;
  const grouped = groupBy(clientIds, rows, (r) => r.clientId);
  return new Map([...grouped].map(([id, rs]) => [id, rs.map((r) => ({ workDate: r.month, minutes: r.minutes, billable: r.billable, voided: false, adjustment: r.adjustment }))]));
}

export async function monthlyUsage(tx: Tx, { clientId, through }: { clientId: string; through: Month }): Promise<LedgerEntry[]> {
  return (await monthlyUsageFor(tx, [clientId], through)).get(clientId)!;
}

/** Per client, billable minutes per day from `from` (inclusive) to `until` (exclusive). */
export async function dailyUsageFor(tx: Tx, clientIds: string[], from: LocalDate, until: LocalDate): Promise<Map<string, DailyMinutes[]>> {
  const rows = clientIds.length === 0 ? [] : await tx<(DailyMinutes & { clientId: string })[]>`
    select client_id as "clientId", to_char(work_date, 'YYYY-MM-DD') as "workDate", sum(minutes)::int as minutes
    from public.time_entries
    where client_id in ${tx(clientIds)} and voided_at is null and billable and work_date >= ${from} and work_date < ${until}
    group by 1, 2 order by 2`;
  return groupBy(clientIds, rows, (r) => r.clientId);
}


/** The latest day with a live entry, per client. */
export async function lastEntryDates(tx: Tx, clientIds: string[]): Promise<Map<string, LocalDate>> {
  const rows = clientIds.length === 0 ? [] : await tx<{ clientId: string; day: string }[]>`
    select client_id as "clientId", to_char(max(work_date), 'YYYY-MM-DD') as day
    from public.time_entries where client_id in ${tx(clientIds)} and voided_at is null group by 1`;
  return new Map(rows.map((r) => [r.clientId, r.day]));
}

export function minutesBy(tx: Tx, { clientId, month, by }: { clientId: string; month: Month; by: "category" | "roadmap" }) {
  const key = by === "category" ? tx`e.category` : tx`coalesce(r.title, '')`;
  return tx<{ key: string; itemId: string | null; minutes: number }[]>`
    select ${key} as key, ${by === "roadmap" ? tx`e.roadmap_item_id` : tx`null::uuid`} as "itemId", sum(e.minutes)::int as minutes
    from public.time_entries e
    left join public.roadmap_items r on r.id = e.roadmap_item_id
    where e.client_id = ${clientId} and e.voided_at is null and e.billable
      and e.work_date >= ${month} and e.work_date < (${month}::date + interval '1 month')
    group by 1, 2 order by 3 desc`;
}

// ---------------------------------------------------------------------------------------------------------
// Entries

export interface EntryInput {
  workDate: LocalDate;
  minutes: number;
  description: string;
  category: Category;
  billable: boolean;
  roadmapItemId: string | null;
}

export interface EntryRow extends EntryInput {
  id: string;
  clientId: string;
  engineerId: string;
  engineerName: string;
  roadmapTitle: string | null;
  adjustsEntryId: string | null;
  adjustsWorkDate: string | null;
  voidedAt: Date | null;
  voidReason: string | null;
  createdAt: Date;
  monthClosed: boolean;
}

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
}

export function listEntries(tx: Tx, f: EntryFilter) {
  return tx<EntryRow[]>`
    ${entrySelect(tx)}
    where e.client_id = ${f.clientId}
      and e.work_date >= ${f.month} and e.work_date < (${f.month}::date + interval '1 month')
      ${f.category ? tx`and e.category = ${f.category}` : tx``}
      ${f.roadmapItemId ? tx`and e.roadmap_item_id = ${f.roadmapItemId}` : tx``}
      ${f.billable === undefined ? tx`` : tx`and e.billable = ${f.billable}`}
    order by e.work_date desc, e.created_at desc`;
}

export function latestEntries(tx: Tx, { clientId, limit }: { clientId: string; limit: number }) {
  return tx<EntryRow[]>`
    ${entrySelect(tx)}
    where e.client_id = ${clientId}
    order by e.work_date desc, e.created_at desc limit ${limit}`;
}

export async function getEntry(tx: Tx, { clientId, entryId }: { clientId: string; entryId: string }): Promise<EntryRow> {
  const [row] = await tx<EntryRow[]>`${entrySelect(tx)} where e.client_id = ${clientId} and e.id = ${entryId}`;
  if (!row) throw notFound("That entry");
  return row;
}

/** Months (newest first) that have entries, plus the given current month. */
export async function entryMonths(tx: Tx, { clientId, current }: { clientId: string; current: Month }): Promise<Month[]> {
  const rows = await tx<{ month: string }[]>`
    select distinct to_char(date_trunc('month', work_date), 'YYYY-MM-DD') as month
    from public.time_entries where client_id = ${clientId}`;
  return [...new Set([current, ...rows.map((r) => r.month)])].sort().reverse();
}

const entrySnapshot = (e: EntryInput) => ({
  workDate: e.workDate, minutes: e.minutes, description: e.description, category: e.category, billable: e.billable,
  roadmapItemId: e.roadmapItemId,
});

export async function insertEntry(tx: Tx, actorId: string, clientId: string, input: EntryInput, adjustsEntryId: string | null = null) {
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

export async function updateEntry(tx: Tx, actorId: string, clientId: string, entryId: string, input: EntryInput) {
  const before = await getEntry(tx, { clientId, entryId });
  if (before.voidedAt) throw new AppError("conflict", "A voided entry cannot be edited.");
  if (before.adjustsEntryId && input.minutes === 0) throw new AppError("invalid", "An adjustment cannot be zero.");
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

export async function voidEntry(tx: Tx, actorId: string, clientId: string, entryId: string, reason: string) {
  const before = await getEntry(tx, { clientId, entryId });
  if (before.voidedAt) throw new AppError("conflict", "That entry is already voided.");
  await tx`
    update public.time_entries set voided_at = now(), voided_by = ${actorId}, void_reason = ${reason}, updated_at = now()
    where id = ${entryId} and client_id = ${clientId}`;
  await recordAudit(tx, {
    clientId, actorId, action: "entry.voided", entity: "time_entry", entityId: entryId,
    data: { before: entrySnapshot(before), reason },
  });
}

export function openRoadmapItems(tx: Tx, { clientIds }: { clientIds: string[] }) {
  if (clientIds.length === 0) return Promise.resolve([]);
  return tx<{ id: string; clientId: string; title: string }[]>`
    select id, client_id as "clientId", title from public.roadmap_items
    where client_id in ${tx(clientIds)} and status in ('planned', 'in_progress')
    order by client_id, status desc, position`;
}

// ---------------------------------------------------------------------------------------------------------
// Billing periods

export function closedMonths(tx: Tx, { clientId }: { clientId: string }) {
  return tx<{ month: string; closedAt: Date; statement: unknown }[]>`
    select to_char(month, 'YYYY-MM-DD') as month, closed_at as "closedAt", statement
    from public.billing_periods where client_id = ${clientId} and status = 'closed' order by month desc`;
}


// ---------------------------------------------------------------------------------------------------------
// Activity

export interface AuditRow {
  id: string;
  action: string;
  entity: string;
  entityId: string | null;
  data: Record<string, unknown>;
  at: Date;
  actorName: string | null;
}

/** The client's audit trail, newest first; `kinds` filters by the action's first word (entry, terms, …). */
export function listAudit(tx: Tx, { clientId, kinds, limit = 200 }: { clientId: string; kinds?: string[]; limit?: number }) {
  return tx<AuditRow[]>`
    select a.id::text, a.action, a.entity, a.entity_id as "entityId", a.data, a.at,
           coalesce(nullif(p.full_name, ''), p.email) as "actorName"
    from public.audit_events a left join public.profiles p on p.id = a.actor_id
    where a.client_id = ${clientId} ${kinds?.length ? tx`and split_part(a.action, '.', 1) in ${tx(kinds)}` : tx``}
    order by a.at desc, a.id desc limit ${limit}`;
}

export function roadmapItemOptions(tx: Tx, { clientId }: { clientId: string }) {
  return tx<{ id: string; title: string; status: string }[]>`
    select id, title, status from public.roadmap_items where client_id = ${clientId} order by title`;
}

/** Every entry linked to a roadmap item, newest first. */
export function listItemEntries(tx: Tx, { clientId, itemId }: { clientId: string; itemId: string }) {
  return tx<EntryRow[]>`
    ${entrySelect(tx)}
    where e.client_id = ${clientId} and e.roadmap_item_id = ${itemId}
    order by e.work_date desc, e.created_at desc`;
}
