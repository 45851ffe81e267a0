import "server-only";
// One interface over the two providers; both yield the same claims (sub, email, role: authenticated).
import { cookies } from "next/headers";
import { cache } from "react";
import type { Claims } from "@/lib/db";
import { authProvider, env } from "@/lib/platform/env";
import { SESSION_ABSOLUTE_SECONDS, SESSION_COOKIE, sessionCookieOptions, signSession, verifySession } from "@/lib/auth/jwt";
import { asService } from "@/lib/db";
import { createSession, endAllSessions, endSession } from "@/lib/db/sessions";
import { requestCode as localRequest, verifyCode as localVerify } from "@/lib/auth/local";
import { supabaseAuth } from "@/lib/auth/supabase";

async function hosted() {
  const store = await cookies();
  return supabaseAuth({
    url: env().NEXT_PUBLIC_SUPABASE_URL!,
    publishableKey: env().NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY!,
    secureCookies: env().NODE_ENV === "production" && env().APP_URL.startsWith("https://"),
    cookies: {
      getAll: () => store.getAll(),
      setAll: (list) => {
        try {
          for (const { name, value, options } of list) store.set(name, value, options);
        } catch {
          // Called from a server component: the proxy refreshes the cookie instead.
        }
      },
    },
  });
}

/** The signed-in user's verified claims, or null. Cached for the request. */
export const currentClaims = cache(async (): Promise<Claims | null> => {
  if (authProvider() === "supabase") return (await hosted()).claims();
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const session = await verifySession(token, env().SESSION_SECRET);
  return session && { sub: session.sub, email: session.email, role: "authenticated", sid: session.sid };
});


/** Sends a code. The local provider returns the request's id, which the verify form sends back with the code. */
export async function requestSignInCode(email: string, ip: string | null): Promise<{ requestId: string | null }> {
  if (authProvider() === "supabase") {
    await (await hosted()).requestCode(email);
    return { requestId: null };
  }
  return localRequest(email, ip);
}

/** Verifies the code (of that request, locally) and starts the session (sets the cookie). */
export async function signInWithCode(email: string, code: string, requestId: string | undefined, ip: string | null): Promise<Claims> {
  if (authProvider() === "supabase") return (await hosted()).verifyCode(email, code);
  const claims = await localVerify(email, code, requestId, ip);
  await startLocalSession(claims);
  return claims;
}

/** Starts a server-side session (30 days at most) and sets its cookie (7 days, sliding). */
export async function startLocalSession(claims: Claims) {
  const session = await asService((tx) => createSession(tx, { userId: claims.sub, lifetimeSeconds: SESSION_ABSOLUTE_SECONDS }));
  const aexp = Math.floor(session.expiresAt.getTime() / 1000);
  const token = await signSession({ sub: claims.sub, email: claims.email, role: "authenticated", sid: session.id, aexp }, env().SESSION_SECRET);
  (await cookies()).set(SESSION_COOKIE, token, sessionCookieOptions(env().NODE_ENV === "production"));
}

/** Ends this session on the server, not only in this browser: the cookie stops working wherever it is. */
export async function signOut() {
  if (authProvider() === "supabase") await (await hosted()).signOut();
  else {
    const claims = await currentClaims();
    if (claims?.sid) await asService((tx) => endSession(tx, { sessionId: claims.sid! }));
  }
  (await cookies()).delete(SESSION_COOKIE);
}

/** Ends every session of the signed-in person (every browser and device), this one included. */
export async function signOutEverywhere(claims: Claims) {
  if (authProvider() === "supabase") await (await hosted()).signOut("global");
  else await asService((tx) => endAllSessions(tx, { userId: claims.sub }));
  (await cookies()).delete(SESSION_COOKIE);
}
