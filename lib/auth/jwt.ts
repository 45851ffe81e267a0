// Local session tokens: an HS256 JWT in an HttpOnly cookie, 7-day sliding expiry. Used by the server and
// by proxy.ts (which only refreshes the cookie; authorization happens where the data is read).
import { jwtVerify, SignJWT } from "jose";

export const SESSION_COOKIE = "rp_session";
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;
/** A token older than this is re-issued on the next request, which slides the expiry. */
export const SESSION_REFRESH_AFTER_SECONDS = 24 * 60 * 60;

export interface SessionClaims {
  sub: string;
  email: string;
  role: "authenticated";
}

const key = (secret: string) => new TextEncoder().encode(secret);

export async function signSession(claims: SessionClaims, secret: string, nowSeconds = Math.floor(Date.now() / 1000)) {
  return new SignJWT({ email: claims.email, role: claims.role })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(claims.sub)
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + SESSION_MAX_AGE_SECONDS)
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
    if (typeof payload.sub !== "string" || typeof payload.email !== "string" || payload.role !== "authenticated") {
      return null;
    }
    return { sub: payload.sub, email: payload.email, role: "authenticated", iat: payload.iat ?? 0 };
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
