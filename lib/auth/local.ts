import "server-only";
// Local sign-in (embedded default): email → 6-digit code (10 minutes, single use, stored hashed) →
// session. Limits are counted in Postgres so every app instance shares them: per email and per IP,
// SIGNIN_MAX_REQUESTS code requests and SIGNIN_MAX_FAILURES wrong codes per SIGNIN_WINDOW_MINUTES.
import { asService, type Claims, type Tx } from "@/lib/db";
import { recentHits, recordHit } from "@/lib/db/rate-limits";
import { consumeCode, consumeOpenCodes, countFailedAttempt, insertSignInCode, latestOpenCode } from "@/lib/db/sign-in-codes";
import { ensureAuthUser } from "@/lib/db/users";
import { normalizeEmail } from "@/lib/domain/email";
import { env } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";
import { enqueueMail } from "@/lib/mail/outbox";
import { isDemoAccount } from "@/lib/auth/demo-accounts";
import { CODE_TTL_MINUTES, hashCode, newCode, sameHash } from "@/lib/auth/codes";

export interface Limits {
  windowMinutes: number;
  maxRequests: number;
  maxFailures: number;
  /**
   * Demo mode (the embedded runner's demo data): code requests for the demo accounts count per email only,
   * so a newcomer can try all six from one machine, where every request shares one IP bucket.
   */
  demoAccountsPerEmailOnly?: boolean;
}

export const limitsFromEnv = (): Limits => ({
  windowMinutes: env().SIGNIN_WINDOW_MINUTES,
  maxRequests: env().SIGNIN_MAX_REQUESTS,
  maxFailures: env().SIGNIN_MAX_FAILURES,
  demoAccountsPerEmailOnly: env().DEMO_MODE === "1",
});

function retryMinutes(oldest: Date | null, windowMinutes: number): number {
  if (!oldest) return windowMinutes;
  return Math.max(1, Math.ceil((oldest.getTime() + windowMinutes * 60_000 - Date.now()) / 60_000));
}

async function enforce(tx: Tx, buckets: string[], max: number, windowMinutes: number, what: string) {
  for (const bucket of buckets) {
    const { count, oldest } = await recentHits(tx, { bucket, windowMinutes });
    if (count >= max) {
      const wait = retryMinutes(oldest, windowMinutes);
      throw new AppError("rate_limited", `${what} Try again in ${wait} minute${wait === 1 ? "" : "s"}.`);
    }
  }
}

async function record(tx: Tx, buckets: string[]) {
  for (const bucket of buckets) await recordHit(tx, { bucket });
}

/** Sends a sign-in code to any well-formed address (whether it has access is decided after sign-in). */
/** `ip` null = unknown (lib/auth/client-ip): only the per-email bucket counts, never one every caller shares. */
export async function requestCode(rawEmail: string, ip: string | null, limits = limitsFromEnv()): Promise<void> {
  const email = normalizeEmail(rawEmail);
  const perEmailOnly = ip === null || (limits.demoAccountsPerEmailOnly === true && isDemoAccount(email));
  const buckets = perEmailOnly ? [`request:email:${email}`] : [`request:email:${email}`, `request:ip:${ip}`];
  await asService(async (tx) => {
    await enforce(tx, buckets, limits.maxRequests, limits.windowMinutes, "Too many sign-in codes were requested.");
    await record(tx, buckets);
    const code = newCode();
    await consumeOpenCodes(tx, { email });
    await insertSignInCode(tx, { email, codeHash: hashCode(env().SESSION_SECRET, email, code), ttlMinutes: CODE_TTL_MINUTES });
    await enqueueMail(tx, {
      kind: "sign_in_code",
      to: email,
      subject: `Your Retainer Portal sign-in code: ${code}`,
      text: `Your sign-in code is ${code}.\n\nIt works once and expires in ${CODE_TTL_MINUTES} minutes. If you did not ask for it, ignore this email.`,
    });
  });
}

/** Checks a code; on success marks it used and returns the user's claims (creating the auth user once). */
export async function verifyCode(rawEmail: string, code: string, ip: string | null, limits = limitsFromEnv()): Promise<Claims> {
  const email = normalizeEmail(rawEmail);
  const failBuckets = ip === null ? [`fail:email:${email}`] : [`fail:email:${email}`, `fail:ip:${ip}`];
  // Failures must be recorded even though the sign-in itself fails, so they commit on their own.
  const outcome = await asService(async (tx) => {
    await enforce(tx, failBuckets, limits.maxFailures, limits.windowMinutes, "Too many wrong codes.");
    const current = await latestOpenCode(tx, { email });
    if (!current || !sameHash(current.codeHash, hashCode(env().SESSION_SECRET, email, code))) {
      await record(tx, failBuckets);
      if (current) await countFailedAttempt(tx, { codeId: current.id });
      return { ok: false as const, message: "That code is not right. Check the latest email and try again." };
    }
    if (current.expired) {
      await consumeCode(tx, { codeId: current.id });
      return { ok: false as const, message: "That code has expired. Request a new one." };
    }
    await consumeCode(tx, { codeId: current.id });
    return { ok: true as const, claims: await ensureAuthUser(tx, email) };
  });
  if (!outcome.ok) throw new AppError("invalid", outcome.message, { code: [outcome.message] });
  return outcome.claims;
}
