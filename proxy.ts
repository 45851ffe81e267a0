// Session upkeep, and two refusals before Next reads a body: writes from another origin (403) and bodies over
// 1 MB (413). (TRACE and TRACK never get this far: lib/platform/server.mjs answers them 405.) It slides the local session's expiry (or refreshes the Supabase session cookies) and sends
// signed-out visitors of portal pages to /login. It never authorizes anything: every page, action and route
// checks access where it reads data (proxy-only auth was bypassed by CVE-2025-29927).
import { NextResponse, type NextRequest } from "next/server";
import { secretsFrom } from "@/lib/platform/keys";
import { sessionCookieName, sessionCookieOptions, sessionNeedsRefresh, signSession, verifySession } from "@/lib/auth/jwt";
import { CLIENT_HINT_HEADER, clientHint } from "@/lib/auth/client-hint";
import { supabaseAuth } from "@/lib/auth/supabase";
import { crossOriginRefusal, FORWARDED_HOST_HEADERS, originOf } from "@/lib/auth/origin";
import { AppError, HTTP_STATUS } from "@/lib/platform/errors";

const PUBLIC_PREFIXES = ["/login", "/logout", "/invite", "/dev/mailbox", "/no-access", "/api/"];

/** To sign in, and back to the page asked for afterwards (a GET of a page other than home; lib/auth/next-path checks it again). */
function toLogin(request: NextRequest) {
  const url = request.nextUrl.clone();
  const asked = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  url.pathname = "/login";
  url.search = request.method === "GET" && asked !== "/" && asked.length <= 500 ? `?next=${encodeURIComponent(asked)}` : "";
  return NextResponse.redirect(url);
}

async function hostedSession(request: NextRequest, headers: Headers, url: string, publishableKey: string) {
  let response = NextResponse.next({ request: { headers } });
  const auth = supabaseAuth({
    url,
    publishableKey,
    secureCookies: process.env.NODE_ENV === "production" && (process.env.APP_URL ?? "").startsWith("https://"),
    cookies: {
      getAll: () => request.cookies.getAll(),
      setAll: (list) => {
        for (const { name, value } of list) request.cookies.set(name, value);
        headers.set("cookie", request.cookies.toString()); // the page sees the refreshed session
        response = NextResponse.next({ request: { headers } });
        for (const { name, value, options } of list) response.cookies.set(name, value, options);
      },
    },
  });
  const claims = await auth.claims(); // refreshes an expired access token through the cookies above
  return { claims, response };
}

/**
 * A strict, nonce-based Content-Security-Policy for every page. Next reads the nonce from the request's
 * CSP header and puts it on its own scripts; nothing else may run. Styles allow inline attributes
 * (widths of bars and charts), never remote sources.
 */
function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV !== "production";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** Server actions accept at most 1 MB here; the largest form (a weekly update) is ~200 kB. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Except the time export upload on /import (lib/import/schemas.ts: 20 MB, with room for the form around it). */
export const MAX_UPLOAD_BYTES = 21 * 1024 * 1024;
/** And a handbook attachment, from the page's editor (lib/handbook/schemas.ts: 10 MB, with room for the form). */
export const MAX_ATTACHMENT_UPLOAD_BYTES = 11 * 1024 * 1024;
const HANDBOOK_EDITOR = /^\/clients\/[0-9a-f-]{36}\/handbook\/[0-9a-f-]{36}\/edit$/;

/**
 * A body over the limit is refused here with 413 and a sentence, before Next reads it (Next would fail
 * such an action with a 500). Bodies sent without a length are still capped by Next itself (21 MB).
 */
function tooLarge(request: NextRequest): NextResponse | null {
  if (request.method !== "POST") return null;
  const length = Number(request.headers.get("content-length") ?? 0);
  const { pathname } = request.nextUrl;
  const upload = pathname === "/import";
  const attachment = HANDBOOK_EDITOR.test(pathname);
  if (!(length > (upload ? MAX_UPLOAD_BYTES : attachment ? MAX_ATTACHMENT_UPLOAD_BYTES : MAX_BODY_BYTES))) return null;
  const message = upload
    ? "That file is too large (over 20 MB), so nothing was uploaded. Export a shorter period at a time."
    : attachment
      ? "That file is too large (over 10 MB), so nothing was attached. Make the image smaller, or split the PDF."
      : "That request is too large (over 1 MB), so nothing was saved. Shorten the text and try again.";
  // The API answers in its error contract (lib/platform/errors), pages and actions with the sentence alone.
  if (request.nextUrl.pathname.startsWith("/api/")) {
    const refusal = new AppError("too_large", message);
    // eslint-disable-next-line no-restricted-syntax -- errorResponse's rendering; lib/commands/route would pull the database into the proxy
    return NextResponse.json({ error: { code: refusal.code, message: refusal.userMessage, fields: {} } },
      { status: HTTP_STATUS[refusal.code], headers: { connection: "close" } });
  }
  return new NextResponse(`${message}\n`, {
    status: 413,
    headers: { "content-type": "text/plain; charset=utf-8", connection: "close" },
  });
}

