import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { ActionForm, SubmitButton, TextField } from "@/components/ui/action-form";
import { viewVerify } from "@/lib/pages/login";
import { requestCodeAction, verifyCodeAction } from "../actions";

export const metadata: Metadata = { title: "Enter your code" };

// GET /login/verify?email=…&request=…&next=… — where the code is typed. Locally a code is checked against the
// request that sent it (lib/auth/local), so without a request id there is nothing to check: offer a new code.
export default async function VerifyPage({ searchParams }: { searchParams: Promise<{ email?: string; request?: string; next?: string }> }) {
  const { email, request, needsRequest, devMailbox, next } = viewVerify(await searchParams);
  const returnTo = next && <input type="hidden" name="next" value={next} />;
  if (needsRequest && !email) {
    return (
      <AuthCard title="Sign in" subtitle="Start from the sign-in page: it emails you a 6-digit code.">
        <Link href="/login" className="text-sm font-medium text-brand-700 underline">Go to sign in</Link>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title={needsRequest ? "Send yourself a code" : "Check your email"}
      subtitle={needsRequest
        ? <>We will email a 6-digit code to <strong className="text-slate-900">{email}</strong>.</>
        : email ? <>We sent a 6-digit code to <strong className="text-slate-900">{email}</strong>. It works once, for 10 minutes.</> : "Enter your email and the 6-digit code we sent you."}
      footer={
        <div className="flex flex-wrap items-center justify-center gap-x-4 gap-y-2 text-sm text-slate-600">
          {devMailbox && (
            <Link href={`/dev/mailbox${email ? `?to=${encodeURIComponent(email)}` : ""}`} className="font-medium text-brand-700 underline">
              Open the dev mailbox
            </Link>
          )}
          <Link href={next ? `/login?next=${encodeURIComponent(next)}` : "/login"} className="underline">Use a different email</Link>
        </div>
      }
    >
      {!needsRequest && <ActionForm action={verifyCodeAction} ariaLabel="Verify your email">
        {email ? <input type="hidden" name="email" value={email} /> : <TextField name="email" label="Email" type="email" autoComplete="email" required />}
        {request && <input type="hidden" name="request" value={request} />}
        {returnTo}
        <TextField
          name="code" label="Sign-in code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6}
          required autoFocus placeholder="123456" className="block w-full rounded-md border-0 px-3 py-2 text-center font-mono text-2xl tracking-[0.5em] ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
        />
        <SubmitButton className="w-full" pendingLabel="Checking…">Sign in</SubmitButton>
      </ActionForm>}
      {email && (
        <ActionForm action={requestCodeAction} className={needsRequest ? "text-center" : "mt-4 text-center"}>
          <input type="hidden" name="email" value={email} />
          {returnTo}
          <SubmitButton variant={needsRequest ? "primary" : "secondary"} pendingLabel="Sending…">Send a new code</SubmitButton>
        </ActionForm>
      )}
    </AuthCard>
  );
}
