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

export function supabaseAuth({ url, publishableKey, cookies }: SupabaseAuthConfig) {
  const client = createServerClient(url, publishableKey, {
    cookies,
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

    /** Verified claims of the cookie session, or null. */
    async claims(): Promise<Claims | null> {
      const { data, error } = await client.auth.getClaims();
      const c = data?.claims;
      if (error || !c || typeof c.sub !== "string") return null;
      return { sub: c.sub, email: String(c.email ?? ""), role: "authenticated" };
    },

    /** "local" ends this session; "global" every session of the person (Supabase revokes their refresh tokens). */
    async signOut(scope: "local" | "global" = "local") {
      await client.auth.signOut({ scope });
    },
  };
}
