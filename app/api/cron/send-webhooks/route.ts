// GET|POST /api/cron/send-webhooks — send due webhook deliveries and their retries (CRON_SECRET; every minute where
// the scheduler allows: changes also send their own right after the response). Each run is recorded (lib/jobs/cron).
import { runCronJob } from "@/lib/jobs/cron";
import { deliverWebhooks } from "@/lib/webhooks/deliver";

export const maxDuration = 60;

export async function POST(request: Request) {
  return runCronJob(request, "send-webhooks", async () => ({ ...(await deliverWebhooks({ limit: 200 })) }));
}

export const GET = POST; // Vercel Cron calls with GET
