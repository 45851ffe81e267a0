import type { Claims, Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { hashToken } from "@/lib/db/clients";
import { ensureAuthUser } from "@/lib/auth/local";
import { AppError } from "@/lib/errors";

export interface InvitationPreview {
  id: string;
  clientId: string;
  clientName: string;
  email: string;
  role: "owner" | "member";
  state: "valid" | "expired" | "accepted";
}

/** Looks an invitation up by its raw token (service role: the person is not signed in yet). */
export async function findInvitation(tx: Tx, token: string): Promise<InvitationPreview | null> {
  const [row] = await tx<(Omit<InvitationPreview, "state"> & { expired: boolean; accepted: boolean })[]>`
    select i.id, i.client_id as "clientId", c.name as "clientName", i.email, i.role,
           i.expires_at <= now() as expired, i.accepted_at is not null as accepted
    from public.invitations i join public.clients c on c.id = i.client_id
    where i.token_hash = ${hashToken(token)} and c.archived_at is null`;
  if (!row) return null;
  const { expired, accepted, ...rest } = row;
  return { ...rest, state: accepted ? "accepted" : expired ? "expired" : "valid" };
}

/** Accepts an invitation: creates the person if new, adds the membership, marks the invitation used. */
export async function acceptInvitation(tx: Tx, token: string): Promise<{ claims: Claims; clientId: string }> {
  const [inv] = await tx<{ id: string; client_id: string; email: string; role: string }[]>`
    update public.invitations set accepted_at = now()
    where token_hash = ${hashToken(token)} and accepted_at is null and expires_at > now()
    returning id, client_id, email, role`;
  if (!inv) throw new AppError("not_found", "This invitation link has expired or was already used. Ask for a new one.");
  const claims = await ensureAuthUser(tx, inv.email);
  await tx`update public.invitations set accepted_by = ${claims.sub} where id = ${inv.id}`;
  await tx`insert into public.client_members (client_id, user_id, role) values (${inv.client_id}, ${claims.sub}, ${inv.role})
           on conflict (client_id, user_id) do update set role = excluded.role`;
  await recordAudit(tx, {
    clientId: inv.client_id, actorId: claims.sub, action: "member.joined", entity: "invitation", entityId: inv.id,
    data: { email: inv.email, role: inv.role },
  });
  return { claims, clientId: inv.client_id };
}
