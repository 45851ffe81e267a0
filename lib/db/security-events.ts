// The security record (public.security_events): written as the service role only, so nobody signed in can
// forge, edit or erase an event; read under RLS (a person their own, an admin the practice's).
import type { Tx } from "@/lib/db";
import { serviceStatement } from "@/lib/db/connection";
import type { SecurityEvent, SecurityEventRow } from "@/lib/types/security";

/** Appends an event in the caller's transaction. `userId` unknown but `email` given: the account of that address, if any. */
export async function insertSecurityEvent(tx: Tx, { event: e }: { event: SecurityEvent }) {
  const email = e.email?.slice(0, 320) ?? null;
  await serviceStatement(tx, tx`
    insert into public.security_events (kind, outcome, user_id, email, actor_id, client_id, ip, user_agent, detail)
    values (${e.kind}, ${e.outcome}, coalesce(${e.userId ?? null}::uuid, (select u.id from auth.users u where lower(u.email) = lower(${email}))),
            ${email}, ${e.actorId ?? null}, ${e.clientId ?? null}, ${e.ip ?? null}, ${e.userAgent?.slice(0, 400) ?? null}, ${(e.detail ?? "").slice(0, 300)})`);
}

/** Events visible to the caller (RLS), newest first: `userId` their own; without it, the practice's (admins). */
export function listSecurityEvents(tx: Tx, { userId, limit = 50 }: { userId?: string; limit?: number }): Promise<SecurityEventRow[]> {
  return tx<SecurityEventRow[]>`
    select e.id::text, e.at, e.kind, e.outcome, e.email, e.ip, e.user_agent as "userAgent", e.detail,
           coalesce(nullif(p.full_name, ''), p.email) as "personName",
           coalesce(nullif(a.full_name, ''), a.email) as "actorName", c.name as "clientName"
    from public.security_events e
    left join public.profiles p on p.id = e.user_id
    left join public.profiles a on a.id = e.actor_id
    left join public.clients c on c.id = e.client_id
    where ${userId ? tx`e.user_id = ${userId}` : tx`true`}
    order by e.at desc, e.id desc limit ${limit}`;
}
