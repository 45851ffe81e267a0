import "server-only";
// One interface over the two providers; both yield the same claims (sub, email, role: authenticated).
import { cookies } from "next/headers";
import { after } from "next/server";
import { cache } from "react";
import type { Claims } from "@/lib/db";
import { appSecrets, authProvider, env } from "@/lib/platform/env";
import { SESSION_ABSOLUTE_SECONDS, sessionCookieName, sessionCookieOptions, signSession, verifySession } from "@/lib/auth/jwt";
import { asService } from "@/lib/db";
import { createSession, endAllSessions, endSession, endSessions, touchSession } from "@/lib/db/sessions";
import { clientIp } from "@/lib/auth/client-ip";
import { refusedSignIn, requestOrigin, securityEvent, securityEventIn } from "@/lib/auth/events";
import { AppError } from "@/lib/platform/errors";
import { hasSecondFactor } from "@/lib/auth/factors";
import { rememberSecondStep, type SignInHow } from "@/lib/auth/second-factor";
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

const secureCookies = () => env().NODE_ENV === "production";
const SESSION_COOKIE = () => sessionCookieName(secureCookies());

/** The signed-in user's verified claims, or null. Cached for the request. */
export const currentClaims = cache(async (): Promise<Claims | null> => {
  if (authProvider() === "supabase") return (await hosted()).claims();
  const token = (await cookies()).get(SESSION_COOKIE())?.value;
  const session = await verifySession(token, appSecrets());
  return session && { sub: session.sub, email: session.email, role: "authenticated", sid: session.sid };
});


/** How often a session's last use is written: the list on /account says "last used" to within this. */
const NOTE_USE_EVERY_MS = 5 * 60_000;
const lastNoted = new Map<string, number>();

/**
 * Whether a session's use is due to be noted again by whoever keeps `seen` (this server's renders, or its page
 * cache, lib/pages/response-key): true at most every few minutes per session, and then marked.
 */
export function sessionUseDue(seen: Map<string, number>, sid: string, now = Date.now()): boolean {
  if ((seen.get(sid) ?? 0) > now - NOTE_USE_EVERY_MS) return false;
  if (seen.size >= 10_000) seen.clear();
  seen.set(sid, now);
  return true;
}

/**
 * Notes that a live local session made a request (its last use and address, for the list on /account), at
 * most every few minutes per session and server, after the response: a page view pays no write for it.
 */
export async function noteSessionUse(claims: Claims) {
  const sid = claims.sid;
  if (!sid) return;
  if (!sessionUseDue(lastNoted, sid)) return;
  const ip = await clientIp(); // request data is read now: after() may not read headers
  after(() => asService((tx) => touchSession(tx, { sessionId: sid, ip })));
}

/** Sends a code. The local provider returns the request's id, which the verify form sends back with the code. */
export async function requestSignInCode(email: string, ip: string | null): Promise<{ requestId: string | null }> {
  try {
    const sent = authProvider() === "supabase" ? ((await (await hosted()).requestCode(email)), { requestId: null }) : await localRequest(email, ip);
    await securityEvent({ kind: "code_requested", outcome: "ok", email });
    return sent;
  } catch (e) {
    if (e instanceof AppError) await refusedSignIn({ kind: "code_requested", outcome: "refused", email, detail: e.message });
    throw e;
  }
}

/**
 * Verifies the code (of that request, locally) and starts the session (sets the cookie), or, for a person with a
 * second factor, the second step (lib/auth/second-factor): then `secondStep` is true and no session exists yet.
 */
export async function signInWithCode(
  email: string, code: string, requestId: string | undefined, ip: string | null,
): Promise<{ claims: Claims; secondStep: boolean }> {
  const previous = await currentClaims();
  let claims: Claims;
  try {
    claims = authProvider() === "supabase" ? await (await hosted()).verifyCode(email, code) : await localVerify(email, code, requestId, ip);
  } catch (e) {
    if (e instanceof AppError) await refusedSignIn({ kind: "sign_in_failed", outcome: "refused", email, detail: e.message });
    throw e;
  }
  if (authProvider() === "supabase") {
    // The hosted session this browser had before is replaced, not left live beside the new one.
    if (previous?.session_id) await asService((tx) => endSessions(tx, { userId: previous.sub, sessionId: previous.session_id, reason: "replaced" }));
    await securityEvent({ kind: "signed_in", outcome: "ok", userId: claims.sub, detail: "with an emailed code" });
    return { claims, secondStep: false };
  }
  return { claims, secondStep: (await completeSignIn(claims, "code")) === "second-step" };
}

/**
 * After the first factor (an emailed code, or an invitation link): the session, or, for a person with a second
 * factor, the second step first (no session exists until it passes).
 */
export async function completeSignIn(claims: Claims, how: SignInHow): Promise<"signed-in" | "second-step"> {
  if (await hasSecondFactor(claims.sub)) {
    await rememberSecondStep(claims, how);
    return "second-step";
  }
  await startLocalSession(claims, how);
  return "signed-in";
}

/**
 * Starts a server-side session (30 days at most) and sets its cookie (7 days, sliding). A session this browser
 * already had (another person's, or the same person's) ends: signing in again replaces it (ASVS 7.2.4).
 */
export async function startLocalSession(claims: Claims, how: SignInHow, aal: "aal1" | "aal2" = "aal1") {
  const store = await cookies();
  const before = await verifySession(store.get(SESSION_COOKIE())?.value, appSecrets());
  const origin = await requestOrigin();
  const session = await asService(async (tx) => {
    if (before) await endSession(tx, { sessionId: before.sid, reason: "replaced" });
    const created = await createSession(tx, { userId: claims.sub, lifetimeSeconds: SESSION_ABSOLUTE_SECONDS, origin, aal });
    const second = aal === "aal2" ? " and the second step" : "";
    await securityEventIn(tx, how === "code"
      ? { kind: "signed_in", outcome: "ok", userId: claims.sub, detail: `with an emailed code${second}` }
      : { kind: "invitation_used", outcome: "ok", userId: claims.sub, detail: `signed in by an invitation link${second}` }, origin);
    return created;
  });
  const aexp = Math.floor(session.expiresAt.getTime() / 1000);
  const token = await signSession({ sub: claims.sub, email: claims.email, role: "authenticated", sid: session.id, aexp }, appSecrets());
  store.set(SESSION_COOKIE(), token, sessionCookieOptions(secureCookies()));
}

/** Ends this session on the server, not only in this browser: the cookie stops working wherever it is. */
export async function signOut() {
  const claims = await currentClaims();
  if (authProvider() === "supabase") await (await hosted()).signOut();
  else if (claims?.sid) await asService((tx) => endSession(tx, { sessionId: claims.sid!, reason: "signed_out" }));
  if (claims) await securityEvent({ kind: "session_ended", outcome: "ok", userId: claims.sub, detail: "signed out" });
  (await cookies()).delete({ name: SESSION_COOKIE(), path: "/", secure: secureCookies() });
}

/** Ends every session of the signed-in person (every browser and device), this one included. */
export async function signOutEverywhere(claims: Claims) {
  let ended: number | null = null;
  if (authProvider() === "supabase") await (await hosted()).signOut("global");
  else ended = await asService((tx) => endAllSessions(tx, { userId: claims.sub }));
  await securityEvent({ kind: "session_ended", outcome: "ok", userId: claims.sub, detail: ended === null ? "signed out everywhere" : `signed out everywhere (${ended} ${ended === 1 ? "session" : "sessions"})` });
  (await cookies()).delete({ name: SESSION_COOKIE(), path: "/", secure: secureCookies() });
}
