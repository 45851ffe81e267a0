// GET|POST /api/cron/prune — daily: deletes or empties what the app no longer needs, by the periods in
// lib/domain/retention.ts (CRON_SECRET). Each run is recorded with what it removed (lib/jobs/cron).
import { asService } from "@/lib/db";
import { pruneExpired } from "@/lib/db/retention";
import { runCronJob } from "@/lib/jobs/cron";
import { clockNow } from "@/lib/platform/clock";

export const maxDuration = 300;

export async function POST(request: Request) {
  return runCronJob(request, "prune", () => asService((tx) => pruneExpired(tx, { now: clockNow() })));
}

export const GET = POST; // Vercel Cron calls with GET
