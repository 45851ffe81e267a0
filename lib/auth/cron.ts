import "server-only";
import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/platform/env";

/** Cron routes take `Authorization: Bearer $CRON_SECRET`; without a configured secret they refuse everyone. */
export function cronAuthorized(request: Request): boolean {
  const secret = env().CRON_SECRET;
  const header = request.headers.get("authorization") ?? "";
  if (!secret || !header.startsWith("Bearer ")) return false;
  const given = Buffer.from(header.slice(7));
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
