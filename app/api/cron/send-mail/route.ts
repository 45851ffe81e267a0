// GET|POST /api/cron/send-mail — deliver due outbox email over SMTP, and due Slack messages (CRON_SECRET; every few
// minutes). Each run is recorded (lib/jobs/cron).
import { runCronJob } from "@/lib/jobs/cron";
import { env } from "@/lib/platform/env";
import { deliverPending } from "@/lib/mail/send";
import { deliverSlack } from "@/lib/slack/deliver";

export const maxDuration = 60;

export async function POST(request: Request) {
  return runCronJob(request, "send-mail", async () => ({
    ...(await deliverPending({ smtpUrl: env().SMTP_URL, from: env().MAIL_FROM, limit: 200 })),
    slack: await deliverSlack({ limit: 100 }),
  }));
}

export const GET = POST; // Vercel Cron calls with GET
