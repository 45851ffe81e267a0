// The people of a client: its members (owners and members) and its assigned engineers, as mail recipients;
// and the staff's changes to who belongs to a client (a role, a removal). SQL only: the staff check and the
// last-owner rule are lib/clients/people.ts's.
//
// `authenticated` writes no membership (issue 20: a role or a person's id is never written by a signed-in
// person directly). The service checks the caller works for the client inside the command's transaction, and
// the row is then written as the service role, with an audit event in the same transaction.
//
// Changes to a client's people run one at a time under a transaction-level advisory lock per client, and each
// reads the owners after taking it, so two concurrent removals of the only two owners cannot each count the other.
import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { serviceStatement } from "@/lib/db/connection";
import type { MemberRole } from "@/lib/types/viewer";

/** Who hears about a client's usage: its owners (owner: true) and its assigned engineers. */
export function alertRecipients(tx: Tx, { clientId }: { clientId: string }) {
  return tx<{ email: string; owner: boolean }[]>`
    select p.email, true as owner from public.client_members cm join public.profiles p on p.id = cm.user_id
    where cm.client_id = ${clientId} and cm.role = 'owner'
    union
    select p.email, false from public.client_engineers ce join public.profiles p on p.id = ce.user_id
    where ce.client_id = ${clientId}`;
}

/**
 * Serializes changes to one client's people (memberships and invitations) until the transaction ends. An
 * advisory lock, not a row lock: `select … for update` needs an update grant, which `authenticated` lacks.
 */
export async function lockClientPeople(tx: Tx, { clientId }: { clientId: string }): Promise<void> {
  await tx`select pg_advisory_xact_lock(hashtextextended(${`public.client_members:${clientId}`}, 0))`;
}

export interface MemberRecord {
  userId: string;
  email: string;
  fullName: string;
  role: MemberRole;
}

/** Whether the caller works for the client (admin, or assigned engineer). */
export async function isStaffOf(tx: Tx, { clientId }: { clientId: string }): Promise<boolean> {
  const [row] = await tx<{ ok: boolean }[]>`select ${clientId}::uuid in (select private.staffed_client_ids()) as ok`;
  return Boolean(row?.ok);
}

/** The membership, read after taking the client's lock (so it is what the previous change committed); null when none. */
export async function lockMember(tx: Tx, { clientId, userId }: { clientId: string; userId: string }): Promise<MemberRecord | null> {
  await lockClientPeople(tx, { clientId });
  const [row] = await tx<MemberRecord[]>`
    select cm.user_id as "userId", p.email, p.full_name as "fullName", cm.role
    from public.client_members cm join public.profiles p on p.id = cm.user_id
    where cm.client_id = ${clientId} and cm.user_id = ${userId}`;
  return row ?? null;
}

/** Whether the client has an owner other than `userId`. */
export async function otherOwnerExists(tx: Tx, { clientId, userId }: { clientId: string; userId: string }): Promise<boolean> {
  const [other] = await tx`
    select 1 from public.client_members where client_id = ${clientId} and role = 'owner' and user_id <> ${userId} limit 1`;
  return Boolean(other);
}

/** Makes a person of the client an owner or a member (as the service role) and audits it. */
export async function updateMemberRole(
  tx: Tx,
  { actorId, clientId, person, role }: { actorId: string; clientId: string; person: MemberRecord; role: MemberRole },
) {
  await serviceStatement(tx, tx`update public.client_members set role = ${role} where client_id = ${clientId} and user_id = ${person.userId}`);
  await recordAudit(tx, {
    clientId, actorId, action: "member.role_changed", entity: "client_member", entityId: person.userId,
    data: { email: person.email, before: person.role, after: role },
  });
}

/**
 * Ends a person's membership (as the service role; its delete trigger also ends their sessions) and audits it.
 * What they wrote (comments, proposals) stays under their name.
 */
export async function deleteMember(tx: Tx, { actorId, clientId, person }: { actorId: string; clientId: string; person: MemberRecord }) {
  await serviceStatement(tx, tx`delete from public.client_members where client_id = ${clientId} and user_id = ${person.userId}`);
  await recordAudit(tx, {
    clientId, actorId, action: "member.removed", entity: "client_member", entityId: person.userId,
    data: { email: person.email, role: person.role },
  });
}
