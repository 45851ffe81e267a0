// Transactional email is written to the outbox in the same transaction as the change it reports, so a
// rolled-back change sends nothing and a committed one is never lost. A sender (SMTP when configured)
// delivers it later; locally the dev mailbox page reads the outbox directly.
import type { Tx } from "@/lib/db";
import { insertOutboxMails } from "@/lib/db/outbox";
import { runsUnderNextDev } from "@/lib/platform/env";
import { logger } from "@/lib/platform/log";

// The dev mailbox page reads the outbox through here.
export { recentMail, type OutboxRow } from "@/lib/db/outbox";

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
const logsMailText = runsUnderNextDev;

/** Several emails in one statement; returns how many were queued (duplicates by key are skipped). */
export async function enqueueMails(tx: Tx, mails: Mail[]): Promise<number> {
  if (mails.length === 0) return 0;
  const queued = await insertOutboxMails(tx, mails.map((m) => ({
    kind: m.kind, clientId: m.clientId ?? null, to: m.to, subject: m.subject, text: m.text, html: m.html ?? null, dedupeKey: m.dedupeKey ?? null,
  })));
  for (const m of queued) {
    log.info({ kind: m.kind, outboxId: m.id, to: m.to, ...(logsMailText() ? { subject: m.subject, body: m.text } : {}) }, "mail queued");
  }
  return queued.length;
}
