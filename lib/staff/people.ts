// Changes to the practice's staff, and their refusals: the admin check inside the caller's transaction, the
// only-admin rule (a friendly refusal before the write; the database's trigger, RP004, is the wall behind it,
// answered with the same words), "already staff" and "not staff". Two callers: the Staff page's commands
// (lib/staff/commands.ts, asUser as an admin) and `npm run staff` (lib/staff/cli.ts, asService, by email).
// No server-only imports here: the command line runs this file under plain tsx.
import type { Tx } from "@/lib/db";
import { pgCode } from "@/lib/db/connection";
import {
  deletePendingStaffGrant, deleteStaffInvitation, deleteStaffMember, grantStaffToNonStaff, isAdmin, lockStaffMember, otherAdminExists,
  recordStaffGrantCancelled, updateStaffRole, upsertStaffInvitation, type GrantOutcome, type StaffRecord,
} from "@/lib/db/staff";
import { AppError, found, notFound } from "@/lib/platform/errors";
import type { StaffRole as StaffRoleName } from "@/lib/types/viewer";

export type { GrantOutcome, StaffRecord };

const onlyAdmin = (person: StaffRecord) =>
  new AppError("conflict", `${person.fullName || person.email} is the only admin. Make someone else an admin first: the practice always needs one.`);

/** Inside the command's own transaction: the caller is still an admin, else "not found" (RLS would refuse too, less clearly). */
export async function assertAdmin(tx: Tx): Promise<void> {
  if (!(await isAdmin(tx))) throw notFound("That page");
}

/**
 * The friendly refusal (one message, on the form: the page disables the controls of the only admin, so this is
 * met only in a race); the trigger is the wall behind it (concurrent demotions, direct SQL).
 */
async function refuseIfOnlyAdmin(tx: Tx, person: StaffRecord) {
  if (person.role === "admin" && !(await otherAdminExists(tx, { userId: person.userId }))) throw onlyAdmin(person);
}

/** A write the last-admin trigger may refuse (RP004): refused with the person's name, as the rule above. */
async function keepingAnAdmin<T>(person: StaffRecord, write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (e) {
    if (pgCode(e) === "RP004") throw onlyAdmin(person);
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The Staff page (asUser as an admin)

/**
 * Records an emailed invitation (or renews the one pending for that address), after the admin check; someone
 * already staff is refused on the email field. The caller minted the token (lib/staff/invite.ts).
 */
export async function inviteStaff(
  tx: Tx,
  actorId: string,
  input: { email: string; role: StaffRoleName; tokenHash: string },
): Promise<{ id: string; renewed: boolean }> {
  await assertAdmin(tx);
  const existing = await lockStaffMember(tx, { email: input.email });
  if (existing) {
    const message = `${existing.fullName || existing.email} is already ${existing.role === "admin" ? "an admin" : "an engineer"}. Change their role in the list instead.`;
    throw new AppError("conflict", message, { email: [message] });
  }
  return upsertStaffInvitation(tx, { actorId, ...input });
}

export async function cancelStaffInvitation(tx: Tx, actorId: string, { invitationId }: { invitationId: string }) {
  await assertAdmin(tx);
  found(await deleteStaffInvitation(tx, { actorId, invitationId }), "That invitation");
}

/** Sets a person's role; the same role again is a no-op (changed: false). */
export async function changeStaffRole(
  tx: Tx,
  actorId: string,
  { userId, role }: { userId: string; role: StaffRoleName },
): Promise<{ changed: boolean; person: StaffRecord }> {
  await assertAdmin(tx);
  const person = found(await lockStaffMember(tx, { userId }), "That person");
  if (person.role === role) return { changed: false, person };
  await refuseIfOnlyAdmin(tx, person);
  await keepingAnAdmin(person, updateStaffRole(tx, { actorId, person, role, via: "staff-page" }));
  return { changed: true, person };
}

/** Ends a person's staff access at once: their next request sees no client they were staffed on. */
export async function removeStaff(tx: Tx, actorId: string, { userId }: { userId: string }): Promise<StaffRecord> {
  await assertAdmin(tx);
  const person = found(await lockStaffMember(tx, { userId }), "That person");
  await refuseIfOnlyAdmin(tx, person);
  await keepingAnAdmin(person, deleteStaffMember(tx, { actorId, person, via: "staff-page" }));
  return person;
}

// ---------------------------------------------------------------------------------------------------------
// The command line (asService, by email; no actor)

/**
 * Makes `email` staff in `role`. Someone with a profile becomes staff at once; anyone else gets a pending
 * grant that applies at their first sign-in. Idempotent; refuses to demote the only admin.
 */
export async function grantStaffRole(tx: Tx, { email, role }: { email: string; role: StaffRoleName }): Promise<GrantOutcome> {
  const person = await lockStaffMember(tx, { email });
  if (!person) return grantStaffToNonStaff(tx, { email, role });
  if (person.role === role) return { kind: "unchanged", role };
  await refuseIfOnlyAdmin(tx, person);
  await keepingAnAdmin(person, updateStaffRole(tx, { actorId: null, person: { ...person, email }, role, via: "cli" }));
  return { kind: "changed", from: person.role, role };
}

export type RevokeOutcome =
  | { kind: "removed"; role: StaffRoleName; clientCount: number }
  | { kind: "cancelled"; role: StaffRoleName };

/** Removes `email` from staff, or cancels its pending grant; refuses the last admin and non-staff. */
export async function revokeStaffByEmail(tx: Tx, { email }: { email: string }): Promise<RevokeOutcome> {
  const person = await lockStaffMember(tx, { email });
  const pending = await deletePendingStaffGrant(tx, { email });
  if (person) {
    await refuseIfOnlyAdmin(tx, person);
    const clientIds = await keepingAnAdmin(person, deleteStaffMember(tx, { actorId: null, person, via: "cli" }));
    return { kind: "removed", role: person.role, clientCount: clientIds.length };
  }
  if (pending) {
    await recordStaffGrantCancelled(tx, { email, grant: pending });
    return { kind: "cancelled", role: pending.role };
  }
  throw new AppError("not_found", `${email} is not staff and has no pending grant: nothing to remove.`);
}
