import "server-only";
// Second factors as the person and their admin use them (issue 29): set up, confirm (ten recovery codes, shown
// once), pass at sign-in, renew recovery codes, turn off, and an admin's reset. Each writes its security event.
// The functions taking a `tx` run inside a command's transaction and switch to the service role for the tables
// that are the app's alone; passSecondStep runs on its own (nobody is signed in yet).
import { asService, withServiceRole, type Tx } from "@/lib/db";
import { refuseOverLimit } from "@/lib/commands/limits";
import { recordHits } from "@/lib/db/rate-limits";
import { signedInWithin } from "@/lib/db/sessions";
import { acceptTimeStep, deleteAllFactors, deleteTotp, factorSummary, getFactor, replaceRecoveryCodes, startFactor, useRecoveryCode } from "@/lib/db/second-factor";
import { passkeyList } from "@/lib/db/passkeys";
import { securityEvent, securityEventIn } from "@/lib/auth/events";
import {
  checkTotp, looksLikeRecoveryCode, newRecoveryCodes, newTotpSecret, recoveryCodeHash, recoveryCodeMatches, SECOND_STEP_MAX_FAILURES, SECOND_STEP_WINDOW_MINUTES, totpUri,
} from "@/lib/auth/second-factor";
import { AppError } from "@/lib/platform/errors";
import { authProvider } from "@/lib/platform/env";
import { openSecret, sealSecret } from "@/lib/platform/secret-box";
import type { SecondFactorStatus } from "@/lib/types/security";
import { emailOfUser } from "@/lib/db/users";
import { enqueueMail } from "@/lib/mail/outbox";
import { twoStepChangedMail, type TwoStepChange } from "@/lib/mail/templates";

const WRONG = "That code is not right. Type the 6 digits your authenticator app shows now, or one of your recovery codes.";
const wrong = (field = "code") => new AppError("invalid", WRONG, { [field]: [WRONG] });

/**
 * Changes to two-step sign-in need a recent full sign-in (ASVS 6.4.x, 7.5.1): a stolen session must not be able to
 * put its own authenticator on an account, or take the owner's off. Claims that name no session (scripts) pass.
 */
export const RECENT_SIGN_IN_MINUTES = 30;
export const SIGN_IN_AGAIN = `For your safety, two-step sign-in changes only within ${RECENT_SIGN_IN_MINUTES} minutes of signing in. Sign out, sign in again, and come back here.`;

export async function recentSignIn(tx: Tx, sessionId: string | undefined): Promise<boolean> {
  if (!sessionId) return true;
  return withServiceRole(tx, () => signedInWithin(tx, { sessionId, minutes: RECENT_SIGN_IN_MINUTES }));
}

/**
 * Under Supabase Auth the sign-in is GoTrue's, which this app does not yet ask for its MFA: a second factor set up
 * here would never be asked for, so none may be (ASVS 6.3.4: no pathway that looks stronger than it is).
 */
export const HOSTED_NO_TWO_STEP = "Two-step sign-in is not offered here yet: this portal signs in through Supabase Auth, and a second step set up here would not be asked for.";
export function requireLocalSignIn() {
  if (authProvider() === "supabase") throw new AppError("invalid", HOSTED_NO_TWO_STEP);
}

export async function requireRecentSignIn(tx: Tx, sessionId: string | undefined, message = SIGN_IN_AGAIN) {
  if (!(await recentSignIn(tx, sessionId))) throw new AppError("forbidden", message);
}

/** Ending one's other sessions needs the same (ASVS 7.5.2); "Sign out everywhere" does not, as it ends this one too. */
export const END_SESSIONS_SIGN_IN_AGAIN = `For your safety, ending another session needs a sign-in within the last ${RECENT_SIGN_IN_MINUTES} minutes. Sign out, sign in again, and come back here, or sign out everywhere.`;

