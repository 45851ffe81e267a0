// Which origins may send the portal a write. Server actions and other posts to pages are accepted only from
// the portal's own pages: an Origin header other than APP_URL's is refused with 403 and a sentence, before
// Next reads the body (proxy.ts). Next's own check compares Origin with Host or X-Forwarded-Host, so a forged
// X-Forwarded-Host could steer it; without TRUSTED_PROXY the proxy drops the X-Forwarded-Host/Proto/Port a
// client sent, so nothing downstream reads them.
//
// A post without an Origin header passes: every browser sends Origin on a POST (fetch and form alike), so
// its absence means a program that holds its own cookies, not a page tricking a visitor's browser. Next lets
// such an action through too. The routes under /api/ (Stripe's webhook, cron, the token API) are called
// server to server and check their own signature or token; they are not pages and are left alone, unless a
// request claims to be an action.
//
// Pure and free of `server-only`: the proxy imports it.

/** X-Forwarded-* headers that name the host and scheme a request was addressed to: trusted only from TRUSTED_PROXY. */
export const FORWARDED_HOST_HEADERS = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"] as const;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface WriteRequest {
  method: string;
  pathname: string;
  /** Carries a Next-Action header: a server action call. */
  action: boolean;
  /** The Origin header as sent; null when absent. */
  origin: string | null;
}

/** The origin of a URL (`https://portal.example.com`), or null if it is not one. */
export function originOf(url: string | undefined): string | null {
  try {
    const u = new URL(url ?? "");
    return u.protocol === "http:" || u.protocol === "https:" ? u.origin : null;
  } catch {
    return null;
  }
}

/**
 * Pure: why a request must be refused as cross-origin, as a sentence for the person, or null when it may go on.
 * `allowed` lists the origins the portal's pages are served from (APP_URL's, first).
 */
export function crossOriginRefusal(request: WriteRequest, allowed: string[]): string | null {
  const write = request.action || (!SAFE_METHODS.has(request.method.toUpperCase()) && !request.pathname.startsWith("/api/"));
  if (!write || request.origin === null) return null;
  const origin = request.origin.trim();
  if (allowed.includes(origin)) return null;
  const from = origin === "null" ? "a page with no address of its own" : origin.length > 100 ? `${origin.slice(0, 100)}…` : origin;
  const home = allowed[0] ?? "the portal's own address";
  return `This request came from ${from}, not from the portal at ${home}, so it was refused and nothing was changed. Open the portal at ${home} and try again.\n`;
}
