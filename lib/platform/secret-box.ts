import "server-only";
// Secrets the app must use again later (a client's Slack webhook URL), stored encrypted: AES-256-GCM under a key
// derived from the server secret with HKDF-SHA256, one key per purpose (the `info`), so no two uses share a key
// and none is the secret itself. The stored form names its scheme, "v1.<iv>.<ciphertext+tag>" (base64url),
// so a later scheme or key can be told apart. Decrypting anything altered, or under another secret, fails.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { appSecrets, env } from "@/lib/platform/env";
import { rootSecrets, type Secrets } from "@/lib/platform/keys";

export type SecretPurpose = "slack-webhook-url" | "totp-secret";

const keyFor = (purpose: SecretPurpose, secret: string) =>
  Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.from("retainer-portal secret-box v1", "utf8"), Buffer.from(purpose, "utf8"), 32));

export function sealSecret(purpose: SecretPurpose, plain: string, secret = env().SESSION_SECRET): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose, secret), iv);
  cipher.setAAD(Buffer.from(purpose, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `v1.${iv.toString("base64url")}.${body.toString("base64url")}`;
}

/** The plain text under the current secret or, during a rotation, the previous one (lib/platform/keys); else null. */
export function openSecret(purpose: SecretPurpose, sealed: string, secrets: Secrets | string = appSecrets()): string | null {
  for (const root of rootSecrets(secrets)) {
    const plain = openUnder(purpose, sealed, root);
    if (plain !== null) return plain;
  }
  return null;
}

/**
 * After a rotation: the value sealed anew under the current secret when it opens only under the previous one; null
 * when it is already current, or opens under neither (nothing to do, or nothing that can be done).
 */
export function resealed(purpose: SecretPurpose, sealed: string, secrets: Secrets | string = appSecrets()): string | null {
  const [current, previous] = rootSecrets(secrets);
  if (!previous || openUnder(purpose, sealed, current) !== null) return null;
  const plain = openUnder(purpose, sealed, previous);
  return plain === null ? null : sealSecret(purpose, plain, current);
}

function openUnder(purpose: SecretPurpose, sealed: string, secret: string): string | null {
  const [scheme, iv, body] = sealed.split(".");
  if (scheme !== "v1" || !iv || !body) return null;
  try {
    const raw = Buffer.from(body, "base64url");
    if (raw.length < 17) return null;
    const decipher = createDecipheriv("aes-256-gcm", keyFor(purpose, secret), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(purpose, "utf8"));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(0, raw.length - 16)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
