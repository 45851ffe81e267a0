// Transactional email is written to the outbox in the same transaction as the change it reports, so a
// rolled-back change sends nothing and a committed one is never lost. A sender (SMTP when configured)
// delivers it later; locally the dev mailbox page reads the outbox directly.
import type { Tx } from "@/lib/db";
import { logger } from "@/lib/log";

const log = logger("mail");

export interface Mail {
  kind: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  clientId?: string | null;
  /** At most one email per key; a second enqueue with the same key is a no-op. */
  dedupeKey?: string;
}

export async function enqueueMail(tx: Tx, mail: Mail, opts: { logBody?: boolean } = {}): Promise<boolean> {
  const rows = await tx`
    insert into public.outbox (kind, client_id, to_email, subject, body_text, body_html, dedupe_key)
    values (${mail.kind}, ${mail.clientId ?? null}, ${mail.to}, ${mail.subject}, ${mail.text},
            ${mail.html ?? null}, ${mail.dedupeKey ?? null})
    on conflict (dedupe_key) do nothing
    returning id`;
  if (rows.length) {
    log.info({ kind: mail.kind, to: mail.to, subject: mail.subject, ...(opts.logBody ? { body: mail.text } : {}) }, "mail queued");
  }
  return rows.length > 0;
}

export interface OutboxRow {
  id: string;
  kind: string;
  to_email: string;
  subject: string;
  body_text: string;
  status: string;
  created_at: Date;
}

export function recentMail(tx: Tx, limit = 50) {
  return tx<OutboxRow[]>`
    select id, kind, to_email, subject, body_text, status, created_at
    from public.outbox order by created_at desc limit ${limit}`;
}
