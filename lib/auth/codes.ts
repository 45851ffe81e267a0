import { createHmac, randomInt, timingSafeEqual } from "node:crypto";

export const CODE_TTL_MINUTES = 10;
/** Wrong guesses a code survives; the next one ends it (its owner sends a new code). */
export const CODE_MAX_TRIES = 5;

/** A 6-digit code from a CSPRNG. */
export const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, "0");

/** Codes are stored as an HMAC keyed by the server secret, bound to the email they were sent to. */
export const hashCode = (secret: string, email: string, code: string) =>
  createHmac("sha256", secret).update(`${email.toLowerCase()}\n${code}`).digest("hex");

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
}
