// The practice's people: who is staff, in which role, and the pending grants that make someone staff.
// Two callers: the Staff page (as the signed-in admin, under RLS, re-checking the admin inside the same
// transaction) and `npm run staff` (as the service role, by email, actor null). Both keep the practice's
// last admin, and the database refuses it too (trigger private.keep_one_admin, error RP004).
// No server-only imports here: the command line runs this file under plain tsx.
import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { serviceStatement } from "@/lib/db/connection";
import { AppError, notFound } from "@/lib/platform/errors";
import type { StaffRole as StaffRoleName } from "@/lib/types/viewer";

export const STAFF_INVITATION_TTL_DAYS = 7;

export interface StaffMemberRow {
  userId: string;
  email: string;
  fullName: string;
  role: StaffRoleName;
  clients: { id: string; name: string; archived: boolean }[];
}

export interface StaffInvitationRow {
  id: string;
  email: string;
  role: StaffRoleName;
  /** Null for a grant from the command line: it applies at the person's first sign-in. */
  expiresAt: Date | null;
  expired: boolean;
  invitedBy: string | null;
  createdAt: Date;
}

const ONLY_ADMIN = (who: string) => `${who} is the only admin. Make someone else an admin first: the practice always needs one.`;

const isLastAdminError = (e: unknown) => typeof e === "object" && e !== null && (e as { code?: unknown }).code === "RP004";

/** Inside the action's own transaction: the caller is still an admin (RLS would refuse too, less clearly). */
export async function assertAdmin(tx: Tx): Promise<void> {
  const [row] = await tx<{ ok: boolean }[]>`select private.is_admin() as ok`;
  if (!row?.ok) throw notFound("That page");
}

/** Staff with their assigned clients, admins first. */
export function listStaffMembers(tx: Tx) {
  return tx<StaffMemberRow[]>`
    select s.user_id as "userId", p.email, p.full_name as "fullName", s.role,
      coalesce((select json_agg(json_build_object('id', c.id, 'name', c.name, 'archived', c.archived_at is not null) order by c.name)
                from public.client_engineers ce join public.clients c on c.id = ce.client_id
                where ce.user_id = s.user_id), '[]'::json) as clients
    from public.staff s join public.profiles p on p.id = s.user_id
    order by s.role = 'admin' desc, nullif(p.full_name, '') nulls last, p.email`;
}

/** Grants not yet applied, newest first (expired links included, so they can be sent again or cancelled). */
export function listStaffInvitations(tx: Tx) {
  return tx<StaffInvitationRow[]>`
    select i.id, i.email, i.role, i.expires_at as "expiresAt", coalesce(i.expires_at <= now(), false) as expired,
           nullif(coalesce(nullif(p.full_name, ''), p.email), '') as "invitedBy", i.created_at as "createdAt"
    from public.staff_invitations i left join public.profiles p on p.id = i.invited_by
    where i.accepted_at is null
    order by i.created_at desc limit 100`;
}

interface StaffRecord {
  userId: string;
  email: string;
  fullName: string;
  role: StaffRoleName;
}

/**
 * The person's staff row, read after taking the practice's staff lock: changes to staff (page and command
 * line alike) run one at a time, and each reads what the one before committed. An advisory lock, not a row
 * lock: `select … for update` needs an update grant, and `authenticated` writes no staff row (issue 20).
 */
async function lockStaff(tx: Tx, where: { userId: string } | { email: string }): Promise<StaffRecord | undefined> {
  await tx`select pg_advisory_xact_lock(hashtextextended('public.staff:changes', 0))`;
  const [row] = await tx<StaffRecord[]>`
    select s.user_id as "userId", p.email, p.full_name as "fullName", s.role
    from public.staff s join public.profiles p on p.id = s.user_id
    where ${"userId" in where ? tx`s.user_id = ${where.userId}` : tx`lower(p.email) = ${where.email}`}`;
  return row;
}

/**
 * The friendly refusal (one message, on the form: the page disables the controls of the only admin, so this is
 * met only in a race); the trigger is the wall behind it (concurrent demotions, direct SQL).
 */
async function refuseIfOnlyAdmin(tx: Tx, person: StaffRecord) {
  if (person.role !== "admin") return;
  const [other] = await tx`select 1 from public.staff where role = 'admin' and user_id <> ${person.userId} limit 1`;
  if (!other) throw new AppError("conflict", ONLY_ADMIN(person.fullName || person.email));
}

