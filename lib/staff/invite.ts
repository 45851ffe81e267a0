// Inviting someone to the practice's staff: the invitation (or its renewal) and its email, in one transaction.
import { withServiceRole, type Tx } from "@/lib/db";
import { linkTokenHash, newLinkToken } from "@/lib/auth/tokens";
import { inviteStaff } from "@/lib/db/staff";
import { enqueueMail } from "@/lib/mail/outbox";
import { staffInvitationMail } from "@/lib/mail/templates";
import type { StaffRole as StaffRoleName } from "@/lib/types/viewer";
import type { Viewer } from "@/lib/types/viewer";

/** Returns whether an invitation already pending for that address was renewed (its old link stops working). */
export async function inviteStaffMember(tx: Tx, inviter: Viewer, input: { email: string; role: StaffRoleName }, appUrl: string): Promise<boolean> {
  const token = newLinkToken(); // only in the email; the table holds its keyed hash
  const { renewed } = await inviteStaff(tx, inviter.userId, { ...input, tokenHash: linkTokenHash(token) });
  await withServiceRole(tx, () =>
    enqueueMail(tx, staffInvitationMail({
      to: input.email, role: input.role,
      inviter: inviter.fullName || inviter.email, link: `${appUrl}/invite/${token}`,
    })),
  );
  return renewed;
}
