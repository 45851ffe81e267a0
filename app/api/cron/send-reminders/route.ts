// GET|POST /api/cron/send-reminders — remind the owners of open invoices past their due date, one email per
// rung of the practice's ladder (CRON_SECRET; daily, after the close). Each run is recorded (lib/jobs/cron).
import { sendDueReminders } from "@/lib/billing/reminders";
import { runCronJob } from "@/lib/jobs/cron";
import { kickMailDelivery } from "@/lib/mail/kick";
import { clockNow } from "@/lib/platform/clock";

export const maxDuration = 300;

export async function POST(request: Request) {
  return runCronJob(request, "send-reminders", async () => {
    const summary = await sendDueReminders({ now: clockNow() });
    if (summary.emails > 0) kickMailDelivery();
    return summary;
  });
}

export const GET = POST; // Vercel Cron calls with GET