/** As the service role: `authenticated` writes no role (the Staff page checked the admin in this transaction). */
async function writeRole(tx: Tx, person: StaffRecord, role: StaffRoleName) {
  try {
    await serviceStatement(tx, tx`update public.staff set role = ${role} where user_id = ${person.userId}`);
  } catch (e) {
    if (isLastAdminError(e)) throw new AppError("conflict", ONLY_ADMIN(person.fullName || person.email));
    throw e;
  }
}

/** Deletes the staff row; client assignments go with it (cascade), time entries stay attributed. */
async function deleteStaff(tx: Tx, person: StaffRecord): Promise<string[]> {
  const assigned = await tx<{ clientId: string }[]>`
    select client_id as "clientId" from public.client_engineers where user_id = ${person.userId} order by client_id`;
  try {
    await tx`delete from public.staff where user_id = ${person.userId}`;
  } catch (e) {
    if (isLastAdminError(e)) throw new AppError("conflict", ONLY_ADMIN(person.fullName || person.email));
    throw e;
  }
  return assigned.map((a) => a.clientId);
}

async function auditRemoval(tx: Tx, actorId: string | null, person: StaffRecord, clientIds: string[], via: "staff-page" | "cli") {
  await recordAudit(tx, {
    clientId: null, actorId, action: "staff.removed", entity: "staff", entityId: person.userId,
    data: { email: person.email, role: person.role, clientIds, via },
  });
  // Each client's own trail says why its engineer is gone.
  for (const clientId of clientIds) {
    await recordAudit(tx, {
      clientId, actorId, action: "engineer.unassigned", entity: "client", entityId: clientId,
      data: { userId: person.userId, reason: "removed from staff" },
    });
  }
}

// ---------------------------------------------------------------------------------------------------------
// The Staff page (asUser as an admin)

/**
 * Emails a link: creates the pending invitation, or renews the one already pending for that address. The
 * caller minted the token (lib/auth/tokens: only its keyed hash comes in); the row is written as the
 * service role with the expiry fixed here, after the admin check.
 */
export async function inviteStaff(
  tx: Tx,
  actorId: string,
  input: { email: string; role: StaffRoleName; tokenHash: string },
): Promise<{ id: string; renewed: boolean }> {
  await assertAdmin(tx);
  const existing = await lockStaff(tx, { email: input.email });
  if (existing) {
    const message = `${existing.fullName || existing.email} is already ${existing.role === "admin" ? "an admin" : "an engineer"}. Change their role in the list instead.`;
    throw new AppError("conflict", message, { email: [message] });
  }
  const [row] = await serviceStatement(tx, tx<{ id: string; renewed: boolean }[]>`
    insert into public.staff_invitations (email, role, token_hash, invited_by, expires_at)
    values (${input.email}, ${input.role}, ${input.tokenHash}, ${actorId}, now() + make_interval(days => ${STAFF_INVITATION_TTL_DAYS}))
    on conflict (email) where accepted_at is null do update
      set role = excluded.role, token_hash = excluded.token_hash, invited_by = excluded.invited_by, expires_at = excluded.expires_at
    returning id, xmax <> 0 as renewed`);
  await recordAudit(tx, {
    clientId: null, actorId, action: "staff.invited", entity: "staff_invitation", entityId: row.id,
    data: { email: input.email, role: input.role, renewed: row.renewed },
  });
  return { id: row.id, renewed: row.renewed };
}

export async function cancelStaffInvitation(tx: Tx, actorId: string, { invitationId }: { invitationId: string }) {
  await assertAdmin(tx);
  const [row] = await tx<{ email: string; role: string }[]>`
    delete from public.staff_invitations where id = ${invitationId} and accepted_at is null returning email, role`;
  if (!row) throw notFound("That invitation");
  await recordAudit(tx, {
    clientId: null, actorId, action: "staff.invitation_cancelled", entity: "staff_invitation", entityId: invitationId, data: { ...row },
  });
}

/** Sets a person's role; the same role again is a no-op (changed: false). */
export async function changeStaffRole(
  tx: Tx,
  actorId: string,
  { userId, role }: { userId: string; role: StaffRoleName },
): Promise<{ changed: boolean; person: StaffRecord }> {
  await assertAdmin(tx);
  const person = await lockStaff(tx, { userId });
  if (!person) throw notFound("That person");
  if (person.role === role) return { changed: false, person };
  await refuseIfOnlyAdmin(tx, person);
  await writeRole(tx, person, role);
  await recordAudit(tx, {
    clientId: null, actorId, action: "staff.role_changed", entity: "staff", entityId: userId,
    data: { email: person.email, before: person.role, after: role, via: "staff-page" },
  });
  return { changed: true, person };
}

