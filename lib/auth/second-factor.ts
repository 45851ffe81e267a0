import "server-only";
// The second factor (issue 29): an authenticator app (TOTP, RFC 6238: SHA-1, 6 digits, 30 s, by otplib) and ten
// one-time recovery codes. Codes are checked against real time (the person's phone keeps it), one step either side
// for a slow typist or a drifting clock, and each is accepted once (lib/db/second-factor's acceptTimeStep).
//
// Between the emailed code and the second factor no session exists: the browser holds a signed "second step"
// token (10 minutes, HttpOnly, __Host- on HTTPS) that names the person and how they got this far. Its key is derived
// from the server secret with HKDF (docs/SECURITY.md, keys); recovery codes are salted scrypt hashes. Passkeys, the
// other second step, are lib/auth/passkeys.
import { createHmac, randomBytes, randomInt, scrypt, timingSafeEqual } from "node:crypto";
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

const normalized = (code: string) => code.toLowerCase().replace(/[\s-]/g, "");
const recoveryHmac = (key: Buffer, code: string) => createHmac("sha256", key).update(normalized(code)).digest("hex");

// Recovery codes carry about 50 bits, under the 112 that a plain keyed hash would need (ASVS 6.5.2): each is stored
// with scrypt and a salt of its own, so a copy of the table costs 2^14-round work per guess per code, key or no key.
const SCRYPT = { N: 16_384, r: 8, p: 1, keylen: 32, maxmem: 64 * 1024 * 1024 } as const;
const scryptOf = (code: string, salt: Buffer) =>
  new Promise<Buffer>((resolve, reject) => scrypt(normalized(code), salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, maxmem: SCRYPT.maxmem }, (e, key) => (e ? reject(e) : resolve(key))));

/** How a recovery code is stored: `scrypt$<salt>$<hash>` (base64url); spaces, dashes and case do not matter. */
export async function recoveryCodeHash(code: string): Promise<string> {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString("base64url")}$${(await scryptOf(code, salt)).toString("base64url")}`;
}

/** How codes made before scrypt were stored (the HMAC under the current key); kept to check them, and for their test. */
export const legacyRecoveryCodeHash = (code: string) => recoveryHmac(ring("recovery-code")[0].key, code);

/** Whether a typed code is the stored one: scrypt, or (codes made before scrypt) the HMAC under the current or previous key. */
export async function recoveryCodeMatches(code: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split("$");
  if (scheme === "scrypt" && salt && hash) {
    const expected = Buffer.from(hash, "base64url");
    const actual = await scryptOf(code, Buffer.from(salt, "base64url"));
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
  return ring("recovery-code").some((k) => {
    const a = Buffer.from(recoveryHmac(k.key, code));
    const b = Buffer.from(stored);
    return a.length === b.length && timingSafeEqual(a, b);
  });
}

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
