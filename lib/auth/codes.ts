import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { keyRing, rootSecrets, type Secrets } from "@/lib/platform/keys";

export const CODE_TTL_MINUTES = 10;
/** Wrong guesses a code survives; the next one ends it (its owner sends a new code). */
export const CODE_MAX_TRIES = 5;

/** A 6-digit code from a CSPRNG. */
export const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, "0");

const hmac = (key: Buffer | string, email: string, code: string) => createHmac("sha256", key).update(`${email.toLowerCase()}\n${code}`).digest("hex");

/** Codes are stored as an HMAC under the sign-in codes' own key (lib/platform/keys), bound to the email they were sent to. */
export const hashCode = (secrets: Secrets | string, email: string, code: string) => hmac(keyRing(secrets, "sign-in-code")[0].key, email, code);

/**
 * Whether a typed code is the one stored: under the current key, the previous secret's during a rotation, or (for
 * codes sent in the 10 minutes before key ids) the raw secret.
 */
export function codeMatches(secrets: Secrets | string, stored: string, email: string, code: string): boolean {
  const candidates = [...keyRing(secrets, "sign-in-code").map((k) => hmac(k.key, email, code)), hmac(rootSecrets(secrets)[0], email, code)];
  return candidates.some((c) => sameHash(stored, c));
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
}
