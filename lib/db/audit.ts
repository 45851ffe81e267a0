import type { Tx } from "@/lib/db";

export interface AuditEvent {
  clientId: string | null;
  actorId: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  data?: Record<string, unknown>;
}

/** Appends an audit event inside the caller's transaction, so it commits or rolls back with the change. */
export async function recordAudit(tx: Tx, e: AuditEvent) {
  await tx`insert into public.audit_events (client_id, actor_id, action, entity, entity_id, data)
           values (${e.clientId}, ${e.actorId}, ${e.action}, ${e.entity}, ${e.entityId ?? null},
                   ${tx.json((e.data ?? {}) as never)})`;
}
