import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { ActionForm, SubmitButton, TextField } from "@/components/ui/action-form";
import { viewVerify } from "@/lib/pages/login";
import { requestCodeAction, verifyCodeAction } from "../actions";

export const metadata: Metadata = { title: "Enter your code" };

// GET /login/verify?next=… — where the code is typed. The address and the request it was sent for are this
// browser's (lib/auth/pending): no email rides in the URL, and without a code asked from this browser there is
// nothing to verify here, so the page sends the person to ask for one.
export default async function VerifyPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { email, devMailbox, next } = await viewVerify(await searchParams);
  const returnTo = next && <input type="hidden" name="next" value={next} />;
  const signIn = next ? `/login?next=${encodeURIComponent(next)}` : "/login";
  if (!email) {
    return (
      <AuthCard title="Sign in" subtitle="Start from the sign-in page, in this browser: it emails you a 6-digit code.">
        <Link href={signIn} className="text-sm font-medium text-brand-700 underline">Go to sign in</Link>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Check your email"
      subtitle={<>We sent a 6-digit code to <strong className="text-slate-900">{email}</strong>. It works once, for 10 minutes, in this browser.</>}
      footer={
        <div className="flex flex-wrap items-center justify-center gap-x-4 gap-y-2 text-sm text-slate-600">
          {devMailbox && (
            <Link href={`/dev/mailbox?to=${encodeURIComponent(email)}`} className="font-medium text-brand-700 underline">
              Open the dev mailbox
            </Link>
          )}
          <Link href={signIn} className="underline">Use a different email</Link>
        </div>
      }
    >
      <ActionForm action={verifyCodeAction} ariaLabel="Verify your email">
        {returnTo}
        <TextField
          name="code" label="Sign-in code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6}
          required autoFocus placeholder="123456" className="block w-full rounded-md border-0 px-3 py-2 text-center font-mono text-2xl tracking-[0.5em] ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
        />
        <SubmitButton className="w-full" pendingLabel="Checking…">Sign in</SubmitButton>
      </ActionForm>
      <ActionForm action={requestCodeAction} className="mt-4 text-center">
        <input type="hidden" name="email" value={email} />
        {returnTo}
        <SubmitButton variant="secondary" pendingLabel="Sending…">Send a new code</SubmitButton>
      </ActionForm>
    </AuthCard>
  );
}
