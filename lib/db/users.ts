// Auth users of the local provider (the embedded stack's auth.users; Supabase Auth owns it when hosted).
import type { Claims, Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { normalizeEmail } from "@/lib/domain/email";

/**
 * Signs in someone who just proved they read that inbox (a sign-in code, an invitation link): creates the
 * auth user once, stamps the sign-in, and returns the session's claims.
 */
export async function ensureAuthUser(tx: Tx, { email: rawEmail }: { email: string }): Promise<Claims> {
  const email = normalizeEmail(rawEmail);
  const [user] = await tx<{ id: string }[]>`
    insert into auth.users (email, email_confirmed_at, last_sign_in_at) values (${email}, now(), now())
    on conflict (lower(email)) do update set last_sign_in_at = now()
    returning id`;
  return { sub: user.id, email, role: "authenticated" };
}

/**
 * The caller names themselves and says their time zone (as themselves, under RLS: their own row only); false
 * when they have no profile row.
 */
export async function updateOwnProfile(tx: Tx, { userId, input }: { userId: string; input: { fullName: string; timezone: string } }): Promise<boolean> {
  const [before] = await tx<{ fullName: string; timezone: string | null }[]>`
    update public.profiles p set full_name = ${input.fullName}, timezone = ${input.timezone}
    from (select full_name, timezone from public.profiles where id = ${userId}) old
    where p.id = ${userId} returning old.full_name as "fullName", old.timezone`;
  if (!before) return false;
  await recordAudit(tx, { clientId: null, actorId: userId, action: "profile.updated", entity: "profile", entityId: userId, data: { before, after: input } });
  return true;
}

/** The address a person signs in with (service role: auth.users is not the caller's to read), or null. */
export async function emailOfUser(tx: Tx, { userId }: { userId: string }): Promise<string | null> {
  const [row] = await tx<{ email: string }[]>`select email from auth.users where id = ${userId}`;
  return row?.email ?? null;
}
