// The outbox: transactional email written with the change it reports, delivered later (lib/mail).
import type { Tx } from "@/lib/db";

export interface NewOutboxMail {
  kind: string;
  clientId: string | null;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  /** At most one row per key: a second insert with the same key is skipped. */
  dedupeKey: string | null;
  /** The invoice whose PDF the sender attaches (rendered when it sends); null for none. */
  attachInvoiceId?: string | null;
  /** Where replies go (an update's signed reply address); null: the sender's own. */
  replyTo?: string | null;
}

/** Inserts several emails in one statement; returns the rows queued (duplicates by key are not). */
export function insertOutboxMails(tx: Tx, { mails }: { mails: NewOutboxMail[] }) {
  const rows = mails.map((m) => ({
    kind: m.kind, client_id: m.clientId, to_email: m.to, subject: m.subject, body_text: m.text,
    body_html: m.html, dedupe_key: m.dedupeKey, attach_invoice_id: m.attachInvoiceId ?? null, reply_to: m.replyTo ?? null,
  }));
  return tx<{ id: string; kind: string; to: string; subject: string; text: string }[]>`
    insert into public.outbox ${tx(rows, "kind", "client_id", "to_email", "subject", "body_text", "body_html", "dedupe_key", "attach_invoice_id", "reply_to")}
    on conflict (dedupe_key) do nothing
    returning id, kind, to_email as to, subject, body_text as text`;
}

/** Which of `keys` are already queued or sent (so their emails need not be rendered again). */
export async function existingDedupeKeys(tx: Tx, { keys }: { keys: string[] }): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await tx<{ key: string }[]>`select dedupe_key as key from public.outbox where dedupe_key in ${tx(keys)}`;
  return new Set(rows.map((r) => r.key));
}

export interface OutboxRow {
  id: string;
  kind: string;
  to_email: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  status: string;
  created_at: Date;
}

export function recentMail(tx: Tx, { limit = 50 }: { limit?: number } = {}) {
  return tx<OutboxRow[]>`
    select id, kind, to_email, subject, body_text, body_html, status, created_at
    from public.outbox order by created_at desc limit ${limit}`;
}

export interface DueMail {
  id: string;
  to_email: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  attempts: number;
  attach_invoice_id: string | null;
  reply_to: string | null;
}

/**
 * The oldest due email, locked until the transaction ends; rows other senders hold are skipped, so every
 * instance can deliver at once without sending one twice.
 */
export async function claimDueMail(tx: Tx): Promise<DueMail | null> {
  const [mail] = await tx<DueMail[]>`
    select id, to_email, subject, body_text, body_html, attempts, attach_invoice_id, reply_to from public.outbox
    where status = 'pending' and next_attempt_at <= now()
    order by next_attempt_at limit 1 for update skip locked`;
  return mail ?? null;
}

export async function markMailSent(tx: Tx, { outboxId }: { outboxId: string }) {
  await tx`update public.outbox set status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = null where id = ${outboxId}`;
}

/** A failed attempt: its count and error, and either the next try in `retryInSeconds` or "failed" for good. */
export async function recordMailFailure(
  tx: Tx,
  { outboxId, attempts, error, giveUp, retryInSeconds }: { outboxId: string; attempts: number; error: string; giveUp: boolean; retryInSeconds: number },
) {
  await tx`update public.outbox set attempts = ${attempts}, last_error = ${error},
             status = ${giveUp ? "failed" : "pending"},
             next_attempt_at = now() + make_interval(secs => ${retryInSeconds})
           where id = ${outboxId}`;
}

/**
 * Withdraws the emails still waiting whose key starts with `keyPrefix` (an email the news made untrue, such as
 * "payment failed" for an invoice since paid); returns how many. One a sender is delivering right now is
 * locked, so it is skipped and goes out.
 */
export async function withdrawPendingMails(tx: Tx, { clientId, keyPrefix }: { clientId: string; keyPrefix: string }): Promise<number> {
  const rows = await tx`
    delete from public.outbox where id in (
      select id from public.outbox
      where client_id = ${clientId} and status = 'pending' and starts_with(dedupe_key, ${keyPrefix})
      for update skip locked)
    returning id`;
  return rows.length;
}
