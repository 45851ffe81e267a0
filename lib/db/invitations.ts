import type { Claims, Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { lockClientPeople } from "@/lib/db/members";
import { ensureAuthUser } from "@/lib/db/users";
import { AppError } from "@/lib/platform/errors";

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
export async function findInvitation(tx: Tx, tokenHash: string): Promise<InvitationPreview | null> {
  const [row] = await tx<(Omit<InvitationPreview, "state"> & { expired: boolean; accepted: boolean })[]>`
    select i.id, i.client_id as "clientId", c.name as "clientName", i.email, i.role,
           i.expires_at <= now() as expired, i.accepted_at is not null as accepted
    from public.invitations i join public.clients c on c.id = i.client_id
    where i.token_hash = ${tokenHash} and c.archived_at is null`;
  if (!row) return null;
  const { expired, accepted, ...rest } = row;
  return { ...rest, state: accepted ? "accepted" : expired ? "expired" : "valid" };
}

/** Accepts an invitation: creates the person if new, adds the membership, marks the invitation used. */
export async function acceptInvitation(tx: Tx, tokenHash: string): Promise<{ claims: Claims; clientId: string }> {
  const [inv] = await tx<{ id: string; client_id: string; email: string; role: string }[]>`
    update public.invitations set accepted_at = now()
    where token_hash = ${tokenHash} and accepted_at is null and expires_at > now()
    returning id, client_id, email, role`;
  if (!inv) throw new AppError("not_found", "This invitation link has expired or was already used. Ask for a new one.");
  const claims = await ensureAuthUser(tx, inv.email);
  await tx`update public.invitations set accepted_by = ${claims.sub} where id = ${inv.id}`;
  // Someone who already belongs keeps their role unless the link makes them an owner: a link never demotes
  // (it could take a client's last owner, lib/db/members). Under the client's people lock, like every change.
  await lockClientPeople(tx, inv.client_id);
  await tx`insert into public.client_members (client_id, user_id, role) values (${inv.client_id}, ${claims.sub}, ${inv.role})
           on conflict (client_id, user_id) do update set role = excluded.role where excluded.role = 'owner'`;
  await recordAudit(tx, {
    clientId: inv.client_id, actorId: claims.sub, action: "member.joined", entity: "invitation", entityId: inv.id,
    data: { email: inv.email, role: inv.role },
  });
  return { claims, clientId: inv.client_id };
}

export interface StaffInvitationPreview {
  id: string;
  practiceName: string;
  email: string;
  role: "admin" | "engineer";
  state: "valid" | "expired" | "accepted";
}

/** A staff invitation by its link token's keyed hash (service role). Grants from the command line have no link. */
export async function findStaffInvitation(tx: Tx, tokenHash: string): Promise<StaffInvitationPreview | null> {
  const [row] = await tx<(Omit<StaffInvitationPreview, "state"> & { expired: boolean; accepted: boolean })[]>`
    select i.id, ps.name as "practiceName", i.email, i.role,
           i.expires_at <= now() as expired, i.accepted_at is not null as accepted
    from public.staff_invitations i cross join public.practice_settings ps
    where i.token_hash = ${tokenHash}`;
  if (!row) return null;
  const { expired, accepted, ...rest } = row;
  return { ...rest, state: accepted ? "accepted" : expired ? "expired" : "valid" };
}

/**
 * Accepts a staff invitation (service role): marks it used, makes the invitee staff, returns their claims.
 * Local provider: the token proves they read that inbox, so the person is created and signed in. Hosted
 * (Supabase Auth owns auth.users): `signedIn` must be the invitee's own session.
 */
export async function acceptStaffInvitation(tx: Tx, tokenHash: string, signedIn?: Claims): Promise<Claims> {
  const [inv] = await tx<{ id: string; email: string; role: string }[]>`
    update public.staff_invitations set accepted_at = now()
    where token_hash = ${tokenHash} and accepted_at is null and expires_at > now()
    returning id, email, role`;
  if (!inv) throw new AppError("not_found", "This invitation link has expired or was already used. Ask an admin for a new one.");
  if (signedIn && signedIn.email.toLowerCase() !== inv.email) {
    throw new AppError("forbidden", `This invitation is for ${inv.email}. Sign in with that address, then open the link again.`);
  }
  // A first sign-in here creates the profile, whose trigger finds no pending grant: this one is taken above.
  const claims = signedIn ?? (await ensureAuthUser(tx, inv.email));
  await tx`update public.staff_invitations set accepted_by = ${claims.sub} where id = ${inv.id}`;
  // Someone who is already staff keeps their role (an admin is never demoted by a link).
  await tx`insert into public.staff (user_id, role) values (${claims.sub}, ${inv.role}) on conflict (user_id) do nothing`;
  await recordAudit(tx, {
    clientId: null, actorId: claims.sub, action: "staff.joined", entity: "staff_invitation", entityId: inv.id,
    data: { email: inv.email, role: inv.role, via: "link" },
  });
  return claims;
}
