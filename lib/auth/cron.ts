import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/platform/env";

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

/**
 * Pure: whether an Authorization header carries `Bearer <secret>`. Both sides are compared as SHA-256 digests
 * (always 32 bytes), so the time taken says nothing about the secret's length, nor how much of it matched.
 */
export function bearerMatches(header: string | null, secret: string | undefined): boolean {
  if (!secret) return false;
  const given = header?.startsWith("Bearer ") ? header.slice(7) : ""; // never the (non-empty) secret
  return timingSafeEqual(digest(given), digest(secret));
}

/** Cron routes take `Authorization: Bearer $CRON_SECRET`; without a configured secret they refuse everyone. */
export function cronAuthorized(request: Request): boolean {
  return bearerMatches(request.headers.get("authorization"), env().CRON_SECRET);
}
