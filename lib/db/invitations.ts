// Invitation links (a client's and the practice's), looked up and taken by their token's keyed hash. SQL only:
// an expired link or the wrong address is refused by the services (lib/clients/invite.ts, lib/staff/invite.ts).
import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { lockClientPeople } from "@/lib/db/members";

export interface InvitationPreview {
  id: string;
  clientId: string;
  clientName: string;
  email: string;
  role: "owner" | "member";
  state: "valid" | "expired" | "accepted";
}

/**
 * Looks an invitation up by its link token's keyed hash (lib/auth/tokens; service role: the person is not
 * signed in yet). Every function here takes that hash, never the raw token.
 */
export async function findInvitation(tx: Tx, { tokenHash }: { tokenHash: string | string[] }): Promise<InvitationPreview | null> {
  const [row] = await tx<(Omit<InvitationPreview, "state"> & { expired: boolean; accepted: boolean })[]>`
    select i.id, i.client_id as "clientId", c.name as "clientName", i.email, i.role,
           i.expires_at <= now() as expired, i.accepted_at is not null as accepted
    from public.invitations i join public.clients c on c.id = i.client_id
    where i.token_hash = any(${[tokenHash].flat()}::text[]) and c.archived_at is null`;
  if (!row) return null;
  const { expired, accepted, ...rest } = row;
  return { ...rest, state: accepted ? "accepted" : expired ? "expired" : "valid" };
}

export interface TakenInvitation {
  id: string;
  clientId: string;
  email: string;
  role: string;
}

/** Marks a pending, unexpired invitation used and returns it; null when the link is expired, used or unknown. */
export async function takeInvitation(tx: Tx, { tokenHash }: { tokenHash: string | string[] }): Promise<TakenInvitation | null> {
  const [inv] = await tx<TakenInvitation[]>`
    update public.invitations set accepted_at = now()
    where token_hash = any(${[tokenHash].flat()}::text[]) and accepted_at is null and expires_at > now()
    returning id, client_id as "clientId", email, role`;
  return inv ?? null;
}

/**
 * The invitee joins the client: the invitation records who took it, the membership is added and audited.
 * Someone who already belongs keeps their role unless the link makes them an owner: a link never demotes
 * (it could take a client's last owner). Under the client's people lock, like every change.
 */
export async function joinClient(tx: Tx, { invitation, userId }: { invitation: TakenInvitation; userId: string }) {
  await tx`update public.invitations set accepted_by = ${userId} where id = ${invitation.id}`;
  await lockClientPeople(tx, { clientId: invitation.clientId });
  await tx`insert into public.client_members (client_id, user_id, role) values (${invitation.clientId}, ${userId}, ${invitation.role})
           on conflict (client_id, user_id) do update set role = excluded.role where excluded.role = 'owner'`;
  await recordAudit(tx, {
    clientId: invitation.clientId, actorId: userId, action: "member.joined", entity: "invitation", entityId: invitation.id,
    data: { email: invitation.email, role: invitation.role },
  });
}

export interface StaffInvitationPreview {
  id: string;
  practiceName: string;
  email: string;
  role: "admin" | "engineer";
  state: "valid" | "expired" | "accepted";
}

/** A staff invitation by its link token's keyed hash (service role). Grants from the command line have no link. */
export async function findStaffInvitation(tx: Tx, { tokenHash }: { tokenHash: string | string[] }): Promise<StaffInvitationPreview | null> {
  const [row] = await tx<(Omit<StaffInvitationPreview, "state"> & { expired: boolean; accepted: boolean })[]>`
    select i.id, ps.name as "practiceName", i.email, i.role,
           i.expires_at <= now() as expired, i.accepted_at is not null as accepted
    from public.staff_invitations i cross join public.practice_settings ps
    where i.token_hash = any(${[tokenHash].flat()}::text[])`;
  if (!row) return null;
  const { expired, accepted, ...rest } = row;
  return { ...rest, state: accepted ? "accepted" : expired ? "expired" : "valid" };
}

/** Marks a pending, unexpired staff invitation used and returns it (service role); null when it is not one. */
export async function takeStaffInvitation(tx: Tx, { tokenHash }: { tokenHash: string | string[] }): Promise<{ id: string; email: string; role: string } | null> {
  const [inv] = await tx<{ id: string; email: string; role: string }[]>`
    update public.staff_invitations set accepted_at = now()
    where token_hash = any(${[tokenHash].flat()}::text[]) and accepted_at is null and expires_at > now()
    returning id, email, role`;
  return inv ?? null;
}

/**
 * The invitee becomes staff: the invitation records who took it; someone who is already staff keeps their role
 * (an admin is never demoted by a link). Audited.
 */
export async function joinStaff(tx: Tx, { invitation, userId }: { invitation: { id: string; email: string; role: string }; userId: string }) {
  await tx`update public.staff_invitations set accepted_by = ${userId} where id = ${invitation.id}`;
  await tx`insert into public.staff (user_id, role) values (${userId}, ${invitation.role}) on conflict (user_id) do nothing`;
  await recordAudit(tx, {
    clientId: null, actorId: userId, action: "staff.joined", entity: "staff_invitation", entityId: invitation.id,
    data: { email: invitation.email, role: invitation.role, via: "link" },
  });
}