/** Ends a person's staff access at once: their next request sees no client they were staffed on. */
export async function removeStaff(tx: Tx, actorId: string, { userId }: { userId: string }): Promise<StaffRecord> {
  await assertAdmin(tx);
  const person = await lockStaff(tx, { userId });
  if (!person) throw notFound("That person");
  await refuseIfOnlyAdmin(tx, person);
  const clientIds = await deleteStaff(tx, person);
  await auditRemoval(tx, actorId, person, clientIds, "staff-page");
  return person;
}

// ---------------------------------------------------------------------------------------------------------
// The command line (asService, by email; no actor)

export type GrantOutcome =
  | { kind: "added"; role: StaffRoleName }
  | { kind: "unchanged"; role: StaffRoleName }
  | { kind: "changed"; from: StaffRoleName; role: StaffRoleName }
  | { kind: "pending"; role: StaffRoleName }
  | { kind: "pending-unchanged"; role: StaffRoleName }
  | { kind: "pending-changed"; from: StaffRoleName; role: StaffRoleName };

/**
 * Makes `email` staff in `role`. Someone with a profile becomes staff at once; anyone else gets a pending
 * grant (no link, no expiry) that the profiles trigger applies at their first sign-in. Idempotent.
 */
export async function grantStaffRole(tx: Tx, { email, role }: { email: string; role: StaffRoleName }): Promise<GrantOutcome> {
  const person = await lockStaff(tx, { email });
  if (person) {
    if (person.role === role) return { kind: "unchanged", role };
    await refuseIfOnlyAdmin(tx, person);
    await writeRole(tx, person, role);
    await recordAudit(tx, {
      clientId: null, actorId: null, action: "staff.role_changed", entity: "staff", entityId: person.userId,
      data: { email, before: person.role, after: role, via: "cli" },
    });
    return { kind: "changed", from: person.role, role };
  }

  const [profile] = await tx<{ id: string }[]>`select id from public.profiles where lower(email) = ${email} limit 1`;
  if (profile) {
    await tx`insert into public.staff (user_id, role) values (${profile.id}, ${role})`;
    // A link still pending for this address has nothing left to do.
    await tx`update public.staff_invitations set accepted_at = now(), accepted_by = ${profile.id}
             where email = ${email} and accepted_at is null`;
    await recordAudit(tx, {
      clientId: null, actorId: null, action: "staff.added", entity: "staff", entityId: profile.id, data: { email, role, via: "cli" },
    });
    return { kind: "added", role };
  }

  const [pending] = await tx<{ id: string; role: StaffRoleName; open: boolean }[]>`
    select id, role, expires_at is null as open from public.staff_invitations
    where email = ${email} and accepted_at is null for update`;
  if (pending?.open && pending.role === role) return { kind: "pending-unchanged", role };
  // A grant from the command line waits for the first sign-in: an emailed link on the same address is
  // replaced by it (the link stops working; signing in with the address still applies the grant).
  const [row] = await tx<{ id: string }[]>`
    insert into public.staff_invitations (email, role) values (${email}, ${role})
    on conflict (email) where accepted_at is null do update
      set role = excluded.role, token_hash = null, expires_at = null, invited_by = null
    returning id`;
  await recordAudit(tx, {
    clientId: null, actorId: null, action: "staff.invited", entity: "staff_invitation", entityId: row.id,
    data: { email, role, via: "cli" },
  });
  if (pending && pending.role !== role) return { kind: "pending-changed", from: pending.role, role };
  return { kind: "pending", role };
}

export type RevokeOutcome =
  | { kind: "removed"; role: StaffRoleName; clientCount: number }
  | { kind: "cancelled"; role: StaffRoleName };

/** Removes `email` from staff, or cancels its pending grant; refuses the last admin and non-staff. */
export async function revokeStaffByEmail(tx: Tx, { email }: { email: string }): Promise<RevokeOutcome> {
  const person = await lockStaff(tx, { email });
  const [pending] = await tx<{ id: string; role: StaffRoleName }[]>`
    delete from public.staff_invitations where email = ${email} and accepted_at is null returning id, role`;
  if (person) {
    await refuseIfOnlyAdmin(tx, person);
    const clientIds = await deleteStaff(tx, person);
    await auditRemoval(tx, null, person, clientIds, "cli");
    return { kind: "removed", role: person.role, clientCount: clientIds.length };
  }
  if (pending) {
    await recordAudit(tx, {
      clientId: null, actorId: null, action: "staff.invitation_cancelled", entity: "staff_invitation", entityId: pending.id,
      data: { email, role: pending.role, via: "cli" },
    });
    return { kind: "cancelled", role: pending.role };
  }
  throw new AppError("not_found", `${email} is not staff and has no pending grant: nothing to remove.`);
}
