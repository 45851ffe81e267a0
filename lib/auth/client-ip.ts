import "server-only";
import { headers } from "next/headers";

/** The caller's IP for rate limits: the first X-Forwarded-For hop set by the host's proxy, else "direct". */
export async function clientIp(): Promise<string> {
  const h = await headers();
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || h.get("x-real-ip") || "direct";
}
