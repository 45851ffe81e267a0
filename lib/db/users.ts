// Auth users of the local provider (the embedded stack's auth.users; Supabase Auth owns it when hosted).
import type { Claims, Tx } from "@/lib/db";
import { normalizeEmail } from "@/lib/domain/email";

/**
 * Signs in someone who just proved they read that inbox (a sign-in code, an invitation link): creates the
 * auth user once, stamps the sign-in, and returns the session's claims.
 */
export async function ensureAuthUser(tx: Tx, rawEmail: string): Promise<Claims> {
  const email = normalizeEmail(rawEmail);
  const [user] = await tx<{ id: string }[]>`
    insert into auth.users (email, email_confirmed_at, last_sign_in_at) values (${email}, now(), now())
    on conflict (lower(email)) do update set last_sign_in_at = now()
    returning id`;
  return { sub: user.id, email, role: "authenticated" };
}