/** What /account shows: on since when, recovery codes left, or the set-up in progress (its secret, to scan). */
export async function secondFactorStatus(userId: string, email: string): Promise<SecondFactorStatus> {
  const [summary, passkeys] = await asService((tx) => Promise.all([factorSummary(tx, { userId }), passkeyList(tx, { userId })]));
  const secret = summary.pendingSealed ? openSecret("totp-secret", summary.pendingSealed) : null;
  return { since: summary.since, recoveryLeft: summary.recoveryLeft, pending: secret ? { secret, uri: totpUri(email, secret) } : null, passkeys };
}

/** Starts setting up the authenticator app (a fresh secret each time until confirmed). */
export async function startTotp(tx: Tx, { userId }: { userId: string }) {
  const started = await withServiceRole(tx, () => startFactor(tx, { userId, secretSealed: sealSecret("totp-secret", newTotpSecret()) }));
  if (!started) throw new AppError("conflict", "Two-step sign-in is already on. Turn it off first to set up another app.");
}

/** A code from the app, checked against the person's factor (confirmed or, with `confirm`, being set up); accepted once. */
async function acceptCode(tx: Tx, { userId, code, confirm }: { userId: string; code: string; confirm: boolean }): Promise<boolean> {
  const factor = await getFactor(tx, { userId });
  if (!factor || (confirm ? factor.confirmedAt !== null : factor.confirmedAt === null)) return false;
  const secret = openSecret("totp-secret", factor.secretSealed);
  const step = secret ? checkTotp(secret, code, { after: factor.lastTimeStep }) : null;
  return step !== null && (await acceptTimeStep(tx, { userId, timeStep: step, confirm }));
}

export async function freshRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await replaceRecoveryCodes(tx, { userId, hashes: await Promise.all(codes.map(recoveryCodeHash)) });
  return codes;
}

/** Confirms the app with a code from it (checked and counted on its own: lib/auth/factors checkCode); returns the ten recovery codes (shown once). */
export async function confirmTotp(tx: Tx, { userId, code }: { userId: string; code: string }): Promise<string[]> {
  const factor = await withServiceRole(tx, () => getFactor(tx, { userId }));
  if (!factor) throw new AppError("invalid", "Start the set-up again: scan the new QR code.");
  if (factor.confirmedAt) throw new AppError("conflict", "Two-step sign-in is already on.");
  await checkCode(userId, code, { confirm: true, recovery: false });
  return withServiceRole(tx, async () => {
    const codes = await freshRecoveryCodes(tx, userId);
    await securityEventIn(tx, { kind: "factor_enrolled", outcome: "ok", userId, detail: "authenticator app" });
    await tellPerson(tx, userId, { change: "on" });
    return codes;
  });
}

/**
 * New recovery codes (the old ones stop working): after a code from the app, or, for a person whose second step is
 * a passkey alone, in a session reached with it (`passkeySession`).
 */
export async function renewRecoveryCodes(tx: Tx, { userId, code, passkeySession }: { userId: string; code: string | undefined; passkeySession: boolean }): Promise<string[]> {
  const summary = await withServiceRole(tx, () => factorSummary(tx, { userId }));
  if (summary.since) {
    if (!code) throw wrong();
    await checkCode(userId, code, { confirm: false, recovery: false });
  } else if (summary.passkeys === 0) {
    const off = "Two-step sign-in is off: there are no recovery codes to renew.";
    throw new AppError("invalid", off, { code: [off] });
  } else if (!passkeySession) {
    const first = "Sign in with your passkey first (sign out, then sign in again), then make new recovery codes.";
    throw new AppError("forbidden", first, { code: [first] });
  }
  return withServiceRole(tx, async () => {
    const codes = await freshRecoveryCodes(tx, userId);
    await securityEventIn(tx, { kind: "recovery_codes_renewed", outcome: "ok", userId });
    await tellPerson(tx, userId, { change: "codes" });
    return codes;
  });
}

