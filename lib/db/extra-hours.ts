// Extra hours approved in advance (issue 23): the requests of a client, the approved ones the retainer math adds
// to each month's ceiling, and the app's writes (service role, inside the command that authorized them:
// supabase/migrations/20261208000100_extra_hours_requests.sql). Quoted amounts come through
// private.extra_hours_prices: staff and owners read them; a member reads null (they see hours, not money).
import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { serviceStatement } from "@/lib/db/connection";
import { groupBy } from "@/lib/db/group";
import type { ApprovedExtra } from "@/lib/types/retainer";
import type { ExtraHoursRow, ExtraHoursStatus } from "@/lib/types/extra-hours";

const columns = (tx: Tx, clientIds: string[]) => tx`
  select r.id, r.client_id as "clientId", to_char(r.month, 'YYYY-MM-DD') as month, r.minutes, r.roadmap_item_id as "roadmapItemId",
         i.title as "roadmapTitle", r.reason, p.quoted_cents as "quotedCents", r.status, r.requested_by as "requestedBy",
         coalesce(nullif(rq.full_name, ''), rq.email) as "requestedByName", rq.email as "requestedByEmail", r.requested_at as "requestedAt",
         coalesce(nullif(d.full_name, ''), d.email) as "decidedByName", r.decided_at as "decidedAt", r.po_number as "poNumber",
         r.decision_note as "decisionNote"
  from public.extra_hours_requests r
  left join private.extra_hours_prices(${clientIds}::uuid[]) p on p.request_id = r.id
  left join public.roadmap_items i on i.id = r.roadmap_item_id
  left join public.profiles rq on rq.id = r.requested_by
  left join public.profiles d on d.id = r.decided_by`;

/** A client's requests, open ones first, then the newest month first. */
export function listExtraHours(tx: Tx, { clientId }: { clientId: string }) {
  return tx<ExtraHoursRow[]>`
    ${columns(tx, [clientId])} where r.client_id = ${clientId}
    order by (r.status = 'open') desc, r.month desc, r.requested_at desc limit 200`;
}

export async function getExtraHours(tx: Tx, { clientId, requestId }: { clientId: string; requestId: string }): Promise<ExtraHoursRow | null> {
  const [row] = await tx<ExtraHoursRow[]>`${columns(tx, [clientId])} where r.client_id = ${clientId} and r.id = ${requestId}`;
  return row ?? null;
}

/** Open requests of these clients (for the owners' attention), oldest first. */
export function openExtraHoursFor(tx: Tx, { clientIds }: { clientIds: string[] }) {
  if (!clientIds.length) return Promise.resolve([] as ExtraHoursRow[]);
  return tx<ExtraHoursRow[]>`${columns(tx, clientIds)} where r.client_id in ${tx(clientIds)} and r.status = 'open' order by r.requested_at`;
}

/** The approved extra hours of these clients, per client, for the retainer math (quoted amounts where the caller sees money). */
export async function approvedExtrasFor(tx: Tx, { clientIds }: { clientIds: string[] }): Promise<Map<string, ApprovedExtra[]>> {
  const rows = clientIds.length === 0 ? [] : await tx<(ApprovedExtra & { clientId: string })[]>`
    select r.client_id as "clientId", to_char(r.month, 'YYYY-MM-DD') as month, r.minutes, p.quoted_cents as "quotedCents"
    from public.extra_hours_requests r left join private.extra_hours_prices(${clientIds}::uuid[]) p on p.request_id = r.id
    where r.client_id in ${tx(clientIds)} and r.status = 'approved' order by r.decided_at, r.id`;
  const byClient = groupBy(clientIds, rows, (r) => r.clientId);
  return new Map([...byClient].map(([id, list]) => [id, list.map(({ month, minutes, quotedCents }) => ({ month, minutes, quotedCents }))]));
}

export interface NewExtraHours {
  clientId: string;
  month: string;
  minutes: number;
  roadmapItemId: string | null;
  reason: string;
  quotedCents: number | null;
  requestedBy: string;
  /** An owner's own request is their approval: it is recorded approved, by them. */
  approved: { poNumber: string | null } | null;
}

export async function insertExtraHours(tx: Tx, { request: r }: { request: NewExtraHours }): Promise<string> {
  const status: ExtraHoursStatus = r.approved ? "approved" : "open";
  const [row] = await serviceStatement<{ id: string }[]>(tx, tx`
    insert into public.extra_hours_requests (client_id, month, minutes, roadmap_item_id, reason, quoted_cents, status, requested_by,
      decided_by, decided_at, po_number)
    values (${r.clientId}, ${r.month}, ${r.minutes}, ${r.roadmapItemId}, ${r.reason}, ${r.quotedCents}, ${status}, ${r.requestedBy},
      ${r.approved ? r.requestedBy : null}, ${r.approved ? tx`now()` : null}, ${r.approved?.poNumber ?? null})
    returning id`);
  await recordAudit(tx, {
    clientId: r.clientId, actorId: r.requestedBy, action: r.approved ? "extra_hours.approved" : "extra_hours.requested", entity: "extra_hours_request", entityId: row.id,
    data: { month: r.month, minutes: r.minutes, quoted: r.quotedCents !== null, roadmapItemId: r.roadmapItemId, ...(r.approved ? { requestedBy: "owner" } : {}) },
  });
  return row.id;
}

/** Decides an open request (approve or decline); false when it was no longer open. */
export async function decideExtraHours(tx: Tx, { clientId, requestId, status, decidedBy, poNumber, note }: {
  clientId: string; requestId: string; status: "approved" | "declined"; decidedBy: string; poNumber: string | null; note: string | null;
}): Promise<boolean> {
  const rows = await serviceStatement<{ id: string }[]>(tx, tx`
    update public.extra_hours_requests set status = ${status}, decided_by = ${decidedBy}, decided_at = now(), po_number = ${poNumber}, decision_note = ${note}
    where id = ${requestId} and client_id = ${clientId} and status = 'open' returning id`);
  if (!rows.length) return false;
  await recordAudit(tx, {
    clientId, actorId: decidedBy, action: `extra_hours.${status}`, entity: "extra_hours_request", entityId: requestId,
    data: { ...(poNumber ? { poNumber } : {}), ...(note ? { note } : {}) },
  });
  return true;
}

export async function withdrawExtraHours(tx: Tx, { clientId, requestId, actorId }: { clientId: string; requestId: string; actorId: string }): Promise<boolean> {
  const rows = await serviceStatement<{ id: string }[]>(tx, tx`
    update public.extra_hours_requests set status = 'withdrawn' where id = ${requestId} and client_id = ${clientId} and status = 'open' returning id`);
  if (!rows.length) return false;
  await recordAudit(tx, { clientId, actorId, action: "extra_hours.withdrawn", entity: "extra_hours_request", entityId: requestId, data: {} });
  return true;
}

/** The month closed: its requests still open lapse (in the close's transaction). */
export async function lapseExtraHours(tx: Tx, { clientId, month }: { clientId: string; month: string }) {
  await serviceStatement(tx, tx`
    update public.extra_hours_requests set status = 'lapsed' where client_id = ${clientId} and month = ${month} and status = 'open'`);
}
