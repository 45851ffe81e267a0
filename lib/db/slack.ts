// A client's Slack connection and its queued messages (issue 23). The connection's visible columns are read under
// RLS (owners and staff); the URL, the queue and every write are the app's (service role), inside the command or
// job that authorized it (supabase/migrations/20261208000400_slack_and_email_replies.sql).
import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { serviceStatement } from "@/lib/db/connection";
import type { SlackConnection, SlackEvent } from "@/lib/types/slack";

export async function getSlackConnection(tx: Tx, { clientId }: { clientId: string }): Promise<SlackConnection | null> {
  const [row] = await tx<SlackConnection[]>`
    select s.url_hint as "urlHint", s.events, s.connected_at as "connectedAt", coalesce(nullif(p.full_name, ''), p.email) as "connectedByName",
      s.last_sent_at as "lastSentAt", s.last_error as "lastError", s.last_error_at as "lastErrorAt"
    from public.client_slack s left join public.profiles p on p.id = s.connected_by where s.client_id = ${clientId}`;
  return row ?? null;
}

export async function saveSlackConnection(tx: Tx, { clientId, actorId, sealedUrl, urlHint, events }: {
  clientId: string; actorId: string; sealedUrl: string; urlHint: string; events: SlackEvent[];
}): Promise<void> {
  await serviceStatement(tx, tx`
    insert into public.client_slack (client_id, webhook_url_encrypted, url_hint, events, connected_by)
    values (${clientId}, ${sealedUrl}, ${urlHint}, ${events}, ${actorId})
    on conflict (client_id) do update set webhook_url_encrypted = excluded.webhook_url_encrypted, url_hint = excluded.url_hint,
      events = excluded.events, connected_by = excluded.connected_by, connected_at = now(), last_error = null, last_error_at = null`);
  await recordAudit(tx, { clientId, actorId, action: "slack.connected", entity: "client", entityId: clientId, data: { urlHint, events } });
}

export async function deleteSlackConnection(tx: Tx, { clientId, actorId }: { clientId: string; actorId: string }): Promise<boolean> {
  const rows = await serviceStatement<{ clientId: string }[]>(tx, tx`
    delete from public.client_slack where client_id = ${clientId} returning client_id as "clientId"`);
  if (!rows.length) return false;
  await serviceStatement(tx, tx`update public.slack_deliveries set status = 'failed', last_error = 'Slack was disconnected.' where client_id = ${clientId} and status = 'pending'`);
  await recordAudit(tx, { clientId, actorId, action: "slack.disconnected", entity: "client", entityId: clientId });
  return true;
}

/** Queues a message if the client's connection takes this event (as the service role); false when it does not. */
export async function queueSlackMessage(tx: Tx, { clientId, event, key, payload }: { clientId: string; event: SlackEvent; key: string; payload: Record<string, unknown> }): Promise<boolean> {
  const rows = await serviceStatement<{ id: string }[]>(tx, tx`
    insert into public.slack_deliveries (client_id, event, dedupe_key, payload)
    select ${clientId}, ${event}, ${key}, ${tx.json(payload as never)}
    from public.client_slack s where s.client_id = ${clientId} and ${event} = any (s.events)
    on conflict (dedupe_key) do nothing returning id`);
  return rows.length > 0;
}

export interface DueSlackMessage {
  id: string;
  clientId: string;
  payload: Record<string, unknown>;
  attempts: number;
  sealedUrl: string | null;
}

/** Pending messages due now, locked for this transaction (another sender skips them), oldest first. */
export function dueSlackMessages(tx: Tx, { limit }: { limit: number }) {
  return tx<DueSlackMessage[]>`
    select d.id, d.client_id as "clientId", d.payload, d.attempts, s.webhook_url_encrypted as "sealedUrl"
    from public.slack_deliveries d left join public.client_slack s on s.client_id = d.client_id
    where d.status = 'pending' and d.next_attempt_at <= now()
    order by d.created_at limit ${limit} for update of d skip locked`;
}

export async function recordSlackOutcome(tx: Tx, { id, clientId, ok, error, retryInSeconds }: {
  id: string; clientId: string; ok: boolean; error: string | null; retryInSeconds: number | null;
}) {
  if (ok) {
    await tx`update public.slack_deliveries set status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = null where id = ${id}`;
    await tx`update public.client_slack set last_sent_at = now(), last_error = null, last_error_at = null where client_id = ${clientId}`;
    return;
  }
  await tx`update public.slack_deliveries set attempts = attempts + 1, last_error = ${error},
             status = ${retryInSeconds === null ? "failed" : "pending"},
             next_attempt_at = now() + make_interval(secs => ${retryInSeconds ?? 0}) where id = ${id}`;
  await tx`update public.client_slack set last_error = ${error}, last_error_at = now() where client_id = ${clientId}`;
}
