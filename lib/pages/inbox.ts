// The inbox's data (issue 23): the person's notifications, newest first, with how many are unread and how they
// hear of them by email. The shell's unread count is the same query's count (lib/pages/portal-shell).
import type { Session } from "@/lib/auth/session";
import { asUser } from "@/lib/db";
import { emailModeOf, listNotifications, unreadCount } from "@/lib/db/notifications";
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
}

export async function viewInbox({ claims, viewer }: Session): Promise<InboxView> {
  const [notifications, unread, mode] = await asUser(claims, (tx) => Promise.all([
    listNotifications(tx, { limit: INBOX_LIMIT }), unreadCount(tx), emailModeOf(tx),
  ]));
  return { viewer, notifications, unread, mode, zone: viewer.timezone ?? "UTC" };
}
