// Transactional email is written to the outbox in the same transaction as the change it reports, so a
// rolled-back change sends nothing and a committed one is never lost. A sender (SMTP when configured)
// delivers it later; locally the dev mailbox page reads the outbox directly.
//
// Only drafts of the template set (lib/mail/templates) can be queued: each is rendered here, with the
// practice's name and APP_URL, into a subject, an HTML body and a plain-text body.
import type { Tx } from "@/lib/db";
import { existingDedupeKeys, insertOutboxMails } from "@/lib/db/outbox";
import { getPracticeSettings } from "@/lib/db/settings";
import { renderMail } from "@/lib/mail/render";
import type { MailContext, MailDraft } from "@/lib/mail/templates";
import { env, runsUnderNextDev } from "@/lib/platform/env";
import { found } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/log";

// The dev mailbox page reads the outbox through here.
export { recentMail, type OutboxRow } from "@/lib/db/outbox";

const log = logger("mail");

export async function enqueueMail(tx: Tx, mail: MailDraft): Promise<boolean> {
  return (await enqueueMails(tx, [mail])) > 0;
}

/**
 * Subjects and bodies carry sign-in codes and invitation links, so the log names only the kind, the row and
 * the recipient. Under `next dev` alone it prints them too, so a developer can sign in from the terminal.
 */
const logsMailText = runsUnderNextDev;

/** What every email of this practice shows: its name (practice settings) and the portal's address. */
export async function mailContext(tx: Tx): Promise<MailContext> {
  const practice = found(await getPracticeSettings(tx), "The practice settings");
  return { practiceName: practice.name, appUrl: env().APP_URL };
}

/** Several emails in one statement; returns how many were queued (duplicates by key are skipped). */
export async function enqueueMails(tx: Tx, mails: MailDraft[]): Promise<number> {
  // Past a usage threshold every entry finds its alert due again: skip those already queued before rendering
  // them (the insert below still skips a key that a concurrent transaction queued meanwhile).
  const known = await existingDedupeKeys(tx, { keys: mails.flatMap((m) => (m.dedupeKey ? [m.dedupeKey] : [])) });
  const fresh = mails.filter((m) => !m.dedupeKey || !known.has(m.dedupeKey));
  if (fresh.length === 0) return 0;
  const ctx = await mailContext(tx);
  const rows = await Promise.all(fresh.map(async (m) => {
    const { subject, text, html } = await renderMail(m, ctx);
    return { kind: m.kind, clientId: m.clientId ?? null, to: m.to, subject, text, html, dedupeKey: m.dedupeKey ?? null, attachInvoiceId: m.attachInvoiceId ?? null, replyTo: m.replyTo ?? null };
  }));
  const queued = await insertOutboxMails(tx, { mails: rows });
  for (const m of queued) {
    // The recipient's domain only (the row has the address): logs leave the database's protection (ASVS 16.2.5).
    log.info({ kind: m.kind, outboxId: m.id, toDomain: m.to.split("@").pop(), ...(logsMailText() ? { to: m.to, subject: m.subject, body: m.text } : {}) }, "mail queued");
  }
  return queued.length;
}
