// The Supabase Auth (GoTrue) endpoints the hosted sign-in calls: /otp, /verify, /user, /logout.
//
// Each verified code starts a session with its own id (the access token's `session_id` claim). Given a
// database (`db`, a superuser connection to a test database with supabase/local/bootstrap.sql), the double
// keeps auth.users and auth.sessions as GoTrue does: a row per session on verify; on /logout the row of that
// session (scope=local), every row of the person (global) or every other row (others) is deleted.
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import type postgres from "postgres";
import { startDouble } from "./http";

export async function startSupabaseAuthDouble(opts: { validCode: string; userId: string; email: string; db?: postgres.Sql; reusableCode?: boolean }) {
  const secret = new TextEncoder().encode("double-jwt-secret-double-jwt-secret");
  const sign = (sessionId: string) =>
    new SignJWT({ email: opts.email, role: "authenticated", aud: "authenticated", session_id: sessionId })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject(opts.userId)
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(secret);
  const user = { id: opts.userId, aud: "authenticated", role: "authenticated", email: opts.email, app_metadata: {}, user_metadata: {}, created_at: new Date().toISOString() };
  const used = new Set<string>();
  /** Live sessions by access token, as GoTrue's /user checks them (a deleted session's token is refused). */
  const sessions = new Map<string, string>();
  const accessToken = await sign("s1");
  sessions.set(accessToken, "s1");

  if (opts.db) {
    await opts.db`insert into auth.users (id, email, aud, role) values (${opts.userId}, ${opts.email}, 'authenticated', 'authenticated') on conflict (id) do nothing`;
  }

  const double = await startDouble(async (req) => {
    const [path, query = ""] = req.path.split("?");
    if (req.method === "POST" && path === "/auth/v1/otp") {
      const { email } = JSON.parse(req.body) as { email: string };
      if (email.includes("flood")) return { status: 429, body: { code: 429, error_code: "over_email_send_rate_limit", msg: "rate limited" } };
      return { status: 200, body: {} };
    }
    if (req.method === "POST" && path === "/auth/v1/verify") {
      const { token } = JSON.parse(req.body) as { token: string };
      if (token !== opts.validCode || (!opts.reusableCode && used.has(token))) {
        return { status: 403, body: { code: 403, error_code: "otp_expired", msg: "Token has expired or is invalid" } };
      }
      used.add(token);
      const sessionId = randomUUID();
      const token_ = await sign(sessionId);
      sessions.set(token_, sessionId);
      if (opts.db) {
        await opts.db`insert into auth.sessions (id, user_id, created_at, updated_at, aal) values (${sessionId}, ${opts.userId}, now(), now(), 'aal1')`;
      }
      return {
        status: 200,
        body: { access_token: token_, token_type: "bearer", expires_in: 3600, expires_at: Math.floor(Date.now() / 1000) + 3600, refresh_token: `refresh-${sessionId}`, user },
      };
    }
    const bearer = (req.headers.authorization ?? "").replace(/^Bearer /, "");
    const sessionId = sessions.get(bearer);
    if (req.method === "GET" && path === "/auth/v1/user") {
      if (!sessionId) return { status: 401, body: { code: 401, msg: "invalid JWT" } };
      if (opts.db && sessionId !== "s1") {
        const [row] = await opts.db`select 1 from auth.sessions where id = ${sessionId}`;
        if (!row) return { status: 403, body: { code: 403, error_code: "session_not_found", msg: "Session from session_id claim in JWT does not exist" } };
      }
      return { status: 200, body: user };
    }
    if (req.method === "POST" && path === "/auth/v1/logout") {
      const scope = new URLSearchParams(query).get("scope") ?? "global";
      if (opts.db && sessionId) {
        if (scope === "local") await opts.db`delete from auth.sessions where id = ${sessionId}`;
        else if (scope === "others") await opts.db`delete from auth.sessions where user_id = ${opts.userId} and id <> ${sessionId}`;
        else await opts.db`delete from auth.sessions where user_id = ${opts.userId}`;
      }
      return { status: 204, body: "" };
    }
    return { status: 404, body: { msg: `no route ${req.method} ${path}` } };
  });
  return { ...double, accessToken };
}
