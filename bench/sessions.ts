// Sessions for the bench's requests, signed with the secret the bench starts the app with.
import postgres from "postgres";
import type { Claims } from "@/lib/db";
import { sessionCookie as liveSessionCookie } from "../tests/support/session-cookie";
import { SECRET } from "./settings";

/** A cookie of a live session (a private.sessions row) for `claims`. */
export async function sessionCookie(admin: postgres.Sql, claims: Claims) {
  return liveSessionCookie(admin, SECRET, claims);
}

/** The owner of bench client n (seeded by seed-scale.ts as owner-<n>@bench.test), with a session cookie. */
export async function ownerOf(admin: postgres.Sql, n: number) {
  const [owner] = await admin<{ id: string; email: string; clientId: string }[]>`
    select u.id, u.email, cm.client_id as "clientId" from auth.users u join public.client_members cm on cm.user_id = u.id
    where u.email = ${`owner-${n}@bench.test`}`;
  const claims: Claims = { sub: owner.id, email: owner.email, role: "authenticated" };
  return { ...owner, claims, cookie: await sessionCookie(admin, claims) };
}

export type Owner = Awaited<ReturnType<typeof ownerOf>>;
