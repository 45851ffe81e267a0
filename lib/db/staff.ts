// The practice's people: who is staff, in which role, and the pending grants that make someone staff. SQL only:
// the refusals (the admin check, the only-admin rule, "already staff") are lib/staff/people.ts's, for both
// callers: the Staff page (as the signed-in admin, under RLS) and `npm run staff` (as the service role, by
// email, actor null). The database refuses the last admin's change too (trigger private.keep_one_admin, RP004).
// No server-only imports here: the command line runs this file under plain tsx.
import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { serviceStatement } from "@/lib/db/connection";
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

/** Inside the action's own transaction: whether the caller is still an admin (RLS would refuse too, less clearly). */
export async function isAdmin(tx: Tx): Promise<boolean> {
  const [row] = await tx<{ ok: boolean }[]>`select private.is_admin() as ok`;
  return Boolean(row?.ok);
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

export interface StaffRecord {
  userId: string;
  email: string;
  fullName: string;
  role: StaffRoleName;
}

/**
 * The person's staff row, read after taking the practice's staff lock: changes to staff (page and command
 * line alike) run one at a time, and each reads what the one before committed. An advisory lock, not a row
 * lock: `select … for update` needs an update grant, and `authenticated` writes no staff row (issue 20).
 * Null when they are not staff.
 */
export async function lockStaffMember(
  tx: Tx,
  { userId, email }: { userId: string; email?: undefined } | { email: string; userId?: undefined },
): Promise<StaffRecord | null> {
  await tx`select pg_advisory_xact_lock(hashtextextended('public.staff:changes', 0))`;
  const [row] = await tx<StaffRecord[]>`
    select s.user_id as "userId", p.email, p.full_name as "fullName", s.role
    from public.staff s join public.profiles p on p.id = s.user_id
    where ${userId !== undefined ? tx`s.user_id = ${userId}` : tx`lower(p.email) = ${email}`}`;
  return row ?? null;
}

/** Whether an admin other than `userId` exists. */
export async function otherAdminExists(tx: Tx, { userId }: { userId: string }): Promise<boolean> {
  const [other] = await tx`select 1 from public.staff where role = 'admin' and user_id <> ${userId} limit 1`;
  return Boolean(other);
}

/**
 * Sets the person's role and audits it. As the service role: `authenticated` writes no role (the Staff page
 * checked the admin in this transaction). Fails with RP004 when it would leave no admin.
 */
export async function updateStaffRole(
  tx: Tx,
  { actorId, person, role, via }: { actorId: string | null; person: StaffRecord; role: StaffRoleName; via: "staff-page" | "cli" },
) {
  await serviceStatement(tx, tx`update public.staff set role = ${role} where user_id = ${person.userId}`);
  await recordAudit(tx, {
    clientId: null, actorId, action: "staff.role_changed", entity: "staff", entityId: person.userId,
    data: { email: person.email, before: person.role, after: role, via },
  });
}

/**
 * Deletes the staff row (client assignments go with it, by cascade; time entries stay attributed) and audits
 * the removal, and the unassignment in each client's own trail. Returns the clients they were assigned to.
 * Fails with RP004 when it would leave no admin.
 */
export async function deleteStaffMember(
  tx: Tx,
  { actorId, person, via }: { actorId: string | null; person: StaffRecord; via: "staff-page" | "cli" },
): Promise<string[]> {
  const assigned = await tx<{ clientId: string }[]>`
    select client_id as "clientId" from public.client_engineers where user_id = ${person.userId} order by client_id`;
  await tx`delete from public.staff where user_id = ${person.userId}`;
  const clientIds = assigned.map((a) => a.clientId);
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
  return clientIds;
}

// ---------------------------------------------------------------------------------------------------------
// The Staff page (asUser as an admin)

/**
 * Records the emailed invitation, or renews the one already pending for that address (renewed: true). The
 * service minted the token (lib/auth/tokens: only its keyed hash comes in); the row is written as the
 * service role with the expiry fixed here.
 */
export async function upsertStaffInvitation(
  tx: Tx,
  { actorId, email, role, tokenHash }: { actorId: string; email: string; role: StaffRoleName; tokenHash: string },
): Promise<{ id: string; renewed: boolean }> {
  const [row] = await serviceStatement(tx, tx<{ id: string; renewed: boolean }[]>`
    insert into public.staff_invitations (email, role, token_hash, invited_by, expires_at)
    values (${email}, ${role}, ${tokenHash}, ${actorId}, now() + make_interval(days => ${STAFF_INVITATION_TTL_DAYS}))
    on conflict (email) where accepted_at is null do update
      set role = excluded.role, token_hash = excluded.token_hash, invited_by = excluded.invited_by, expires_at = excluded.expires_at
    returning id, xmax <> 0 as renewed`);
  await recordAudit(tx, {
    clientId: null, actorId, action: "staff.invited", entity: "staff_invitation", entityId: row.id,
    data: { email, role, renewed: row.renewed },
  });
  return { id: row.id, renewed: row.renewed };
}

/** Deletes a pending invitation and audits it; null when there was none. */
export async function deleteStaffInvitation(tx: Tx, { actorId, invitationId }: { actorId: string; invitationId: string }) {
  const [row] = await tx<{ email: string; role: string }[]>`
    delete from public.staff_invitations where id = ${invitationId} and accepted_at is null returning email, role`;
  if (!row) return null;
  await recordAudit(tx, {
    clientId: null, actorId, action: "staff.invitation_cancelled", entity: "staff_invitation", entityId: invitationId, data: { ...row },
  });
  return row;
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
 * Makes `email`, who is not staff, staff in `role`: someone with a profile at once; anyone else gets a pending
 * grant (no link, no expiry) that the profiles trigger applies at their first sign-in. Idempotent.
 */
export async function grantStaffToNonStaff(tx: Tx, { email, role }: { email: string; role: StaffRoleName }): Promise<GrantOutcome> {
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

/** Deletes the address's pending grant, if any; its audit event is recordStaffGrantCancelled's. */
export async function deletePendingStaffGrant(tx: Tx, { email }: { email: string }): Promise<{ id: string; role: StaffRoleName } | null> {
  const [pending] = await tx<{ id: string; role: StaffRoleName }[]>`
    delete from public.staff_invitations where email = ${email} and accepted_at is null returning id, role`;
  return pending ?? null;
}

export async function recordStaffGrantCancelled(tx: Tx, { email, grant }: { email: string; grant: { id: string; role: StaffRoleName } }) {
  await recordAudit(tx, {
    clientId: null, actorId: null, action: "staff.invitation_cancelled", entity: "staff_invitation", entityId: grant.id,
    data: { email, role: grant.role, via: "cli" },
  });
}
