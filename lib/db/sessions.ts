// Local sign-in sessions (private.sessions): created at sign-in, ended at sign-out, by "sign out
// everywhere", by the person or an admin from a list, by signing in again, or by a trigger when the person
// loses access. Written as the service role; a person lists their own through private.own_sessions().
import type { Tx } from "@/lib/db";
import type { OwnSessionRow } from "@/lib/types/security";

export type EndedReason = "signed_out" | "signed_out_everywhere" | "ended_by_self" | "ended_by_admin" | "replaced" | "access_removed";

/** Where a session was started from, as the person will see it. */
export interface SessionOrigin {
  userAgent: string | null;
  ip: string | null;
}

export async function createSession(
  tx: Tx, { userId, lifetimeSeconds, origin, aal = "aal1" }: { userId: string; lifetimeSeconds: number; origin: SessionOrigin; aal?: "aal1" | "aal2" },
): Promise<{ id: string; expiresAt: Date }> {
  const [row] = await tx<{ id: string; expiresAt: Date }[]>`
    insert into private.sessions (user_id, expires_at, user_agent, ip, last_seen_at, aal)
    values (${userId}, now() + make_interval(secs => ${lifetimeSeconds}), ${origin.userAgent?.slice(0, 400) ?? null}, ${origin.ip}, now(), ${aal})
    returning id, expires_at as "expiresAt"`;
  return row;
}

/** Notes a request made with a live session (callers write at most every few minutes). */
export async function touchSession(tx: Tx, { sessionId, ip }: { sessionId: string; ip: string | null }) {
  await tx`update private.sessions set last_seen_at = now(), ip = coalesce(${ip}, ip) where id = ${sessionId} and revoked_at is null`;
}

/**
 * Ends sessions of one person, local and hosted (private.end_sessions): one (`sessionId`) or all, but
 * `keep`. Returns how many ended.
 */
export async function endSessions(
  tx: Tx, { userId, sessionId = null, keep = null, reason }: { userId: string; sessionId?: string | null; keep?: string | null; reason: EndedReason },
): Promise<number> {
  const [{ n }] = await tx<{ n: number }[]>`select private.end_sessions(${userId}, ${sessionId}, ${keep}, ${reason}) as n`;
  return n;
}

/** Ends every session in the practice but `keep` (an admin's own); returns how many. */
export async function endEveryonesSessions(tx: Tx, { keep, reason }: { keep: string | null; reason: EndedReason }): Promise<number> {
  const [{ n }] = await tx<{ n: number }[]>`select private.end_everyones_sessions(${keep}, ${reason}) as n`;
  return n;
}

/** Ends one session by its id alone (sign-out: the cookie names it; whoever it belongs to, it ends). */
export async function endSession(tx: Tx, { sessionId, reason }: { sessionId: string; reason: EndedReason }) {
  await tx`update private.sessions set revoked_at = now(), ended_reason = ${reason} where id = ${sessionId} and revoked_at is null`;
}

/** Ends every live session of the person; returns how many. */
export async function endAllSessions(tx: Tx, { userId, reason = "signed_out_everywhere" }: { userId: string; reason?: EndedReason }): Promise<number> {
  return endSessions(tx, { userId, reason });
}

/** The caller's live sessions (under their own claims), most recently used first. */
export function listOwnSessions(tx: Tx): Promise<OwnSessionRow[]> {
  return tx<OwnSessionRow[]>`
    select id, created_at as "createdAt", last_seen_at as "lastSeenAt", expires_at as "expiresAt", user_agent as "userAgent", ip, current, aal
    from private.own_sessions()`;
}

/** The session was just proven with a second factor too (two-step sign-in turned on in it). */
export async function raiseSession(tx: Tx, { sessionId, userId }: { sessionId: string; userId: string }) {
  await tx`update private.sessions set aal = 'aal2' where id = ${sessionId} and user_id = ${userId} and revoked_at is null`;
}

/** Whether the session started (a full sign-in) within the last `minutes`. */
export async function signedInWithin(tx: Tx, { sessionId, minutes }: { sessionId: string; minutes: number }): Promise<boolean> {
  const [row] = await tx<{ recent: boolean }[]>`
    select created_at > now() - make_interval(mins => ${minutes}) as recent from private.sessions where id = ${sessionId}`;
  return row?.recent ?? false;
}
