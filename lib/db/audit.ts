import type { Tx } from "@/lib/db";
import { serviceStatement } from "@/lib/db/connection";

export interface AuditEvent {
  clientId: string | null;
  actorId: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  data?: Record<string, unknown>;
}

/**
 * Appends an audit event inside the caller's transaction, so it commits or rolls back with the change. Written
 * as the service role: `authenticated` may not insert audit events (through the Data API a person would
 * choose their own actor, action and data), so the trail holds only what the app recorded.
 */
export async function recordAudit(tx: Tx, { clientId, actorId, action, entity, entityId = null, data = {} }: AuditEvent) {
  await serviceStatement(tx, tx`
    insert into public.audit_events (client_id, actor_id, action, entity, entity_id, data)
    values (${clientId}, ${actorId}, ${action}, ${entity}, ${entityId}, ${tx.json(data as never)})`);
}

export interface AuditRow {
  id: string;
  action: string;
  entity: string;
  entityId: string | null;
  data: Record<string, unknown>;
  at: Date;
  actorName: string | null;
  /** The roadmap item's current title, or the invoice's number, when the event is about one. */
  subject: string | null;
}

/**
 * The client's audit trail, newest first; `kinds` filters by the action's first word (entry, terms, …). Events
 * about a roadmap item or an invoice carry its title or number (as the reader may see it now).
 */
export function listAudit(tx: Tx, { clientId, kinds, limit = 200 }: { clientId: string; kinds?: string[]; limit?: number }) {
  return tx<AuditRow[]>`
    select a.id::text, a.action, a.entity, a.entity_id as "entityId", a.data, a.at,
           coalesce(nullif(p.full_name, ''), p.email) as "actorName",
           case a.entity
             when 'roadmap_item' then (select r.title from public.roadmap_items r where r.client_id = a.client_id and r.id::text = a.entity_id)
             when 'invoice' then (select i.number from public.invoices i where i.client_id = a.client_id and i.id::text = a.entity_id)
           end as subject
    from public.audit_events a left join public.profiles p on p.id = a.actor_id
    where a.client_id = ${clientId} ${kinds?.length ? tx`and split_part(a.action, '.', 1) in ${tx(kinds)}` : tx``}
    order by a.at desc, a.id desc limit ${limit}`;
}
