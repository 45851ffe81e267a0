// Inviting someone to a client: the invitation (or its renewal) and its email, in the caller's transaction; and
// the invitee taking the link. The refusals are here (the caller works for the client, the person is not a
// member yet, the link is still good); lib/db/clients and lib/db/invitations write the rows.
import { withServiceRole, type Claims, type Tx } from "@/lib/db";
import { linkTokenHash, newLinkToken } from "@/lib/auth/tokens";
import { deleteInvitation, isMemberEmail, renewInvitation as renewInvitationRow, upsertInvitation } from "@/lib/db/clients";
import { joinClient, takeInvitation } from "@/lib/db/invitations";
import { lockClientPeople } from "@/lib/db/members";
import { ensureAuthUser } from "@/lib/db/users";
import { enqueueMail } from "@/lib/mail/outbox";
import { invitationMail } from "@/lib/mail/templates";
import { AppError, found } from "@/lib/platform/errors";
import { assertStaffOf } from "@/lib/clients/people";
import type { ClientRow } from "@/lib/types/clients";
import type { Viewer } from "@/lib/types/viewer";

type Role = "owner" | "member";

/**
 * Records an invitation whose link token the caller minted (only its keyed hash comes in), or renews the one
 * pending for that address. The caller must work for the client; someone already a member is refused on the
 * email field. Under the client's people lock.
 */
export async function createInvitation(
  tx: Tx,
  actorId: string,
  input: { clientId: string; email: string; role: Role; tokenHash: string },
): Promise<{ id: string; renewed: boolean }> {
  await assertStaffOf(tx, { clientId: input.clientId });
  await lockClientPeople(tx, { clientId: input.clientId });
  if (await isMemberEmail(tx, { clientId: input.clientId, email: input.email })) {
    throw new AppError("conflict", "That person is already a member of this client.", { email: ["Already a member of this client."] });
  }
  return upsertInvitation(tx, { actorId, ...input });
}

/** A pending invitation with a fresh token (its keyed hash) and expiry, after the staff check; else "not found". */
export async function renewInvitation(
  tx: Tx,
  actorId: string,
  { clientId, invitationId, tokenHash }: { clientId: string; invitationId: string; tokenHash: string },
): Promise<{ email: string; role: Role }> {
  await assertStaffOf(tx, { clientId });
  await lockClientPeople(tx, { clientId });
  return found(await renewInvitationRow(tx, { actorId, clientId, invitationId, tokenHash }), "That invitation");
}

/** Withdraws a pending invitation of the client (its link stops working); as the caller, under RLS. */
export async function revokeInvitation(tx: Tx, actorId: string, { clientId, invitationId }: { clientId: string; invitationId: string }) {
  return found(await deleteInvitation(tx, { actorId, clientId, invitationId }), "That invitation");
}

async function mailLink(tx: Tx, inviter: Viewer, client: ClientRow, to: { email: string; role: Role }, token: string, appUrl: string) {
  await withServiceRole(tx, () =>
    enqueueMail(tx, invitationMail({
      to: to.email, clientName: client.name, role: to.role, clientId: client.id,
      inviter: inviter.fullName || inviter.email, link: `${appUrl}/invite/${token}`,
    })),
  );
}

/** Returns whether an invitation already pending for that address was renewed (its old link stops working). */
export async function inviteMember(tx: Tx, inviter: Viewer, client: ClientRow, input: { email: string; role: Role }, appUrl: string): Promise<boolean> {
  // The token exists only in the email: the inviter never sees it, the table holds its keyed hash.
  const token = newLinkToken();
  const { renewed } = await createInvitation(tx, inviter.userId, { clientId: client.id, ...input, tokenHash: linkTokenHash(token) });
  await mailLink(tx, inviter, client, input, token, appUrl);
  return renewed;
}

/** Sends a pending invitation again with a fresh link (and a fresh week); the earlier link stops working. */
export async function resendInvitation(tx: Tx, inviter: Viewer, client: ClientRow, { invitationId }: { invitationId: string }, appUrl: string) {
  const token = newLinkToken();
  const invitation = await renewInvitation(tx, inviter.userId, { clientId: client.id, invitationId, tokenHash: linkTokenHash(token) });
  await mailLink(tx, inviter, client, invitation, token, appUrl);
  return invitation;
}

/**
 * Accepts an invitation by its link token's keyed hash (service role: the person is not signed in yet):
 * creates the person if new, adds the membership, marks the invitation used. An expired or used link is refused.
 */
export async function acceptInvitation(tx: Tx, tokenHash: string | string[]): Promise<{ claims: Claims; clientId: string }> {
  const invitation = await takeInvitation(tx, { tokenHash });
  if (!invitation) throw new AppError("not_found", "This invitation link has expired or was already used. Ask for a new one.");
  const claims = await ensureAuthUser(tx, { email: invitation.email });
  await joinClient(tx, { invitation, userId: claims.sub });
  return { claims, clientId: invitation.clientId };
}
