import "server-only";
// Local sign-in (embedded default): email → 6-digit code (10 minutes, single use, stored hashed) →
// session. Limits are counted in Postgres so every app instance shares them.
//
// No stranger can keep a person from signing in (issue 20, item 4: five wrong codes typed by anyone used to
// lock an address for 15 minutes). Each code request gets an id, which only the browser that asked learns
// (it travels in the verify page's address); a guess names that id, so it can only ever burn the code it was
// made against, and a code dies after CODE_MAX_TRIES wrong guesses. What counts:
//   - per IP: SIGNIN_MAX_REQUESTS code requests and SIGNIN_MAX_FAILURES wrong codes per window;
//   - per code: CODE_MAX_TRIES guesses;
//   - per email: SIGNIN_MAX_REQUESTS_PER_EMAIL code requests per window (a ceiling against mail floods and
//     against guessing from many addresses: at most that many codes × CODE_MAX_TRIES guesses per window),
//     high enough that a person's own fresh code still arrives while strangers request codes for them.
// Wrong guesses are never counted per email: that was the lockout.
import { asService, type Claims } from "@/lib/db";
import { refuseOverLimit } from "@/lib/commands/limits";
import { recordHits } from "@/lib/db/rate-limits";
import { consumeCode, countFailedAttempt, insertSignInCode, openCode } from "@/lib/db/sign-in-codes";
import { ensureAuthUser } from "@/lib/db/users";
import { normalizeEmail } from "@/lib/domain/email";
import { appSecrets, env } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";
import { enqueueMail } from "@/lib/mail/outbox";
import { signInCodeMail } from "@/lib/mail/templates";
import { isDemoAccount } from "@/lib/auth/demo-accounts";
import { CODE_MAX_TRIES, CODE_TTL_MINUTES, codeMatches, hashCode, newCode } from "@/lib/auth/codes";

export interface Limits {
  windowMinutes: number;
  /** Code requests per client IP per window. */
  maxRequests: number;
  /** Wrong codes per client IP per window. */
  maxFailures: number;
  /** Code requests per email per window. */
  maxRequestsPerEmail: number;
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
  maxRequestsPerEmail: env().SIGNIN_MAX_REQUESTS_PER_EMAIL,
  demoAccountsPerEmailOnly: env().DEMO_MODE === "1",
});

/**
 * Sends a sign-in code to any well-formed address (whether it has access is decided after sign-in) and
 * returns the request's id, which the verify form sends back with the code. `ip` null = unknown
 * (lib/auth/client-ip): only the per-email ceiling counts, never one bucket every caller shares.
 */
export async function requestCode(rawEmail: string, ip: string | null, limits = limitsFromEnv()): Promise<{ requestId: string }> {
  const email = normalizeEmail(rawEmail);
  const perEmailOnly = ip === null || (limits.demoAccountsPerEmailOnly === true && isDemoAccount(email));
  const buckets = [
    { bucket: `request:email:${email}`, max: limits.maxRequestsPerEmail },
    ...(perEmailOnly ? [] : [{ bucket: `request:ip:${ip}`, max: limits.maxRequests }]),
  ];
  return asService(async (tx) => {
    await refuseOverLimit(tx, { buckets, windowMinutes: limits.windowMinutes, what: "Too many sign-in codes were requested." });
    await recordHits(tx, { buckets });
    const code = newCode();
    // Earlier codes of the address stay valid until they expire: a stranger's request must not end the one
    // its owner is about to type.
    const requestId = await insertSignInCode(tx, { email, codeHash: hashCode(appSecrets(), email, code), ttlMinutes: CODE_TTL_MINUTES });
    // The code is in the body only: lock screens show the subject (issue 28, item 12).
    await enqueueMail(tx, signInCodeMail({ to: email, code, ttlMinutes: CODE_TTL_MINUTES }));
    return { requestId };
  });
}

const NOT_RIGHT = "That code is not right. Check the latest email and try again.";
const ASK_AGAIN = "That code no longer works. Send a new code and use the one in the newest email.";

/**
 * Checks a code against the request it was sent for; on success marks it used and returns the user's
 * claims (creating the auth user once). A wrong guess burns a try of that code only.
 */
export async function verifyCode(
  rawEmail: string, code: string, requestId: string | undefined, ip: string | null, limits = limitsFromEnv(),
): Promise<Claims> {
  const email = normalizeEmail(rawEmail);
  const failBuckets = ip === null ? [] : [{ bucket: `fail:ip:${ip}`, max: limits.maxFailures }];
  // Failures must be recorded even though the sign-in itself fails, so they commit on their own.
  const outcome = await asService(async (tx) => {
    await refuseOverLimit(tx, { buckets: failBuckets, windowMinutes: limits.windowMinutes, what: "Too many wrong codes from this network." });
    const current = requestId ? await openCode(tx, { email, codeId: requestId }) : null;
    if (!current) {
      await recordHits(tx, { buckets: failBuckets });
      return { ok: false as const, message: ASK_AGAIN };
    }
    if (current.expired) {
      await consumeCode(tx, { codeId: current.id });
      return { ok: false as const, message: "That code has expired. Send a new code." };
    }
    if (!codeMatches(appSecrets(), current.codeHash, email, code)) {
      await recordHits(tx, { buckets: failBuckets });
      const tries = await countFailedAttempt(tx, { codeId: current.id });
      if (tries < CODE_MAX_TRIES) return { ok: false as const, message: NOT_RIGHT };
      await consumeCode(tx, { codeId: current.id });
      return { ok: false as const, message: `That code was tried ${CODE_MAX_TRIES} times, so it no longer works. Send a new code.` };
    }
    await consumeCode(tx, { codeId: current.id });
    return { ok: true as const, claims: await ensureAuthUser(tx, { email }) };
  });
  if (!outcome.ok) throw new AppError("invalid", outcome.message, { code: [outcome.message] });
  return outcome.claims;
}
