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

export async function enqueueMail(tx: Tx, mail: Mail): Promise<boolean> {
  return (await enqueueMails(tx, [mail])) > 0;
}

/**
 * Subjects and bodies carry sign-in codes and invitation links, so the log names only the kind, the row and
 * the recipient. Under `next dev` alone it prints them too, so a developer can sign in from the terminal.
 */
const logsMailText = () => process.env.NODE_ENV === "development";

/** Several emails in one statement; returns how many were queued (duplicates by key are skipped). */
export async function enqueueMails(tx: Tx, mails: Mail[]): Promise<number> {
  if (mails.length === 0) return 0;
  const rows = mails.map((m) => ({
    kind: m.kind, client_id: m.clientId ?? null, to_email: m.to, subject: m.subject, body_text: m.text,
    body_html: m.html ?? null, dedupe_key: m.dedupeKey ?? null,
  }));
  const queued = await tx<{ id: string; kind: string; to: string; subject: string; text: string }[]>`
    insert into public.outbox ${tx(rows, "kind", "client_id", "to_email", "subject", "body_text", "body_html", "dedupe_key")}
    on conflict (dedupe_key) do nothing
    returning id, kind, to_email as to, subject, body_text as text`;
  for (const m of queued) {
    log.info({ kind: m.kind, outboxId: m.id, to: m.to, ...(logsMailText() ? { subject: m.subject, body: m.text } : {}) }, "mail queued");
  }
  return queued.length;
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
