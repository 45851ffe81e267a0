// Local session tokens: an HS256 JWT in an HttpOnly cookie naming a server-side session (`sid`, a row of
// private.sessions that sign-out ends), with a 7-day sliding expiry that never passes the session's absolute
// end (`aexp`, 30 days after sign-in). Used by the server and by proxy.ts, which only refreshes the cookie;
// whether the session is still live is asked where the data is read (private.session_live()).
import { jwtVerify, SignJWT } from "jose";

/**
 * The session cookie's name. Secure cookies (production) carry the `__Host-` prefix (ASVS 3.3.1): a browser
 * keeps such a cookie only if it is Secure, has no Domain and the path /, so neither a sibling subdomain nor a
 * plain-HTTP page can plant or shadow it. Development over http://localhost uses the bare name.
 */
export const sessionCookieName = (secure: boolean) => (secure ? "__Host-rp_session" : "rp_session");
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;
/** A token older than this is re-issued on the next request, which slides the expiry. */
export const SESSION_REFRESH_AFTER_SECONDS = 24 * 60 * 60;
/** However often it slides, a session ends this long after sign-in. */
export const SESSION_ABSOLUTE_SECONDS = 30 * 24 * 60 * 60;

export interface SessionClaims {
  sub: string;
  email: string;
  role: "authenticated";
  /** The server-side session (private.sessions.id). */
  sid: string;
  /** The session's absolute end, in seconds since the epoch. */
  aexp: number;
}

const key = (secret: string) => new TextEncoder().encode(secret);

export async function signSession(claims: SessionClaims, secret: string, nowSeconds = Math.floor(Date.now() / 1000)) {
  return new SignJWT({ email: claims.email, role: claims.role, sid: claims.sid, aexp: claims.aexp })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(claims.sub)
    .setIssuedAt(nowSeconds)
    .setExpirationTime(Math.min(nowSeconds + SESSION_MAX_AGE_SECONDS, claims.aexp))
    .setIssuer("retainer-portal")
    .setAudience("authenticated")
    .sign(key(secret));
}

export async function verifySession(
  token: string | undefined,
  secret: string,
): Promise<(SessionClaims & { iat: number }) | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      algorithms: ["HS256"],
      issuer: "retainer-portal",
      audience: "authenticated",
    });
    const { sub, email, role, sid, aexp } = payload;
    if (typeof sub !== "string" || typeof email !== "string" || role !== "authenticated" || typeof sid !== "string" || typeof aexp !== "number") {
      return null; // tokens from before revocable sessions carry no sid: sign in again
    }
    return { sub, email, role: "authenticated", sid, aexp, iat: payload.iat ?? 0 };
  } catch {
    return null;
  }
}

export const sessionCookieOptions = (secure: boolean) => ({
  httpOnly: true,
  sameSite: "lax" as const,
  secure,
  path: "/",
  maxAge: SESSION_MAX_AGE_SECONDS,
});
