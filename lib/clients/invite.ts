// Inviting someone to a client: the invitation (or its renewal) and its email, in the caller's transaction.
import { withServiceRole, type Tx } from "@/lib/db";
import { linkTokenHash, newLinkToken } from "@/lib/auth/tokens";
import { createInvitation, renewInvitation } from "@/lib/db/clients";
import { enqueueMail } from "@/lib/mail/outbox";
import { invitationMail } from "@/lib/mail/templates";
import type { ClientRow } from "@/lib/types/clients";
import type { Viewer } from "@/lib/types/viewer";

type Role = "owner" | "member";

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
