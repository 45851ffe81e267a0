import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { ActionForm, SubmitButton, TextField } from "@/components/ui/action-form";
import { viewSecondStep } from "@/lib/pages/login";
import { PasskeySignIn } from "@/components/security/passkeys";
import { passkeyAction, passkeySignInOptionsAction, secondFactorAction } from "../actions";

export const metadata: Metadata = { title: "Second step" };

// GET /login/second-factor?next=… — after the emailed code, a person with two-step sign-in uses a passkey or types
// the code from their authenticator app (or a recovery code). No session exists until it passes; the half-way state is this browser's
// (lib/auth/second-factor), so without it there is nothing to finish here.
export default async function SecondFactorPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { email, next, app, passkeys } = await viewSecondStep(await searchParams);
  const signIn = next ? `/login?next=${encodeURIComponent(next)}` : "/login";
  if (!email) {
    return (
      <AuthCard title="Sign in" subtitle="This sign-in has expired, or was started in another browser. Start again: we email you a new code.">
        <Link href={signIn} className="text-sm font-medium text-brand-700 underline">Go to sign in</Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Second step"
      subtitle={<>Signing in as <strong className="text-slate-900">{email}</strong>. {passkeys
        ? app ? "Use your passkey, or type the 6-digit code your authenticator app shows for Retainer Portal." : "Use your passkey."
        : "Open your authenticator app and type the 6-digit code it shows for Retainer Portal."}</>}
      footer={
        <div className="space-y-2 text-center text-sm text-slate-600">
          <p>{passkeys && !app ? "Lost your passkey?" : "Lost your phone?"} Type one of your recovery codes instead. Each works once.</p>
          <p>No codes either? Ask your practice&apos;s admin to reset your two-step sign-in.</p>
          <Link href={signIn} className="underline">Start again</Link>
        </div>
      }
    >
      {passkeys && (
        <div className="mb-5 space-y-4">
          <PasskeySignIn options={passkeySignInOptionsAction} verify={passkeyAction} next={next} />
          <p className="flex items-center gap-3 text-xs uppercase tracking-wide text-slate-500" aria-hidden>
            <span className="h-px flex-1 bg-slate-200" />{app ? "or a code" : "or a recovery code"}<span className="h-px flex-1 bg-slate-200" />
          </p>
        </div>
      )}
      <ActionForm action={secondFactorAction} ariaLabel="Second step">
        {next && <input type="hidden" name="next" value={next} />}
        <TextField
          name="code" label={app ? "Code from your app, or a recovery code" : "Recovery code"} autoComplete="one-time-code" maxLength={40} required autoFocus={!passkeys}
          spellCheck={false} autoCapitalize="off" placeholder={app ? "123456" : "k7mq2-x9prt"}
          className="block w-full rounded-md border-0 px-3 py-2 text-center font-mono text-xl tracking-widest ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
        />
        <SubmitButton className="w-full" variant={passkeys ? "secondary" : "primary"} pendingLabel="Checking…">Continue</SubmitButton>
      </ActionForm>
    </AuthCard>
  );
}
