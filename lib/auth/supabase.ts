// Hosted sign-in through Supabase Auth (email OTP). The server trusts only verified claims
// (auth.getClaims(), which checks the JWT signature or asks the Auth server), never getSession().
import { createServerClient, type CookieMethodsServer } from "@supabase/ssr";
import WebSocket from "ws";
import type { Claims } from "@/lib/db";
import { AppError } from "@/lib/platform/errors";

export interface SupabaseAuthConfig {
  url: string;
  publishableKey: string;
  cookies: CookieMethodsServer;
}

/**
 * The session cookies as the app sets them: never readable by scripts (the app has no browser-side Supabase
 * client; @supabase/ssr's default is readable), Secure on HTTPS, Lax so links from email keep the session.
 */
export const hostedCookieOptions = (secure: boolean) => ({
  // With a fixed name the session and PKCE cookies (`<name>`, `<name>.0`…, `<name>-code-verifier`) share the
  // __Host- prefix on HTTPS (ASVS 3.3.1): Secure, no Domain, path / (see lib/auth/jwt's sessionCookieName).
  name: secure ? "__Host-sb-auth" : "sb-auth",
  httpOnly: true, secure, sameSite: "lax" as const, path: "/",
});

export function supabaseAuth({ url, publishableKey, cookies, secureCookies = false }: SupabaseAuthConfig & { secureCookies?: boolean }) {
  const client = createServerClient(url, publishableKey, {
    cookies,
    cookieOptions: hostedCookieOptions(secureCookies),
    auth: { flowType: "pkce", autoRefreshToken: false, detectSessionInUrl: false },
    // Node 20 has no global WebSocket; realtime is unused but its client is built eagerly.
    realtime: { transport: WebSocket as never },
  });

  return {
    async requestCode(email: string) {
      const { error } = await client.auth.signInWithOtp({ email, options: { shouldCreateUser: true } });
      if (error) {
        if (error.status === 429) throw new AppError("rate_limited", "Too many sign-in codes were requested. Try again later.");
        throw new AppError("unavailable", "We could not send a sign-in code right now. Try again in a minute.");
      }
    },

    async verifyCode(email: string, token: string): Promise<Claims> {
      const { data, error } = await client.auth.verifyOtp({ email, token, type: "email" });
      if (error || !data.user) {
        if (error?.status === 429) throw new AppError("rate_limited", "Too many wrong codes. Try again later.");
        const message = "That code is not right or has expired. Request a new one.";
        throw new AppError("invalid", message, { code: [message] });
      }
      return { sub: data.user.id, email: data.user.email ?? email, role: "authenticated" };
    },

    /**
     * Verified claims of the cookie session, or null. The GoTrue session id travels with them, so the viewer
     * query checks that session is still in auth.sessions (private.session_live): a token verified locally
     * by its signature alone would otherwise work for up to an hour after sign-out. A token without one is
     * no session we can check, and is refused.
     */
    async claims(): Promise<Claims | null> {
      const { data, error } = await client.auth.getClaims();
      const c = data?.claims;
      if (error || !c || typeof c.sub !== "string" || typeof c.session_id !== "string" || !c.session_id) return null;
      return { sub: c.sub, email: String(c.email ?? ""), role: "authenticated", session_id: c.session_id };
    },

    /** "local" ends this session; "global" every session of the person (Supabase revokes their refresh tokens). */
    async signOut(scope: "local" | "global" = "local") {
      await client.auth.signOut({ scope });
    },
  };
}
