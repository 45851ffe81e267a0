// Counting the limits after sign-in (the figures are lib/domain/limits.ts): a command's `limits` are counted by
// lib/commands/execute.ts in the command's own transaction after it authorized the caller, and a download route
// spends one with spendLimit before it streams:
//   - a refusal is "rate_limited" (HTTP 429 for routes and the API) with "Try again in N minutes", and changes no row;
//   - a command's hit is recorded with its work, so a command that fails (and rolls back) is not counted, and one
//     that committed is, even when its effect (the Claude call) fails after.
import type { CommandLimit } from "@/lib/domain/limits";
import { asService, type Claims, type Tx } from "@/lib/db";
import { recentHits, recordHits } from "@/lib/db/rate-limits";
import { AppError } from "@/lib/platform/errors";
import { limitReached } from "@/lib/auth/events";

/** Whole minutes until the oldest hit leaves the window (at least 1). */
function retryMinutes(oldest: Date | null, windowMinutes: number): number {
  if (!oldest) return windowMinutes;
  return Math.max(1, Math.ceil((oldest.getTime() + windowMinutes * 60_000 - Date.now()) / 60_000));
}

/**
 * Refuses ("rate_limited": `what`, then "Try again in N minutes.") when any bucket already holds its `max` hits in
 * the window; the caller records its hits after. Each bucket stays locked until the transaction ends. Serves the
 * limits after sign-in and the sign-in codes' (lib/auth/local).
 */
export async function refuseOverLimit(tx: Tx, { buckets, windowMinutes, what }: { buckets: { bucket: string; max: number }[]; windowMinutes: number; what: string }) {
  for (const { bucket, max } of buckets) {
    const { count, oldest } = await recentHits(tx, { bucket, windowMinutes });
    if (count >= max) {
      const wait = retryMinutes(oldest, windowMinutes);
      throw new AppError("rate_limited", `${what} Try again in ${wait} minute${wait === 1 ? "" : "s"}.`);
    }
  }
}

/** The bucket a limit counts this person (or, per client, this client; per practice, everyone) in. */
export function limitBucket(limit: CommandLimit, who: { userId: string; clientId: string | null }): { bucket: string; max: number } {
  const id = limit.per === "person" ? who.userId : limit.per === "practice" ? "all" : who.clientId;
  if (!id) throw new Error(`The "${limit.key}" limit counts per client: its caller must name the client.`);
  return { bucket: `limit:${limit.key}:${limit.per}:${id}`, max: limit.max };
}

/** Refusals countLimits threw: recorded as `limit_reached` security events after the rollback (lib/commands/execute). */
export const limitRefusals = new WeakSet<AppError>();

/** In `tx` as the service role: refused past any of `limits`, else one hit each (kept or rolled back with `tx`). */
export async function countLimits(tx: Tx, limits: readonly CommandLimit[], who: { userId: string; clientId: string | null }) {
  for (const limit of limits) {
    const buckets = [limitBucket(limit, who)];
    await refuseOverLimit(tx, { buckets, windowMinutes: limit.windowMinutes, what: limit.what }).catch((e: unknown) => {
      if (e instanceof AppError) limitRefusals.add(e);
      throw e;
    });
    await recordHits(tx, { buckets });
  }
}

/**
 * One use of `limit` by a signed-in person outside a command: the downloads, which are route handlers that
 * stream. Counted in a transaction of its own before the download starts; refused ("rate_limited") past it.
 */
export async function spendLimit(claims: Claims, limit: CommandLimit, clientId: string | null = null): Promise<void> {
  try {
    await asService((tx) => countLimits(tx, [limit], { userId: claims.sub, clientId }));
  } catch (e) {
    if (e instanceof AppError && limitRefusals.has(e)) await limitReached({ userId: claims.sub, clientId, what: `${limit.key} download`, detail: e.message });
    throw e;
  }
}
