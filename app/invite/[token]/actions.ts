"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { runPublicAction, type ActionState } from "@/lib/actions/run";
import { currentClaims, startLocalSession } from "@/lib/auth";
import { linkTokenHash } from "@/lib/auth/tokens";
import { asService } from "@/lib/db";
import { acceptInvitation, acceptStaffInvitation } from "@/lib/db/invitations";
import { AppError } from "@/lib/platform/errors";
import { authProvider } from "@/lib/platform/env";

const schema = z.object({ token: z.string().min(20, "This invitation link is incomplete.").max(200) });

export async function acceptInvitationAction(_: ActionState, form: FormData): Promise<ActionState> {
  const result = await runPublicAction({ name: "invitation.accept", schema }, form, async ({ token }) => {
    if (authProvider() !== "local") {
      throw new AppError("invalid", "Sign in with the invited email address first, then open the link again.");
    }
    const { claims, clientId } = await asService((tx) => acceptInvitation(tx, linkTokenHash(token)));
    await startLocalSession(claims);
    return clientId;
  });
  if (result.ok) redirect(`/clients/${result.data}`);
  return result;
}

/** A staff invitation: the invitee becomes an engineer or admin of the practice and lands on /engineer. */
export async function acceptStaffInvitationAction(_: ActionState, form: FormData): Promise<ActionState> {
  const result = await runPublicAction({ name: "staff.accept", schema }, form, async ({ token }) => {
    if (authProvider() === "local") {
      const claims = await asService((tx) => acceptStaffInvitation(tx, linkTokenHash(token)));
      await startLocalSession(claims);
      return;
    }
    // Supabase Auth owns auth.users: the invitee signs in first (which usually applies the grant already).
    const claims = await currentClaims();
    if (!claims) throw new AppError("invalid", "Sign in with the invited email address first, then open the link again.");
    await asService((tx) => acceptStaffInvitation(tx, linkTokenHash(token), claims));
  });
  if (result.ok) redirect("/engineer");
  return result;
}
