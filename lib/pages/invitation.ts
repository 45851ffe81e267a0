// The invitation link's page (/invite/:token): the client or staff invitation the token names, read as the
// service role (the visitor may not be signed in), or none for an unknown, overlong or malformed token.
import { linkTokenHashes } from "@/lib/auth/tokens";
import { asService } from "@/lib/db";
import { findInvitation, findStaffInvitation, type InvitationPreview, type StaffInvitationPreview } from "@/lib/db/invitations";

export type { InvitationPreview, StaffInvitationPreview };

export type InvitationView =
  | { kind: "client"; invitation: InvitationPreview }
  | { kind: "staff"; invitation: StaffInvitationPreview }
  | { kind: "none" };

export async function viewInvitation(token: string): Promise<InvitationView> {
  const tokenHash = token.length <= 200 ? linkTokenHashes(token) : null;
  if (!tokenHash) return { kind: "none" };
  const invitation = await asService((tx) => findInvitation(tx, { tokenHash }));
  if (invitation) return { kind: "client", invitation };
  const staff = await asService((tx) => findStaffInvitation(tx, { tokenHash }));
  return staff ? { kind: "staff", invitation: staff } : { kind: "none" };
}
