import "server-only";
import { after } from "next/server";
import { env } from "@/lib/platform/env";
import { logger } from "@/lib/platform/log";
import { deliverPending } from "@/lib/mail/send";

/** After the response is sent, deliver what a request queued (when SMTP is configured; cron catches the rest). */
export function kickMailDelivery() {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) return;
  after(() => deliverPending({ smtpUrl: SMTP_URL, from: MAIL_FROM, limit: 20 }).catch((err) => logger("mail.send").error({ err }, "delivery failed")));
}
