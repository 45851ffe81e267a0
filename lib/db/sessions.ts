// Local sign-in sessions (private.sessions): created at sign-in, ended at sign-out, by "sign out
// everywhere", or by a trigger when the person loses access. Service role only.
import type { Tx } from "@/lib/db";

export async function createSession(tx: Tx, { userId, lifetimeSeconds }: { userId: string; lifetimeSeconds: number }): Promise<{ id: string; expiresAt: Date }> {
  const [row] = await tx<{ id: string; expiresAt: Date }[]>`
    insert into private.sessions (user_id, expires_at) values (${userId}, now() + make_interval(secs => ${lifetimeSeconds}))
    returning id, expires_at as "expiresAt"`;
  return row;
}

export async function endSession(tx: Tx, { sessionId }: { sessionId: string }) {
  await tx`update private.sessions set revoked_at = now() where id = ${sessionId} and revoked_at is null`;
}

/** Ends every live session of the person; returns how many. */
export async function endAllSessions(tx: Tx, { userId }: { userId: string }): Promise<number> {
  const rows = await tx`update private.sessions set revoked_at = now() where user_id = ${userId} and revoked_at is null returning id`;
  return rows.length;
}
