// Rate-limit hits, counted in Postgres so every app instance shares them. Used by the sign-in codes
// (lib/auth/local), API tokens (lib/api/auth) and the commands' limits after sign-in; the refusals are
// lib/commands/limits.ts's.
import type { Tx } from "@/lib/db";

/**
 * Hits of a bucket within the last `windowMinutes`, and the oldest of them. Takes the bucket's lock until
 * the transaction ends first, so concurrent requests cannot both slip under the limit.
 */
export async function recentHits(tx: Tx, { bucket, windowMinutes }: { bucket: string; windowMinutes: number }): Promise<{ count: number; oldest: Date | null }> {
  await tx`select pg_advisory_xact_lock(hashtextextended(${bucket}, 0))`;
  const [row] = await tx<{ count: number; oldest: Date | null }[]>`
    select count(*)::int as count, min(at) as oldest from public.rate_limit_hits
    where bucket = ${bucket} and at > now() - make_interval(mins => ${windowMinutes})`;
  return row;
}

export async function recordHit(tx: Tx, { bucket }: { bucket: string }) {
  await tx`insert into public.rate_limit_hits (bucket) values (${bucket})`;
}

export async function recordHits(tx: Tx, { buckets }: { buckets: { bucket: string }[] }) {
  for (const { bucket } of buckets) await recordHit(tx, { bucket });
}
