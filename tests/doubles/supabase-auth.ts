// The Supabase Auth (GoTrue) endpoints the hosted sign-in calls: /otp, /verify, /user, /logout.
import { SignJWT } from "jose";
import { startDouble } from "./http";

export async function startSupabaseAuthDouble(opts: { validCode: string; userId: string; email: string }) {
  const secret = new TextEncoder().encode("double-jwt-secret-double-jwt-secret");
  const accessToken = await new SignJWT({ email: opts.email, role: "authenticated", aud: "authenticated", session_id: "s1" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(opts.userId)
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(secret);
  const user = { id: opts.userId, aud: "authenticated", role: "authenticated", email: opts.email, app_metadata: {}, user_metadata: {}, created_at: new Date().toISOString() };
  const issued = new Set<string>();

  const double = await startDouble((req) => {
    const path = req.path.split("?")[0];
    if (req.method === "POST" && path === "/auth/v1/otp") {
      const { email } = JSON.parse(req.body) as { email: string };
      if (email.includes("flood")) return { status: 429, body: { code: 429, error_code: "over_email_send_rate_limit", msg: "rate limited" } };
      return { status: 200, body: {} };
    }
    if (req.method === "POST" && path === "/auth/v1/verify") {
      const { token } = JSON.parse(req.body) as { token: string };
      if (token !== opts.validCode || issued.has(token)) {
        return { status: 403, body: { code: 403, error_code: "otp_expired", msg: "Token has expired or is invalid" } };
      }
      issued.add(token);
      return {
        status: 200,
        body: { access_token: accessToken, token_type: "bearer", expires_in: 3600, expires_at: Math.floor(Date.now() / 1000) + 3600, refresh_token: "refresh-1", user },
      };
    }
    if (req.method === "GET" && path === "/auth/v1/user") {
      return req.headers.authorization === `Bearer ${accessToken}`
        ? { status: 200, body: user }
        : { status: 401, body: { code: 401, msg: "invalid JWT" } };
    }
    if (req.method === "POST" && path === "/auth/v1/logout") return { status: 204, body: "" };
    return { status: 404, body: { msg: `no route ${req.method} ${path}` } };
  });
  return { ...double, accessToken };
}
