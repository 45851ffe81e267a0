// Sessions for the bench's requests, signed with the secret the bench starts the app with.
import postgres from "postgres";
import { signSession } from "@/lib/auth/jwt";
import type { Claims } from "@/lib/db";
import { SECRET } from "./settings";

export async function sessionCookie(claims: Claims) {
  return `rp_session=${await signSession(claims, SECRET)}`;
}

/** The owner of bench client n (seeded by seed-scale.ts as owner-<n>@bench.test), with a session cookie. */
export async function ownerOf(admin: postgres.Sql, n: number) {
  const [owner] = await admin<{ id: string; email: string; clientId: string }[]>`
    select u.id, u.email, cm.client_id as "clientId" from auth.users u join public.client_members cm on cm.user_id = u.id
    where u.email = ${`owner-${n}@bench.test`}`;
  const claims: Claims = { sub: owner.id, email: owner.email, role: "authenticated" };
  return { ...owner, claims, cookie: await sessionCookie(claims) };
}

export type Owner = Awaited<ReturnType<typeof ownerOf>>;
