// GET|POST /api/cron/prune — daily: deletes or empties what the app no longer needs, by the periods in
// lib/domain/retention.ts, and after a key rotation seals stored secrets again under the current key (CRON_SECRET).
// Each run is recorded with what it did (lib/jobs/cron).
import { asService } from "@/lib/db";
import { pruneExpired } from "@/lib/db/retention";
import { runCronJob } from "@/lib/jobs/cron";
import { resealUnderCurrentKey } from "@/lib/jobs/reseal";
import { clockNow } from "@/lib/platform/clock";

export const maxDuration = 300;

export async function POST(request: Request) {
  return runCronJob(request, "prune", () => asService(async (tx) => ({
    ...(await pruneExpired(tx, { now: clockNow() })),
    resealed: await resealUnderCurrentKey(tx), // after a key rotation: sealed secrets moved to the current key
  })));
}

export const GET = POST; // Vercel Cron calls with GET
