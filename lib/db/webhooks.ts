// Webhooks (supabase/migrations/20261207000300_webhooks.sql): admins read endpoints and the delivery log under
// RLS; adding and removing endpoints, the queue's leases and outcomes are the service role's.
import type { Tx } from "@/lib/db";
import { serviceStatement } from "@/lib/db/connection";

export interface WebhookEndpointRow {
  id: string;
  url: string;
  events: string[];
  description: string;
  createdAt: Date;
  disabledAt: Date | null;
  pending: number;
  failed: number;
}

export function listWebhookEndpoints(tx: Tx) {
  return tx<WebhookEndpointRow[]>`
    select e.id, e.url, e.events, e.description, e.created_at as "createdAt", e.disabled_at as "disabledAt",
           (select count(*)::int from public.webhook_deliveries d where d.endpoint_id = e.id and d.status = 'pending') as pending,
           (select count(*)::int from public.webhook_deliveries d where d.endpoint_id = e.id and d.status = 'failed') as failed
    from public.webhook_endpoints e order by e.disabled_at nulls first, e.created_at desc`;
}

export interface WebhookDeliveryRow {
  id: string;
  endpointId: string;
  url: string;
  event: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  nextAttemptAt: Date;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

export function listWebhookDeliveries(tx: Tx, { limit = 50 }: { limit?: number } = {}) {
  return tx<WebhookDeliveryRow[]>`
    select d.id, d.endpoint_id as "endpointId", e.url, d.event, d.status, d.attempts, d.next_attempt_at as "nextAttemptAt",
           d.last_status as "lastStatus", d.last_error as "lastError", d.delivered_at as "deliveredAt", d.created_at as "createdAt"
    from public.webhook_deliveries d join public.webhook_endpoints e on e.id = d.endpoint_id
    order by d.seq desc limit ${limit}`;
}

export async function insertWebhookEndpoint(tx: Tx, { url, events, description, secret, createdBy }: {
  url: string; events: string[]; description: string; secret: string; createdBy: string;
}) {
  const [row] = await serviceStatement<{ id: string }[]>(tx, tx`
    insert into public.webhook_endpoints (url, events, description, secret, created_by)
    values (${url}, ${events}::text[], ${description}, ${secret}, ${createdBy}) returning id`);
  return row.id;
}

/** Removes an endpoint and its deliveries; false when there is none. */
export async function deleteWebhookEndpoint(tx: Tx, { endpointId }: { endpointId: string }): Promise<boolean> {
  return (await serviceStatement<{ id: string }[]>(tx, tx`delete from public.webhook_endpoints where id = ${endpointId} returning id`)).length > 0;
}

/** Sends a delivery again from the start (a failed one too); false when there is none. */
export async function redeliverWebhook(tx: Tx, { deliveryId }: { deliveryId: string }): Promise<boolean> {
  return (await serviceStatement<{ id: string }[]>(tx, tx`
    update public.webhook_deliveries set status = 'pending', attempts = 0, next_attempt_at = now(), leased_until = null
    where id = ${deliveryId} and status <> 'pending' returning id`)).length > 0;
}

export interface DueDelivery {
  id: string;
  endpointId: string;
  url: string;
  secret: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/**
 * Leases the next delivery of each endpoint that is due (the oldest pending one, so an endpoint gets its events
 * in order: a later one waits while an earlier one backs off), up to `limit`. A lease lasts `leaseSeconds`; a
 * worker that dies leaves it to the next after that. Concurrent workers skip each other's rows.
 */
export function leaseDueDeliveries(tx: Tx, { limit, leaseSeconds }: { limit: number; leaseSeconds: number }) {
  return serviceStatement<DueDelivery[]>(tx, tx`
    with heads as (
      select distinct on (d.endpoint_id) d.id, d.next_attempt_at, d.leased_until
      from public.webhook_deliveries d join public.webhook_endpoints e on e.id = d.endpoint_id
      where d.status = 'pending' and e.disabled_at is null
      order by d.endpoint_id, d.seq
    ), due as (
      select d.id from public.webhook_deliveries d join heads h on h.id = d.id
      where h.next_attempt_at <= now() and (h.leased_until is null or h.leased_until < now())
      limit ${limit}
      for update of d skip locked
    )
    update public.webhook_deliveries d set leased_until = now() + make_interval(secs => ${leaseSeconds})
    from due, public.webhook_endpoints e
    where d.id = due.id and e.id = d.endpoint_id
    returning d.id, d.endpoint_id as "endpointId", e.url, e.secret, d.payload, d.attempts`);
}

export async function recordWebhookOutcome(tx: Tx, { deliveryId, ok, status, error, retryInSeconds }: {
  deliveryId: string; ok: boolean; status: number | null; error: string | null; retryInSeconds: number | null;
}) {
  await serviceStatement(tx, tx`
    update public.webhook_deliveries set
      attempts = attempts + 1, leased_until = null, last_status = ${status}, last_error = ${error},
      status = ${ok ? "delivered" : retryInSeconds === null ? "failed" : "pending"},
      delivered_at = ${ok ? tx`now()` : tx`null`},
      next_attempt_at = ${retryInSeconds === null ? tx`next_attempt_at` : tx`now() + make_interval(secs => ${retryInSeconds})`}
    where id = ${deliveryId}`);
}
