// A person's inbox (issue 23): what the pages and the digest read.

export type NotificationKind =
  | "roadmap.proposed" | "roadmap.commented" | "entry.questioned" | "entry.question_answered"
  | "extra_hours.requested" | "extra_hours.approved" | "extra_hours.declined" | "update.published"
  | "invoice.issued" | "invoice.paid" | "invoice.overdue" | "update.commented";

/** How a person hears of notifications by email (profiles.email_notifications). */
export type EmailMode = "immediately" | "daily" | "off";

export interface NotificationRow {
  id: string;
  clientId: string;
  clientName: string;
  kind: NotificationKind;
  title: string;
  body: string;
  href: string;
  createdAt: Date;
  readAt: Date | null;
}
