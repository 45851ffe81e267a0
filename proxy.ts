// Session upkeep only: slides the local session's expiry and sends signed-out visitors of portal pages to
// /login. It never authorizes anything: every page, action and route checks access where it reads data.
import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE, SESSION_REFRESH_AFTER_SECONDS, sessionCookieOptions, signSession, verifySession } from "@/lib/auth/jwt";

const PUBLIC_PREFIXES = ["/login", "/invite", "/dev/mailbox", "/no-access", "/api/"];

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const secret = process.env.SESSION_SECRET;
  const hosted = Boolean(process.env.NEXT_PUBLIC_SUPABASE_URL);
  if (!secret || hosted || PUBLIC_PREFIXES.some((p) => pathname.startsWith(p))) return NextResponse.next();

  const session = await verifySession(request.cookies.get(SESSION_COOKIE)?.value, secret);
  if (!session) {
    if (pathname === "/") return NextResponse.next();
    const url = request.nextUrl.clone();
    url.pathname = "/login";
    url.search = "";
    return NextResponse.redirect(url);
  }
  const response = NextResponse.next();
  const now = Math.floor(Date.now() / 1000);
  if (now - session.iat > SESSION_REFRESH_AFTER_SECONDS) {
    const token = await signSession(session, secret, now);
    response.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(process.env.NODE_ENV === "production"));
  }
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|css|js)$).*)"],
};
