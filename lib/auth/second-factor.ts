import "server-only";
// The second factor (issue 29): an authenticator app (TOTP, RFC 6238: SHA-1, 6 digits, 30 s, by otplib) and ten
// one-time recovery codes. Codes are checked against real time (the person's phone keeps it), one step either side
// for a slow typist or a drifting clock, and each is accepted once (lib/db/second-factor's acceptTimeStep).
//
// Between the emailed code and the second factor no session exists: the browser holds a signed "second step"
// token (10 minutes, HttpOnly, __Host- on HTTPS) that names the person and how they got this far. Its key and the
// recovery codes' HMAC key are derived from the server secret with HKDF, one per purpose (docs/SECURITY.md, keys).
import { createHmac, randomInt } from "node:crypto";
import { cookies } from "next/headers";
import { jwtVerify, SignJWT } from "jose";
import { generateSecret, generateURI, verifySync } from "otplib";
import type { Claims } from "@/lib/db";
import { appSecrets, env } from "@/lib/platform/env";
import { keyRing } from "@/lib/platform/keys";

export const ISSUER = "Retainer Portal";
export const RECOVERY_CODE_COUNT = 10;
/** Wrong second steps a person may make per window before waiting (counted in Postgres, lib/commands/limits). */
export const SECOND_STEP_MAX_FAILURES = 5;
export const SECOND_STEP_WINDOW_MINUTES = 15;
const SECOND_STEP_SECONDS = 10 * 60;

const ring = (purpose: "second-step" | "recovery-code") => keyRing(appSecrets(), purpose);

export const newTotpSecret = () => generateSecret();
export const totpUri = (email: string, secret: string) => generateURI({ issuer: ISSUER, label: email, secret });

/** The time step of a valid code, later than `after` (the last accepted), or null. `epoch` in seconds: real time unless a test fixes it. */
export function checkTotp(secret: string, code: string, { after, epoch = Math.floor(Date.now() / 1000) }: { after: number | null; epoch?: number }): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  try {
    const result = verifySync({ secret, token: code, epoch, epochTolerance: 30, ...(after === null ? {} : { afterTimeStep: after }) });
    return result.valid && "timeStep" in result && typeof result.timeStep === "number" ? result.timeStep : null;
  } catch {
    return null;
  }
}

const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i

/** Ten codes like "k7mq2-x9prt", 50 bits each. */
export function newRecoveryCodes(): string[] {
  const one = () => Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join("");
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => one().replace(/^(.{5})/, "$1-"));
}

const recoveryHmac = (key: Buffer, code: string) => createHmac("sha256", key).update(code.toLowerCase().replace(/[\s-]/g, "")).digest("hex");

/** How a recovery code is stored: spaces, dashes and case do not matter. */
export const recoveryCodeHash = (code: string) => recoveryHmac(ring("recovery-code")[0].key, code);

/** What a typed recovery code is looked up by: its hash under the current key and, during a rotation, the previous one. */
export const recoveryCodeHashes = (code: string) => ring("recovery-code").map((k) => recoveryHmac(k.key, code));

/** A recovery code as typed: 10 letters and digits, with or without the dash. */
export const looksLikeRecoveryCode = (code: string) => /^[a-z0-9]{10}$/.test(code.toLowerCase().replace(/[\s-]/g, ""));

// ---- the second step between the emailed code and the session -------------------------------------------------

export type SignInHow = "code" | "invitation";

const stepCookie = () => (env().NODE_ENV === "production" ? "__Host-rp_second_step" : "rp_second_step");
const secure = () => env().NODE_ENV === "production";

export async function rememberSecondStep(claims: Claims, how: SignInHow) {
  const token = await new SignJWT({ email: claims.email, how })
    .setProtectedHeader({ alg: "HS256" }).setSubject(claims.sub).setIssuedAt().setExpirationTime(`${SECOND_STEP_SECONDS}s`)
    .setAudience("second-step").setIssuer("retainer-portal")
    .sign(ring("second-step")[0].key);
  (await cookies()).set(stepCookie(), token, { httpOnly: true, sameSite: "lax", secure: secure(), path: "/", maxAge: SECOND_STEP_SECONDS });
}

/** The person half-way through signing in in this browser, or null. */
export async function secondStep(): Promise<{ claims: Claims; how: SignInHow } | null> {
  const token = (await cookies()).get(stepCookie())?.value;
  if (!token) return null;
  for (const { key } of ring("second-step")) {
    try {
      const { payload } = await jwtVerify(token, key, { algorithms: ["HS256"], audience: "second-step", issuer: "retainer-portal" });
      if (typeof payload.sub !== "string" || typeof payload.email !== "string" || (payload.how !== "code" && payload.how !== "invitation")) return null;
      return { claims: { sub: payload.sub, email: payload.email, role: "authenticated" }, how: payload.how };
    } catch {
      // not this key's (or not valid at all): try the next
    }
  }
  return null;
}

export async function forgetSecondStep() {
  (await cookies()).delete({ name: stepCookie(), path: "/", secure: secure() });
}
