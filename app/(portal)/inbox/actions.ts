"use server";
// The inbox's forms (lib/notifications/commands).
import { serveAction } from "@/lib/commands/action";
import { markAllNotificationsRead, markNotificationRead, openNotification } from "@/lib/notifications/commands";

export const openNotificationAction = serveAction(openNotification);
export const markNotificationReadAction = serveAction(markNotificationRead);
export const markAllNotificationsReadAction = serveAction(markAllNotificationsRead);
