// Inviting someone to a client: the invitation and its email, in the caller's transaction.
import { withServiceRole, type Tx } from "@/lib/db";
import { linkTokenHash, newLinkToken } from "@/lib/auth/tokens";
import { createInvitation } from "@/lib/db/clients";
import { enqueueMail } from "@/lib/mail/outbox";
import { invitationMail } from "@/lib/mail/templates";
import type { ClientRow } from "@/lib/types/clients";
import type { Viewer } from "@/lib/types/viewer";

export async function inviteMember(
  tx: Tx, inviter: Viewer, client: ClientRow, input: { email: string; role: "owner" | "member" }, appUrl: string,
) {
  // The token exists only in the email: the inviter never sees it, the table holds its keyed hash.
  const token = newLinkToken();
  await createInvitation(tx, inviter.userId, { clientId: client.id, ...input, tokenHash: linkTokenHash(token) });
  await withServiceRole(tx, () =>
    enqueueMail(tx, invitationMail({
      to: input.email, clientName: client.name, role: input.role, clientId: client.id,
      inviter: inviter.fullName || inviter.email, link: `${appUrl}/invite/${token}`,
    })),
  );
}
