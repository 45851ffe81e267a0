// Who belongs to a client, changed by its staff: the staff check inside the command's transaction and the
// last-owner rule (a client that has an owner keeps at least one: neither a removal nor a change to member may
// take away its last owner). lib/db/members writes the rows, under the client's people lock.
import { withServiceRole, type Tx } from "@/lib/db";
import { endSessions } from "@/lib/db/sessions";
import { securityEventIn } from "@/lib/auth/events";
import { deleteMember, isStaffOf, lockMember, otherOwnerExists, updateMemberRole, type MemberRecord } from "@/lib/db/members";
import { AppError, found, notFound } from "@/lib/platform/errors";
import type { MemberRole } from "@/lib/types/viewer";

/** Refuses, as "not found", a caller who does not work for the client (admin, or assigned engineer). */
export async function assertStaffOf(tx: Tx, { clientId }: { clientId: string }): Promise<void> {
  if (!(await isStaffOf(tx, { clientId }))) throw notFound("That client");
}

export const onlyOwnerMessage = (who: string) =>
  `${who} is the only owner. Make someone else an owner first: the client always keeps one.`;

/** The membership, after the staff check and the client's lock; "not found" when the person is not a member. */
async function lockedMember(tx: Tx, clientId: string, userId: string): Promise<MemberRecord> {
  await assertStaffOf(tx, { clientId });
  return found(await lockMember(tx, { clientId, userId }), "That person");
}

/** Ends every session of a person of the client (a lost phone, a shared computer), as its engineer or an admin. */
export async function endMemberSessions(tx: Tx, actorId: string, { clientId, userId }: { clientId: string; userId: string }): Promise<{ person: MemberRecord; ended: number }> {
  const person = await lockedMember(tx, clientId, userId);
  const ended = await withServiceRole(tx, async () => {
    const n = await endSessions(tx, { userId, reason: "ended_by_admin" });
    await securityEventIn(tx, { kind: "sessions_ended_by_admin", outcome: "ok", userId, actorId, clientId, detail: `${n} ${n === 1 ? "session" : "sessions"} ended` });
    return n;
  });
  return { person, ended };
}

async function refuseIfLastOwner(tx: Tx, clientId: string, person: MemberRecord) {
  if (person.role !== "owner") return;
  if (!(await otherOwnerExists(tx, { clientId, userId: person.userId }))) {
    throw new AppError("conflict", onlyOwnerMessage(person.fullName || person.email));
  }
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
  await updateMemberRole(tx, { actorId, clientId, person, role });
  return { changed: true, person };
}

/** Ends a person's access to the client at once (their sessions too). What they wrote stays under their name. */
export async function removeMember(tx: Tx, actorId: string, { clientId, userId }: { clientId: string; userId: string }): Promise<MemberRecord> {
  const person = await lockedMember(tx, clientId, userId);
  await refuseIfLastOwner(tx, clientId, person);
  await deleteMember(tx, { actorId, clientId, person });
  return person;
}
