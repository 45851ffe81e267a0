// Local session tokens: an HS256 JWT in an HttpOnly cookie naming a server-side session (`sid`, a row of
// private.sessions that sign-out ends), with a 7-day sliding expiry that never passes the session's absolute
// end (`aexp`, 30 days after sign-in). Used by the server and by proxy.ts, which only refreshes the cookie;
// whether the session is still live is asked where the data is read (private.session_live()).
// Signed with the sessions' own key (lib/platform/keys), whose id rides in the header: during a rotation a token
// signed under the previous secret still verifies, and the proxy re-signs it under the current one within a day.
import { decodeProtectedHeader, jwtVerify, SignJWT } from "jose";
import { keyRing, rootSecrets, type Secrets } from "@/lib/platform/keys";

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

/** The key a token names by its `kid`; a token without one is from before key ids: the raw secret, for its last week. */
function keyFor(token: string, secrets: Secrets | string): Uint8Array | null {
  let kid: unknown;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    return null;
  }
  if (kid === undefined) return new TextEncoder().encode(rootSecrets(secrets)[0]);
  return keyRing(secrets, "session").find((k) => k.kid === kid)?.key ?? null;
}

export async function signSession(claims: SessionClaims, secrets: Secrets | string, nowSeconds = Math.floor(Date.now() / 1000)) {
  const [{ kid, key }] = keyRing(secrets, "session");
  return new SignJWT({ email: claims.email, role: claims.role, sid: claims.sid, aexp: claims.aexp })
    .setProtectedHeader({ alg: "HS256", kid })
    .setSubject(claims.sub)
    .setIssuedAt(nowSeconds)
    .setExpirationTime(Math.min(nowSeconds + SESSION_MAX_AGE_SECONDS, claims.aexp))
    .setIssuer("retainer-portal")
    .setAudience("authenticated")
    .sign(key);
}

export async function verifySession(
  token: string | undefined,
  secrets: Secrets | string,
): Promise<(SessionClaims & { iat: number; kid: string | null }) | null> {
  if (!token) return null;
  const key = keyFor(token, secrets);
  if (!key) return null;
  try {
    const { payload, protectedHeader } = await jwtVerify(token, key, {
      algorithms: ["HS256"],
      issuer: "retainer-portal",
      audience: "authenticated",
    });
    const { sub, email, role, sid, aexp } = payload;
    if (typeof sub !== "string" || typeof email !== "string" || role !== "authenticated" || typeof sid !== "string" || typeof aexp !== "number") {
      return null; // tokens from before revocable sessions carry no sid: sign in again
    }
    return { sub, email, role: "authenticated", sid, aexp, iat: payload.iat ?? 0, kid: typeof protectedHeader.kid === "string" ? protectedHeader.kid : null };
  } catch {
    return null;
  }
}

/**
 * The proxy re-signs a session's cookie once a day (sliding its expiry), and at once when it was signed under
 * another key (a rotation, or from before key ids).
 */
export function sessionNeedsRefresh(session: { iat: number; kid: string | null }, secrets: Secrets | string, nowSeconds: number): boolean {
  return nowSeconds - session.iat > SESSION_REFRESH_AFTER_SECONDS || session.kid !== keyRing(secrets, "session")[0].kid;
}

export const sessionCookieOptions = (secure: boolean) => ({
  httpOnly: true,
  sameSite: "lax" as const,
  secure,
  path: "/",
  maxAge: SESSION_MAX_AGE_SECONDS,
});
