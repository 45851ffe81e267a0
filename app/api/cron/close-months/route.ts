// GET|POST /api/cron/close-months — close every client's month once it has ended in the client's zone, then
// push unpushed invoices to Stripe (CRON_SECRET; daily). Each run is recorded (lib/jobs/cron).
import { closeDueMonths } from "@/lib/billing/close";
import { stripeConfigFromEnv } from "@/lib/billing/stripe";
import { runCronJob } from "@/lib/jobs/cron";
import { clockNow } from "@/lib/platform/clock";

/** Seconds a serverless host may let it run (Vercel's Hobby plan caps it lower; the next run finishes the rest). */
export const maxDuration = 300;

export async function POST(request: Request) {
  return runCronJob(request, "close-months", () => closeDueMonths({ now: clockNow(), stripe: stripeConfigFromEnv() }));
}

export const GET = POST; // Vercel Cron calls with GET
