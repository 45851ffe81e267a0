import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { viewInvitation, type StaffInvitationPreview } from "@/lib/pages/invitation";
import { acceptInvitationAction, acceptStaffInvitationAction } from "./actions";

export const metadata: Metadata = { title: "Invitation", robots: { index: false } };

// GET /invite/:token — the link from an invitation email (to a client, or to the practice's staff).
// Accepting adds the membership or the staff role and signs in.
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const found = await viewInvitation(token);
  if (found.kind === "staff") return <StaffInvite invitation={found.invitation} token={token} />;
  const invitation = found.kind === "client" ? found.invitation : null;

  if (!invitation || invitation.state !== "valid") {
    return (
      <AuthCard title="This link no longer works" subtitle={invitation?.state === "accepted" ? "This invitation was already accepted." : "The invitation has expired or does not exist."}>
        <p className="text-sm text-slate-700">Ask your engineer to send a new invitation, or sign in if you already have access.</p>
        <Link href="/login" className="mt-4 inline-block text-sm font-medium text-brand-700 underline">Go to sign in</Link>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={`Join ${invitation.clientName}`} subtitle={<>You were invited as {invitation.role === "owner" ? "an owner" : "a member"} with <strong className="text-slate-900">{invitation.email}</strong>.</>}>
      <p className="mb-4 text-sm text-slate-700">
        {invitation.role === "owner"
          ? "Owners see hours, the roadmap, weekly updates, invoices and settings."
          : "Members see hours, the roadmap and weekly updates."}
      </p>
      <ActionForm action={acceptInvitationAction}>
        <input type="hidden" name="token" value={token} />
        <SubmitButton className="w-full" pendingLabel="Joining…">Accept and sign in</SubmitButton>
      </ActionForm>
    </AuthCard>
  );
}

function StaffInvite({ invitation, token }: { invitation: StaffInvitationPreview; token: string }) {
  if (invitation.state !== "valid") {
    return (
      <AuthCard title="This link no longer works" subtitle={invitation.state === "accepted" ? "This invitation was already accepted." : "The invitation has expired."}>
        <p className="text-sm text-slate-700">Sign in if you already have access, or ask an admin of the practice to send a new invitation.</p>
        <Link href="/login" className="mt-4 inline-block text-sm font-medium text-brand-700 underline">Go to sign in</Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={`Join ${invitation.practiceName}`} subtitle={<>You were invited as {invitation.role === "admin" ? "an admin" : "an engineer"} with <strong className="text-slate-900">{invitation.email}</strong>.</>}>
      <p className="mb-4 text-sm text-slate-700">
        {invitation.role === "admin"
          ? "Admins see every client, billing, the practice settings and the staff list."
          : "Engineers log time, keep the roadmap and write the weekly updates of the clients an admin assigns them."}
      </p>
      <ActionForm action={acceptStaffInvitationAction}>
        <input type="hidden" name="token" value={token} />
        <SubmitButton className="w-full" pendingLabel="Joining…">Accept and sign in</SubmitButton>
      </ActionForm>
    </AuthCard>
  );
}
