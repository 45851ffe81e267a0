// A signed-in person's cookie for scripts that drive a running app over HTTP (the stress suite, the bench):
// a live server-side session row, and the token that names it, as sign-in would make them. Those apps run the
// production build, whose cookie is Secure and named with the __Host- prefix. The session counts as reached with
// two steps, as a staff member's must be (lib/domain/two-step).
import type postgres from "postgres";
import { SESSION_ABSOLUTE_SECONDS, sessionCookieName, signSession } from "@/lib/auth/jwt";

export async function sessionCookie(admin: postgres.Sql, secret: string, who: { sub: string; email: string }): Promise<string> {
  const [row] = await admin<{ id: string; aexp: number }[]>`
    insert into private.sessions (user_id, expires_at, aal) values (${who.sub}, now() + make_interval(secs => ${SESSION_ABSOLUTE_SECONDS}), 'aal2')
    returning id, extract(epoch from expires_at)::int as aexp`;
  const token = await signSession({ sub: who.sub, email: who.email, role: "authenticated", sid: row.id, aexp: row.aexp }, secret);
  return `${sessionCookieName(true)}=${token}`;
}
