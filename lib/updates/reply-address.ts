import "server-only";
// The reply address of an update's email (issue 23): INBOUND_REPLY_ADDRESS with `{token}` replaced by a token that
// names the recipient's notification of that update (which says who, which client and which update) and an HMAC
// of it under the server secret (its own purpose prefix). Base32, lower case, 42 characters: a mailbox may fold
// case, and an address's local part holds 64. A token that was altered, or made without the secret, names nothing.
import { notificationOfToken as openToken, replyToken as makeToken } from "@/lib/platform/reply-token";
import { appSecrets, env } from "@/lib/platform/env";
import { rootSecrets, type Secrets } from "@/lib/platform/keys";

/** The token for a notification (its uuid), under the server secret. */
export const replyToken = (notificationId: string, secret = env().SESSION_SECRET): string => makeToken(notificationId, secret);

/** The notification a token names (made under the current secret or, during a rotation, the previous one), or null. */
export const notificationOfToken = (token: string, secrets: Secrets | string = appSecrets()): string | null =>
  rootSecrets(secrets).map((secret) => openToken(token, secret)).find((id) => id !== null) ?? null;

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
