// The app's keys (ASVS 11.1.1, 11.2.2): everything is keyed from SESSION_SECRET, and rotating it must not sign
// everyone out, end every pending link or lock out everyone with two-step sign-in. So:
//   - sessions and sign-in codes each have a key of their own, derived from the secret with HKDF-SHA256 (the
//     purpose is the `info`), named by a key id: the first 8 hex digits of the key's SHA-256. A session token
//     carries its key's id in its header (`kid`).
//   - SESSION_SECRET_PREVIOUS, set during a rotation, is a second root: whatever was signed, hashed or sealed under
//     it is still accepted, while everything new is made under SESSION_SECRET. Tokens re-signed on their next
//     refresh (within a day) and codes (10 minutes) move over by themselves; links, API tokens, decision links,
//     reply addresses and sealed secrets made before keep working until they expire or are replaced. Remove the
//     previous secret after 30 days, the longest anything lives (docs/SECURITY.md, Keys and algorithms).
// Pure (node:crypto only), so the proxy can read it too.
import { createHash, hkdfSync } from "node:crypto";

export interface Secrets {
  current: string;
  previous?: string | null;
}

/** Purposes with a key of their own. */
export type KeyPurpose = "session" | "sign-in-code" | "second-step" | "recovery-code";

export interface Key {
  kid: string;
  key: Buffer;
}

const SALT = Buffer.from("retainer-portal keys v1", "utf8");

/** Derived keys by purpose and root: every request checks its session with them, and HKDF is not free. */
const derived = new Map<string, Key>();

export function deriveKey(secret: string, purpose: KeyPurpose): Key {
  const known = derived.get(`${purpose}\u0000${secret}`);
  if (known) return known;
  const key = Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), SALT, Buffer.from(purpose, "utf8"), 32));
  const made = { kid: createHash("sha256").update(key).digest("hex").slice(0, 8), key };
  if (derived.size >= 64) derived.clear(); // a handful of roots × purposes; a rotation adds one root
  derived.set(`${purpose}\u0000${secret}`, made);
  return made;
}

/** A string is one secret with nothing to rotate from. */
export const asSecrets = (secrets: Secrets | string): Secrets => (typeof secrets === "string" ? { current: secrets } : secrets);

/** The roots in the order they are tried: the current secret, then the previous one during a rotation. */
export const rootSecrets = (secrets: Secrets | string): string[] => {
  const s = asSecrets(secrets);
  return s.previous && s.previous !== s.current ? [s.current, s.previous] : [s.current];
};

/** A purpose's keys, the current one first. */
export const keyRing = (secrets: Secrets | string, purpose: KeyPurpose): Key[] => rootSecrets(secrets).map((root) => deriveKey(root, purpose));

/** The roots from an environment (the server's, or the proxy's process.env). */
export function secretsFrom(env: Record<string, string | undefined>): Secrets {
  return { current: env.SESSION_SECRET ?? "", previous: env.SESSION_SECRET_PREVIOUS || null };
}
