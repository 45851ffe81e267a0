// GET|POST /api/cron/send-digests — the daily notification digests (CRON_SECRET; hourly: each person's digest goes
// out at the first run after 08:00 in their zone). Each run is recorded (lib/jobs/cron).
import { runCronJob } from "@/lib/jobs/cron";
import { kickMailDelivery } from "@/lib/mail/kick";
import { sendDigests } from "@/lib/notifications/digest";
import { clockNow } from "@/lib/platform/clock";

export const maxDuration = 300;

export async function POST(request: Request) {
  return runCronJob(request, "send-digests", async () => {
    const summary = await sendDigests({ now: clockNow() });
    if (summary.digests > 0) kickMailDelivery();
    return summary;
  });
}

export const GET = POST; // Vercel Cron calls with GET
