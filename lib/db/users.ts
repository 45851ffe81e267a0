// Auth users of the local provider (the embedded stack's auth.users; Supabase Auth owns it when hosted).
import type { Claims, Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { serviceStatement } from "@/lib/db/connection";
import { normalizeEmail } from "@/lib/domain/email";
import type { WorkPreferences } from "@/lib/types/week";

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

/** The person's work settings (issue 25): where their week starts and the category they log most. */
export async function workPreferencesOf(tx: Tx, { userId }: { userId: string }): Promise<WorkPreferences> {
  const [row] = await tx<WorkPreferences[]>`select week_start as "weekStart", default_category as "defaultCategory" from public.profiles where id = ${userId}`;
  return row ?? { weekStart: "monday", defaultCategory: "build" };
}

/** Saves them (service role, inside the staff-only command), with the before and after in the audit. */
export async function updateWorkPreferences(tx: Tx, { userId, input }: { userId: string; input: WorkPreferences }): Promise<boolean> {
  const before = await workPreferencesOf(tx, { userId });
  const rows = await serviceStatement<{ id: string }[]>(tx, tx`
    update public.profiles set week_start = ${input.weekStart}, default_category = ${input.defaultCategory} where id = ${userId} returning id`);
  if (!rows.length) return false;
  await recordAudit(tx, { clientId: null, actorId: userId, action: "profile.work_preferences", entity: "profile", entityId: userId, data: { before, after: input } });
  return true;
}
