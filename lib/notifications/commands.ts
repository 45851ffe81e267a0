// The inbox's commands (issue 23): each person acts on their own notifications and their own preference only.
// Reading goes through RLS (their own rows, on clients they still belong to); the mark is the app's write.
import { command, type Refresh } from "@/lib/commands/command";
import { getNotification, markRead, setEmailMode } from "@/lib/db/notifications";
import { notFound } from "@/lib/platform/errors";
import { emailModeSchema, markAllReadSchema, notificationSchema } from "@/lib/notifications/schemas";

const inbox = (): Refresh[] => [["/", "layout"]];

/** Opens a notification: marks it read and goes where it points. */
export const openNotification = command({
  name: "notifications.open", schema: notificationSchema, scope: "signed-in",
  run: async ({ tx, viewer, input }) => {
    const row = await getNotification(tx, { id: input.notificationId });
    if (!row) throw notFound("That notification");
    await markRead(tx, { userId: viewer.userId, ids: [row.id] });
    return row.href;
  },
  refresh: inbox,
  next: (href) => href,
});

export const markNotificationRead = command({
  name: "notifications.read", schema: notificationSchema, scope: "signed-in", message: "Marked read.",
  run: async ({ tx, viewer, input }) => {
    if (!(await getNotification(tx, { id: input.notificationId }))) throw notFound("That notification");
    await markRead(tx, { userId: viewer.userId, ids: [input.notificationId] });
  },
  refresh: inbox,
});

export const markAllNotificationsRead = command({
  name: "notifications.readAll", schema: markAllReadSchema, scope: "signed-in",
  run: ({ tx, viewer }) => markRead(tx, { userId: viewer.userId, ids: "all" }),
  message: (n) => (n ? `Marked ${n} read.` : "Nothing was unread."),
  refresh: inbox,
});

export const setEmailNotifications = command({
  name: "account.emailNotifications", schema: emailModeSchema, scope: "signed-in",
  message: (_, { input: { mode } }) => (mode === "daily" ? "Saved: one summary a day, at 8:00 in your time zone." : mode === "off" ? "Saved: no notification emails; your inbox keeps everything." : "Saved: an email for each."),
  run: async ({ tx, viewer, input }) => {
    if (!(await setEmailMode(tx, { userId: viewer.userId, mode: input.mode }))) throw new Error("the signed-in person has no profile");
  },
  refresh: inbox,
});
