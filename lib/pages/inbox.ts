// The inbox's data (issue 23): what waits for the person (lib/pages/needs-you, as on the engineer home), and their
// notifications, newest first, with how many are unread and how they hear of them by email. The shell's unread count is the same query's count (lib/pages/portal-shell).
import type { Session } from "@/lib/auth/session";
import { asUser } from "@/lib/db";
import { listClients } from "@/lib/db/clients";
import { emailModeOf, listNotifications, unreadCount } from "@/lib/db/notifications";
import { needsYou, type NeedsYou } from "@/lib/pages/needs-you";
import type { EmailMode, NotificationRow } from "@/lib/types/notifications";
import type { Viewer } from "@/lib/types/viewer";

/** How many notifications the page lists (the newest). */
export const INBOX_LIMIT = 100;

export interface InboxView {
  viewer: Viewer;
  notifications: NotificationRow[];
  unread: number;
  mode: EmailMode;
  /** The zone the page shows times in: the person's own, else UTC. */
  zone: string;
  /** What waits for them (the engineer home's "Needs you", lib/pages/needs-you). */
  waiting: NeedsYou;
}

export async function viewInbox({ claims, viewer }: Session, now: Date): Promise<InboxView> {
  const [notifications, unread, mode, waiting] = await asUser(claims, async (tx) => {
    const clients = (await listClients(tx)).filter((c) => !c.archivedAt);
    return Promise.all([listNotifications(tx, { limit: INBOX_LIMIT }), unreadCount(tx), emailModeOf(tx), needsYou(tx, viewer, clients, now)]);
  });
  return { viewer, notifications, unread, mode, zone: viewer.timezone ?? "UTC", waiting };
}
