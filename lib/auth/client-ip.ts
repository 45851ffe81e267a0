import "server-only";
// The caller's IP for sign-in limits, from what can be trusted:
//   - no TRUSTED_PROXY (the default): the socket's address, which `npm run serve` (lib/platform/server.mjs)
//     passes in a header only it knows the name of. X-Forwarded-For is ignored: any client can write it.
//   - TRUSTED_PROXY=<n> (1–5 proxies in front, each appending what it saw): the address n hops from the
//     right of X-Forwarded-For, which the outermost trusted proxy wrote; anything to its left is the client's.
//   - TRUSTED_PROXY=vercel: Vercel's own x-vercel-forwarded-for (Vercel overwrites what clients send).
// When none of these yields an address, the IP is unknown (null) and only the per-email limits apply: a
// missing IP is never a bucket every caller shares.
import { headers } from "next/headers";
import { isIP } from "node:net";
import { env } from "@/lib/platform/env";
import { logger } from "@/lib/platform/log";

export type ProxyTrust = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "vercel" };

export function proxyTrust(value: string | undefined): ProxyTrust {
  if (!value) return { kind: "none" };
  if (value === "vercel") return { kind: "vercel" };
  return { kind: "hops", hops: Number(value) };
}

const valid = (ip: string | null | undefined): string | null => {
  const t = ip?.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  return t && isIP(t) ? t : null;
};

/** Pure: the client address a request's headers support under `trust`, given the socket address if known. */
export function clientIpFrom(h: Pick<Headers, "get">, trust: ProxyTrust, peer: string | null): string | null {
  if (trust.kind === "none") return valid(peer);
  if (trust.kind === "vercel") return valid(h.get("x-vercel-forwarded-for")?.split(",")[0]);
  const hops = (h.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return hops.length >= trust.hops ? valid(hops[hops.length - trust.hops]) : null;
}

const log = logger("client-ip");
let warned = false;

export async function clientIp(): Promise<string | null> {
  const h = await headers();
  const peerHeader = (globalThis as { __rpPeerHeader?: string }).__rpPeerHeader;
  const ip = clientIpFrom(h, proxyTrust(env().TRUSTED_PROXY), peerHeader ? h.get(peerHeader) : null);
  if (!ip && !warned) {
    warned = true;
    log.warn("client IP unknown: run the app with `npm run serve`, or set TRUSTED_PROXY for the proxy in front; sign-in is limited per email only");
  }
  return ip;
}
