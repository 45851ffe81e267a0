import "server-only";
// The reply address of an update's email (issue 23): INBOUND_REPLY_ADDRESS with `{token}` replaced by a token that
// names the recipient's notification of that update (which says who, which client and which update) and an HMAC
// of it under the server secret (its own purpose prefix). Base32, lower case, 42 characters: a mailbox may fold
// case, and an address's local part holds 64. A token that was altered, or made without the secret, names nothing.
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/platform/env";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function unbase32(text: string): Buffer | null {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const c of text) {
    const i = ALPHABET.indexOf(c);
    if (i < 0) return null;
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

const mac = (id: Buffer, secret: string) => createHmac("sha256", secret).update(Buffer.concat([Buffer.from("update-reply\n"), id])).digest().subarray(0, 10);

/** The token for a notification (its uuid). */
export function replyToken(notificationId: string, secret = env().SESSION_SECRET): string {
  const id = Buffer.from(notificationId.replace(/-/g, ""), "hex");
  return base32(Buffer.concat([id, mac(id, secret)]));
}

/** The notification a token names, or null when it was altered or is not one of ours. */
export function notificationOfToken(token: string, secret = env().SESSION_SECRET): string | null {
  if (!/^[a-z2-7]{42}$/.test(token)) return null;
  const raw = unbase32(token);
  if (!raw || raw.length !== 26) return null;
  const id = raw.subarray(0, 16);
  if (!timingSafeEqual(raw.subarray(16), mac(id, secret))) return null;
  const hex = id.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The reply address for a notification, or null when the deployment takes no replies (INBOUND_REPLY_ADDRESS unset). */
export function replyAddressFor(notificationId: string): string | null {
  const pattern = env().INBOUND_REPLY_ADDRESS;
  return pattern ? pattern.replace("{token}", replyToken(notificationId)) : null;
}

/** The token in an address that matches the deployment's reply address, if any. */
export function tokenInAddress(address: string, pattern = env().INBOUND_REPLY_ADDRESS): string | null {
  if (!pattern) return null;
  const [before, after] = pattern.toLowerCase().split("{token}");
  const a = address.trim().toLowerCase();
  if (!a.startsWith(before) || !a.endsWith(after) || a.length !== before.length + 42 + after.length) return null;
  return a.slice(before.length, before.length + 42);
}
