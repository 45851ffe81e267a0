// The token of an update email's reply address (issue 23), pure: a notification's id and an HMAC of it under a
// secret (its own purpose prefix), base32 in lower case, 42 characters (a mailbox may fold case; an address's local
// part holds 64). lib/updates/reply-address applies it with the server secret.
import { createHmac, timingSafeEqual } from "node:crypto";

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
export function replyToken(notificationId: string, secret: string): string {
  const id = Buffer.from(notificationId.replace(/-/g, ""), "hex");
  return base32(Buffer.concat([id, mac(id, secret)]));
}

/** The notification a token names, or null when it was altered or is not one of ours. */
export function notificationOfToken(token: string, secret: string): string | null {
  if (!/^[a-z2-7]{42}$/.test(token)) return null;
  const raw = unbase32(token);
  if (!raw || raw.length !== 26) return null;
  const id = raw.subarray(0, 16);
  if (!timingSafeEqual(raw.subarray(16), mac(id, secret))) return null;
  const hex = id.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