/** The origins the portal's pages are served from: APP_URL's; under `next dev` also the one the browser used. */
function allowedOrigins(request: NextRequest): string[] {
  const appOrigin = originOf(process.env.APP_URL || "http://localhost:3000"); // env.ts's default
  const own = process.env.NODE_ENV === "production" ? null : originOf(`${request.nextUrl.protocol}//${request.headers.get("host")}`);
  return [appOrigin, own].filter((o): o is string => o !== null);
}

/** A write from another origin: 403 with a sentence, before Next reads the body (lib/auth/origin). */
function crossOrigin(request: NextRequest): NextResponse | null {
  const refusal = crossOriginRefusal({
    method: request.method,
    pathname: request.nextUrl.pathname,
    action: request.headers.has("next-action"),
    origin: request.headers.get("origin"),
  }, allowedOrigins(request));
  if (!refusal) return null;
  // On the log as the security scope's lines are (docs/LOGGING.md), before any of the app's code runs. The path's first
  // segment only: a path may carry a token (/invite/…).
  console.log(JSON.stringify({
    level: 40, time: Date.now(), app: "retainer-portal", scope: "security", event: "cross_origin_refused", outcome: "refused",
    method: request.method, path: `/${request.nextUrl.pathname.split("/")[1] ?? ""}`, origin: request.headers.get("origin")?.slice(0, 200) ?? null,
    action: request.headers.has("next-action"), msg: "security event",
  }));
  return new NextResponse(refusal, { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
}

export async function proxy(request: NextRequest) {
  // The bench's routes (app/bench, public/bench) exist for `npm run bench` alone; the twins check again, a file cannot.
  if (request.nextUrl.pathname.startsWith("/bench/") && !process.env.RP_BENCH_FIXTURE) return NextResponse.rewrite(new URL("/not-a-page", request.url));
  const refused = crossOrigin(request) ?? tooLarge(request);
  if (refused) return refused;
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  // Without a trusted proxy these came from the client: nothing downstream (Next's action check) may read them.
  if (!process.env.TRUSTED_PROXY) for (const name of FORWARDED_HOST_HEADERS) headers.delete(name);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const client = clientHint(request.nextUrl.pathname);
  if (client) headers.set(CLIENT_HINT_HEADER, client);
  else headers.delete(CLIENT_HINT_HEADER);
  const response = await session(request, headers);
  response.headers.set("content-security-policy", csp);
  return response;
}

async function session(request: NextRequest, headers: Headers): Promise<NextResponse> {
  const { pathname } = request.nextUrl;
  const isPublic = PUBLIC_PREFIXES.some((p) => pathname.startsWith(p)) || pathname === "/";
  const supabaseUrl = process.env.NEXT_PUBLIC_SUPABASE_URL;
  const supabaseKey = process.env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY;

  if (supabaseUrl && supabaseKey) {
    const { claims, response } = await hostedSession(request, headers, supabaseUrl, supabaseKey);
    return claims || isPublic ? response : toLogin(request);
  }

  const secrets = secretsFrom(process.env);
  if (!secrets.current || isPublic) return NextResponse.next({ request: { headers } });
  const secure = process.env.NODE_ENV === "production";
  const current = await verifySession(request.cookies.get(sessionCookieName(secure))?.value, secrets);
  if (!current) return toLogin(request);
  const response = NextResponse.next({ request: { headers } });
  const now = Math.floor(Date.now() / 1000);
  if (sessionNeedsRefresh(current, secrets, now)) {
    const token = await signSession(current, secrets, now);
    response.cookies.set(sessionCookieName(secure), token, sessionCookieOptions(secure));
  }
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|.*\\.(?:png|svg|ico|css|js)$).*)"],
};
