// Notifications (issue 23): one call per event, in the transaction of the change it reports. It writes a row to
// each recipient's inbox and, by each one's preference, queues an email now (the event's own, or a plain notice),
// leaves it for the daily digest (lib/notifications/digest), or sends none. The actor is never told of their own
// act; a repeated event (same key) adds nothing. Owners are never told of drafts: no draft calls this.
import { withServiceRole, type Tx } from "@/lib/db";
import { insertNotifications, recipientsOf, type Audience, type NewNotification, type Recipient } from "@/lib/db/notifications";
import { enqueueMails } from "@/lib/mail/outbox";
import type { MailDraft } from "@/lib/mail/layout";
import { noticeMail } from "@/lib/mail/notice-mails";
import type { ClientRef } from "@/lib/types/clients";
import type { NotificationKind } from "@/lib/types/notifications";

export interface Notice {
  client: ClientRef;
  kind: NotificationKind;
  /** Who acted: never notified of their own act (null for the cron, a webhook). */
  actorId: string | null;
  audience: Audience;
  /** One line, e.g. "Dana asks for 10h of extra hours in March 2027". */
  title: string;
  /** A short excerpt (the reason, the comment), plain text. */
  body?: string;
  /** Where in the portal to look. */
  href: string;
  /** The event, unique across events: each person's row is keyed `<key>:<user>`. */
  key: string;
  /** The event's own email for a recipient who hears immediately (default: a plain notice), knowing their notification. */
  mail?: (to: Recipient & { notificationId: string }) => MailDraft;
  /** The event mails everyone concerned itself, whatever their preference (an invoice is a document, not a notice). */
  mailsItself?: boolean;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Notifies an event's audience; returns how many people were notified. */
export async function notify(tx: Tx, notice: Notice): Promise<number> {
  const people = (await recipientsOf(tx, { clientId: notice.client.id, audience: notice.audience })).filter((p) => p.userId !== notice.actorId);
  if (!people.length) return 0;
  const title = clip(notice.title, 300);
  const body = clip(notice.body ?? "", 600);
  const rows: NewNotification[] = people.map((p) => ({
    clientId: notice.client.id, userId: p.userId, kind: notice.kind, title, body, href: notice.href, dedupeKey: `${notice.key}:${p.userId}`,
    mail: notice.mailsItself || p.mode === "off" ? "none" : p.mode === "daily" ? "digest" : "sent",
  }));
  const fresh = await insertNotifications(tx, { rows });
  const now = people.filter((p) => fresh.has(p.userId) && p.mode === "immediately" && !notice.mailsItself)
    .map((p) => ({ ...p, notificationId: fresh.get(p.userId)! }));
  if (now.length) {
    const mail = notice.mail ?? ((to: Recipient) => noticeMail({ to: to.email, clientId: notice.client.id, clientName: notice.client.name, kind: notice.kind, key: notice.key, title, body, href: notice.href }));
    await withServiceRole(tx, () => enqueueMails(tx, now.map((p) => mail(p))));
  }
  return fresh.size;
}
