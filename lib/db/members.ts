// The people of a client: its members (owners and members) and its assigned engineers, as mail recipients;
// and the staff's changes to who belongs to a client (a role, a removal).
//
// `authenticated` writes no membership (issue 20: a role or a person's id is never written by a signed-in
// person directly). The settings page's staff check runs here, inside the action's transaction, and the row is
// then written as the service role, with an audit event in the same transaction.
//
// The last owner: a client that has an owner keeps at least one. Neither a removal nor a change to member may
// take away its last owner (make someone else an owner first). Changes to a client's people run one at a time
// under a transaction-level advisory lock per client, and each reads the owners after taking it, so two
// concurrent removals of the only two owners cannot each count the other.
import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { serviceStatement } from "@/lib/db/connection";
import { AppError, notFound } from "@/lib/platform/errors";
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
export async function lockClientPeople(tx: Tx, clientId: string): Promise<void> {
  await tx`select pg_advisory_xact_lock(hashtextextended(${`public.client_members:${clientId}`}, 0))`;
}

export interface MemberRecord {
  userId: string;
  email: string;
  fullName: string;
  role: MemberRole;
}

/** Refuses, as "not found", a caller who does not work for the client (admin, or assigned engineer). */
export async function assertStaffOf(tx: Tx, { clientId }: { clientId: string }): Promise<void> {
  const [row] = await tx<{ ok: boolean }[]>`select ${clientId}::uuid in (select private.staffed_client_ids()) as ok`;
  if (!row?.ok) throw notFound("That client");
}

/** The membership, read after the client's lock (so it is what the previous change committed). */
async function lockedMember(tx: Tx, clientId: string, userId: string): Promise<MemberRecord> {
  await assertStaffOf(tx, { clientId });
  await lockClientPeople(tx, clientId);
  const [row] = await tx<MemberRecord[]>`
    select cm.user_id as "userId", p.email, p.full_name as "fullName", cm.role
    from public.client_members cm join public.profiles p on p.id = cm.user_id
    where cm.client_id = ${clientId} and cm.user_id = ${userId}`;
  if (!row) throw notFound("That person");
  return row;
}

export const onlyOwnerMessage = (who: string) =>
  `${who} is the only owner. Make someone else an owner first: the client always keeps one.`;

async function refuseIfLastOwner(tx: Tx, clientId: string, person: MemberRecord) {
  if (person.role !== "owner") return;
  const [other] = await tx`
    select 1 from public.client_members where client_id = ${clientId} and role = 'owner' and user_id <> ${person.userId} limit 1`;
  if (!other) throw new AppError("conflict", onlyOwnerMessage(person.fullName || person.email));
}

/** Makes a person of the client an owner or a member; the same role again changes nothing (changed: false). */
export async function changeMemberRole(
  tx: Tx,
  actorId: string,
  { clientId, userId, role }: { clientId: string; userId: string; role: MemberRole },
): Promise<{ changed: boolean; person: MemberRecord }> {
  const person = await lockedMember(tx, clientId, userId);
  if (person.role === role) return { changed: false, person };
  await refuseIfLastOwner(tx, clientId, person);
  await serviceStatement(tx, tx`update public.client_members set role = ${role} where client_id = ${clientId} and user_id = ${userId}`);
  await recordAudit(tx, {
    clientId, actorId, action: "member.role_changed", entity: "client_member", entityId: userId,
    data: { email: person.email, before: person.role, after: role },
  });
  return { changed: true, person };
}

/**
 * Ends a person's access to the client at once (the membership's delete trigger also ends their sessions).
 * What they wrote (comments, proposals) stays under their name.
 */
export async function removeMember(tx: Tx, actorId: string, { clientId, userId }: { clientId: string; userId: string }): Promise<MemberRecord> {
  const person = await lockedMember(tx, clientId, userId);
  await refuseIfLastOwner(tx, clientId, person);
  await serviceStatement(tx, tx`delete from public.client_members where client_id = ${clientId} and user_id = ${userId}`);
  await recordAudit(tx, {
    clientId, actorId, action: "member.removed", entity: "client_member", entityId: userId,
    data: { email: person.email, role: person.role },
  });
  return person;
}
