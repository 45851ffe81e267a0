import "server-only";
// Second factors as the person and their admin use them (issue 29): set up, confirm (ten recovery codes, shown
// once), pass at sign-in, renew recovery codes, turn off, and an admin's reset. Each writes its security event.
// The functions taking a `tx` run inside a command's transaction and switch to the service role for the tables
// that are the app's alone; passSecondStep runs on its own (nobody is signed in yet).
import { asService, withServiceRole, type Tx } from "@/lib/db";
import { refuseOverLimit } from "@/lib/commands/limits";
import { recordHits } from "@/lib/db/rate-limits";
import { acceptTimeStep, deleteFactor, factorSummary, getFactor, replaceRecoveryCodes, startFactor, useRecoveryCode } from "@/lib/db/second-factor";
import { securityEvent, securityEventIn } from "@/lib/auth/events";
import {
  checkTotp, looksLikeRecoveryCode, newRecoveryCodes, newTotpSecret, recoveryCodeHash, SECOND_STEP_MAX_FAILURES, SECOND_STEP_WINDOW_MINUTES, totpUri,
} from "@/lib/auth/second-factor";
import { AppError } from "@/lib/platform/errors";
import { openSecret, sealSecret } from "@/lib/platform/secret-box";
import type { SecondFactorStatus } from "@/lib/types/security";

const WRONG = "That code is not right. Type the 6 digits your authenticator app shows now, or one of your recovery codes.";
const wrong = (field = "code") => new AppError("invalid", WRONG, { [field]: [WRONG] });

/** What /account shows: on since when, recovery codes left, or the set-up in progress (its secret, to scan). */
export async function secondFactorStatus(userId: string, email: string): Promise<SecondFactorStatus> {
  const summary = await asService((tx) => factorSummary(tx, { userId }));
  const secret = summary.pendingSealed ? openSecret("totp-secret", summary.pendingSealed) : null;
  return { since: summary.since, recoveryLeft: summary.recoveryLeft, pending: secret ? { secret, uri: totpUri(email, secret) } : null };
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

async function freshRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await replaceRecoveryCodes(tx, { userId, hashes: codes.map(recoveryCodeHash) });
  return codes;
}

/** Confirms the app with a code from it; returns the ten recovery codes (shown once). */
export async function confirmTotp(tx: Tx, { userId, code }: { userId: string; code: string }): Promise<string[]> {
  return withServiceRole(tx, async () => {
    const factor = await getFactor(tx, { userId });
    if (!factor) throw new AppError("invalid", "Start the set-up again: scan the new QR code.");
    if (factor.confirmedAt) throw new AppError("conflict", "Two-step sign-in is already on.");
    if (!(await acceptCode(tx, { userId, code, confirm: true }))) throw wrong();
    const codes = await freshRecoveryCodes(tx, userId);
    await securityEventIn(tx, { kind: "factor_enrolled", outcome: "ok", userId, detail: "authenticator app" });
    return codes;
  });
}

/** New recovery codes (the old ones stop working), after a code from the app. */
export async function renewRecoveryCodes(tx: Tx, { userId, code }: { userId: string; code: string }): Promise<string[]> {
  return withServiceRole(tx, async () => {
    if (!(await acceptCode(tx, { userId, code, confirm: false }))) throw wrong();
    const codes = await freshRecoveryCodes(tx, userId);
    await securityEventIn(tx, { kind: "recovery_codes_renewed", outcome: "ok", userId });
    return codes;
  });
}

/** Turns two-step sign-in off, after a code from the app or a recovery code. */
export async function removeTotp(tx: Tx, { userId, code }: { userId: string; code: string }) {
  await withServiceRole(tx, async () => {
    const ok = (await acceptCode(tx, { userId, code, confirm: false })) || (looksLikeRecoveryCode(code) && (await useRecoveryCode(tx, { userId, hash: recoveryCodeHash(code) })));
    if (!ok) throw wrong();
    await deleteFactor(tx, { userId });
    await securityEventIn(tx, { kind: "factor_removed", outcome: "ok", userId });
  });
}

/** An admin removes another person's factor (a lost phone and lost codes): they sign in with the emailed code and set it up again. */
export async function resetFactorOf(tx: Tx, { userId, actorId }: { userId: string; actorId: string }): Promise<boolean> {
  return withServiceRole(tx, async () => {
    const had = await deleteFactor(tx, { userId });
    if (had) await securityEventIn(tx, { kind: "factor_reset", outcome: "ok", userId, actorId, detail: "by an admin" });
    return had;
  });
}

/** Whether the person has a confirmed second factor (asked for at sign-in). */
export async function hasSecondFactor(userId: string): Promise<boolean> {
  const factor = await asService((tx) => getFactor(tx, { userId }));
  return factor?.confirmedAt != null;
}

/**
 * The second step of signing in: a code from the app or a recovery code. Wrong ones are counted per person
 * (SECOND_STEP_MAX_FAILURES per window) and recorded; they commit even though the step fails.
 */
export async function passSecondStep(userId: string, code: string): Promise<"app" | "recovery code"> {
  const bucket = [{ bucket: `second-step:user:${userId}`, max: SECOND_STEP_MAX_FAILURES }];
  const outcome = await asService(async (tx) => {
    await refuseOverLimit(tx, { buckets: bucket, windowMinutes: SECOND_STEP_WINDOW_MINUTES, what: "Too many wrong codes for the second step." });
    if (await acceptCode(tx, { userId, code, confirm: false })) return "app" as const;
    if (looksLikeRecoveryCode(code) && (await useRecoveryCode(tx, { userId, hash: recoveryCodeHash(code) }))) return "recovery code" as const;
    await recordHits(tx, { buckets: bucket });
    await securityEventIn(tx, { kind: "factor_failed", outcome: "refused", userId, detail: "a wrong code at the second step" });
    return null;
  }).catch(async (e) => {
    if (e instanceof AppError && e.code === "rate_limited") await securityEvent({ kind: "factor_failed", outcome: "refused", userId, detail: e.message });
    throw e;
  });
  if (!outcome) throw wrong();
  return outcome;
}