/** Removes the authenticator app, after a code from it or a recovery code; with no passkey left, two-step sign-in is off. */
export async function removeTotp(tx: Tx, { userId, code }: { userId: string; code: string }) {
  await checkCode(userId, code, { confirm: false, recovery: true });
  await withServiceRole(tx, async () => {
    await deleteTotp(tx, { userId });
    const left = (await factorSummary(tx, { userId })).passkeys;
    await securityEventIn(tx, { kind: "factor_removed", outcome: "ok", userId, detail: "authenticator app" });
    await tellPerson(tx, userId, { change: left > 0 ? "app removed" : "off" });
  });
}

/**
 * An admin removes another person's second factors (a lost phone or passkeys, and lost codes): they sign in with the
 * emailed code and set it up again. The admin says how they made sure it was that person asking; it is on record.
 */
export async function resetFactorOf(tx: Tx, { userId, actorId, actorName, verifiedBy }: { userId: string; actorId: string; actorName: string; verifiedBy: string }): Promise<boolean> {
  return withServiceRole(tx, async () => {
    const had = await deleteAllFactors(tx, { userId });
    if (had) {
      await securityEventIn(tx, { kind: "factor_reset", outcome: "ok", userId, actorId, detail: `by an admin, who confirmed it was them: ${verifiedBy}`.slice(0, 300) });
      await tellPerson(tx, userId, { change: "reset", by: actorName });
    }
    return had;
  });
}

/** An email to the person about a change to their two-step sign-in (queued with the change; as the service role). */
export async function tellPerson(tx: Tx, userId: string, change: { change: TwoStepChange; by?: string; passkey?: string }) {
  const to = await emailOfUser(tx, { userId });
  if (to) await enqueueMail(tx, twoStepChangedMail({ to, ...change }));
}

/** Whether the person has a second factor (a confirmed app or a passkey), asked for at sign-in. */
export async function hasSecondFactor(userId: string): Promise<boolean> {
  const summary = await asService((tx) => factorSummary(tx, { userId }));
  return summary.since !== null || summary.passkeys > 0;
}

/**
 * One attempt at a second factor, in a transaction of its own so that a failure is counted and recorded even though
 * the step or command it was for fails: SECOND_STEP_MAX_FAILURES per person and window, across the app's codes,
 * recovery codes and passkeys, at sign-in and on /account together. `attempt` answers what passed, or null.
 */
export async function countedAttempt<T>(userId: string, failure: string, attempt: (tx: Tx) => Promise<T | null>): Promise<T | null> {
  const bucket = [{ bucket: `second-step:user:${userId}`, max: SECOND_STEP_MAX_FAILURES }];
  return asService(async (tx) => {
    await refuseOverLimit(tx, { buckets: bucket, windowMinutes: SECOND_STEP_WINDOW_MINUTES, what: "Too many failed second steps." });
    const passed = await attempt(tx);
    if (passed !== null) return passed;
    await recordHits(tx, { buckets: bucket });
    await securityEventIn(tx, { kind: "factor_failed", outcome: "refused", userId, detail: failure });
    return null;
  }).catch(async (e) => {
    if (e instanceof AppError && e.code === "rate_limited") await securityEvent({ kind: "factor_failed", outcome: "refused", userId, detail: e.message });
    throw e;
  });
}

/** Checks a code from the app (or, with `recovery`, a recovery code), counted (countedAttempt). Returns which kind passed. */
async function checkCode(userId: string, code: string, { confirm, recovery }: { confirm: boolean; recovery: boolean }): Promise<"app" | "recovery code"> {
  const outcome = await countedAttempt(userId, confirm ? "a wrong code while setting up" : "a wrong code", async (tx) => {
    if (await acceptCode(tx, { userId, code, confirm })) return "app" as const;
    if (recovery && looksLikeRecoveryCode(code) && (await useRecoveryCode(tx, { userId, matches: (stored) => recoveryCodeMatches(code, stored) }))) return "recovery code" as const;
    return null;
  });
  if (!outcome) throw wrong();
  return outcome;
}

/** The second step of signing in: a code from the app or a recovery code. */
export const passSecondStep = (userId: string, code: string) => checkCode(userId, code, { confirm: false, recovery: true });
