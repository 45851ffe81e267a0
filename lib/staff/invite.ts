// Inviting someone to the practice's staff: the token minted here, the invitation (or its renewal) and its
// email, in one transaction; and the invitee taking the link (an expired link, or someone signed in with
// another address, is refused here; lib/db/invitations writes the rows).
import { withServiceRole, type Claims, type Tx } from "@/lib/db";
import { linkTokenHash, newLinkToken } from "@/lib/auth/tokens";
import { joinStaff, takeStaffInvitation } from "@/lib/db/invitations";
import { ensureAuthUser } from "@/lib/db/users";
import { enqueueMail } from "@/lib/mail/outbox";
import { staffInvitationMail } from "@/lib/mail/templates";
import { AppError } from "@/lib/platform/errors";
import { inviteStaff } from "@/lib/staff/people";
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

/**
 * Accepts a staff invitation (service role): marks it used, makes the invitee staff, returns their claims.
 * Local provider: the token proves they read that inbox, so the person is created and signed in. Hosted
 * (Supabase Auth owns auth.users): `signedIn` must be the invitee's own session.
 */
export async function acceptStaffInvitation(tx: Tx, tokenHash: string | string[], signedIn?: Claims): Promise<Claims> {
  const invitation = await takeStaffInvitation(tx, { tokenHash });
  if (!invitation) throw new AppError("not_found", "This invitation link has expired or was already used. Ask an admin for a new one.");
  if (signedIn && signedIn.email.toLowerCase() !== invitation.email) {
    throw new AppError("forbidden", `This invitation is for ${invitation.email}. Sign in with that address, then open the link again.`);
  }
  // A first sign-in here creates the profile, whose trigger finds no pending grant: this one is taken above.
  const claims = signedIn ?? (await ensureAuthUser(tx, { email: invitation.email }));
  await joinStaff(tx, { invitation, userId: claims.sub });
  return claims;
}
