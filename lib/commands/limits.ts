// Limits after sign-in (ASVS 5.0 2.4.1, issue 29): the commands that cost money (a Claude call), reach other
// people (emails: invitations; notifications: comments, questions) or move a lot of data (imports) are counted
// per person, and drafts also per client, in Postgres (public.rate_limit_hits, as the sign-in limits are), so
// every app server shares the count. A command names its limits (`limits: [LIMITS.drafts]`); lib/commands/
// execute.ts counts them in the command's own transaction after it authorized the caller:
//   - a refusal is "rate_limited" (HTTP 429 for the API) with "Try again in N minutes", and changes no row;
//   - a hit is recorded with the command's work, so a command that fails (and rolls back) is not counted, and
//     one that committed is, even when its effect (the Claude call) fails after.
// The figures sit well above what a person does in a working hour, and well below what a script does.
import type { CommandLimit } from "@/lib/commands/command";
import { asService, type Claims, type Tx } from "@/lib/db";
import { recentHits, recordHits } from "@/lib/db/rate-limits";
import { AppError } from "@/lib/platform/errors";

export const LIMITS = {
  /** Each draft is a Claude call (and its retry): the practice pays for it. */
  drafts: { key: "drafts", per: "person", max: 30, windowMinutes: 60, what: "That is 30 drafts with Claude in the last hour, the most one person may ask for." },
  draftsPerClient: { key: "drafts", per: "client", max: 60, windowMinutes: 24 * 60, what: "This client has had 60 drafts with Claude today, the most a client may have." },
  /** Each invitation is an email to someone who did not ask for it. */
  invitations: { key: "invitations", per: "person", max: 30, windowMinutes: 60, what: "That is 30 invitations in the last hour, the most one person may send." },
  /** Comments, questions and answers notify (and may email) the client's people. */
  comments: { key: "comments", per: "person", max: 60, windowMinutes: 60, what: "That is 60 comments in the last hour, the most one person may post." },
  /** A ZIP of a client or of the whole practice: every row, read from one snapshot (route handlers, via spendLimit). */
  exports: { key: "exports", per: "person", max: 20, windowMinutes: 60, what: "That is 20 exports in the last hour, the most one person may download." },
  /** The ledger's CSV of one month and filter. */
  csv: { key: "csv", per: "person", max: 120, windowMinutes: 60, what: "That is 120 CSV downloads in the last hour, the most one person may make." },
  /** Uploads and imports read and write up to 50,000 rows each. */
  imports: { key: "imports", per: "person", max: 20, windowMinutes: 60, what: "That is 20 imports in the last hour, the most one person may run." },
} as const satisfies Record<string, CommandLimit>;

/** Whole minutes until the oldest hit leaves the window (at least 1). */
function retryMinutes(oldest: Date | null, windowMinutes: number): number {
  if (!oldest) return windowMinutes;
  return Math.max(1, Math.ceil((oldest.getTime() + windowMinutes * 60_000 - Date.now()) / 60_000));
}

/**
 * Refuses ("rate_limited": `what`, then "Try again in N minutes.") when any bucket already holds its `max` hits in
 * the window; the caller records its hits after. Each bucket stays locked until the transaction ends. Serves these
 * limits and the sign-in codes' (lib/auth/local).
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


/** The bucket a limit counts this person (or, per client, this client) in. */
export function limitBucket(limit: CommandLimit, who: { userId: string; clientId: string | null }): { bucket: string; max: number } {
  const id = limit.per === "person" ? who.userId : who.clientId;
  if (!id) throw new Error(`The "${limit.key}" limit counts per client: its caller must name the client.`);
  return { bucket: `limit:${limit.key}:${limit.per}:${id}`, max: limit.max };
}

/** In `tx` as the service role: refused past any of `limits`, else one hit each (kept or rolled back with `tx`). */
export async function countLimits(tx: Tx, limits: readonly CommandLimit[], who: { userId: string; clientId: string | null }) {
  for (const limit of limits) {
    const buckets = [limitBucket(limit, who)];
    await refuseOverLimit(tx, { buckets, windowMinutes: limit.windowMinutes, what: limit.what });
    await recordHits(tx, { buckets });
  }
}

/**
 * One use of `limit` by a signed-in person outside a command: the downloads, which are route handlers that
 * stream. Counted in a transaction of its own before the download starts; refused ("rate_limited") past it.
 */
export function spendLimit(claims: Claims, limit: CommandLimit, clientId: string | null = null): Promise<void> {
  return asService((tx) => countLimits(tx, [limit], { userId: claims.sub, clientId }));
}
