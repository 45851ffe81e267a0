// Session upkeep only: slides the local session's expiry (or refreshes the Supabase session cookies) and
// sends signed-out visitors of portal pages to /login. It never authorizes anything: every page, action
// and route checks access where it reads data (proxy-only auth was bypassed by CVE-2025-29927).
import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE, SESSION_REFRESH_AFTER_SECONDS, sessionCookieOptions, signSession, verifySession } from "@/lib/auth/jwt";
import { supabaseAuth } from "@/lib/auth/supabase";

const PUBLIC_PREFIXES = ["/login", "/invite", "/dev/mailbox", "/no-access", "/api/"];

function toLogin(request: NextRequest) {
  const url = request.nextUrl.clone();
  url.pathname = "/login";
  url.search = "";
  return NextResponse.redirect(url);
}

async function hostedSession(request: NextRequest, url: string, publishableKey: string) {
  let response = NextResponse.next({ request });
  const auth = supabaseAuth({
    url,
    publishableKey,
    cookies: {
      getAll: () => request.cookies.getAll(),
      setAll: (list) => {
        for (const { name, value } of list) request.cookies.set(name, value);
        response = NextResponse.next({ request });
        for (const { name, value, options } of list) response.cookies.set(name, value, options);
      },
    },
  });
  const claims = await auth.claims(); // refreshes an expired access token through the cookies above
  return { claims, response };
}

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const isPublic = PUBLIC_PREFIXES.some((p) => pathname.startsWith(p)) || pathname === "/";
  const supabaseUrl = process.env.NEXT_PUBLIC_SUPABASE_URL;
  const supabaseKey = process.env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY;

  if (supabaseUrl && supabaseKey) {
    const { claims, response } = await hostedSession(request, supabaseUrl, supabaseKey);
    return claims || isPublic ? response : toLogin(request);
  }

  const secret = process.env.SESSION_SECRET;
  if (!secret || isPublic) return NextResponse.next();
  const session = await verifySession(request.cookies.get(SESSION_COOKIE)?.value, secret);
  if (!session) return toLogin(request);
  const response = NextResponse.next();
  const now = Math.floor(Date.now() / 1000);
  if (now - session.iat > SESSION_REFRESH_AFTER_SECONDS) {
    const token = await signSession(session, secret, now);
    response.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(process.env.NODE_ENV === "production"));
  }
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|.*\\.(?:png|svg|ico|css|js)$).*)"],
};
