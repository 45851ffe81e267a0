import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { authorizePage } from "@/lib/pages/access";
import { viewNoAccess } from "@/lib/pages/home";

export const metadata: Metadata = { title: "No access yet" };

export default async function NoAccess() {
  const { email } = viewNoAccess(await authorizePage("signed-in"));

  return (
    <AuthCard
      title="No access yet"
      subtitle={<>You're signed in as <strong className="text-slate-900">{email}</strong>, but this address isn't part of any client yet.</>}
    >
      <p className="text-sm text-slate-700">
        Ask your engineer to invite this email address, or sign in with the address your invitation was sent to.
        Invitations arrive by email with a link that signs you straight in.
      </p>
      <form action="/logout" method="post" className="mt-6">
        <button type="submit" className="text-sm font-medium text-brand-700 underline">Sign in with a different email</button>
      </form>
    </AuthCard>
  );
}
