import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { ActionForm, SubmitButton, TextField } from "@/components/ui/action-form";
import { viewLogin } from "@/lib/pages/login";
import { requestCodeAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ ended?: string; next?: string }> }) {
  const { demoAccounts, devMailbox, endedEverywhere, next } = await viewLogin(await searchParams);
  const returnTo = next && <input type="hidden" name="next" value={next} />;

  return (
    <AuthCard
      title="Sign in"
      subtitle="We'll email you a 6-digit code. No password needed."
      footer={
        demoAccounts && (
          <section aria-labelledby="demo-heading" className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
            <h2 id="demo-heading" className="text-sm font-semibold text-slate-900">Demo accounts</h2>
            <p className="mt-1 text-sm text-slate-600">
              This copy runs on its embedded database. Pick an account; the code arrives in the{" "}
              {devMailbox ? <Link href="/dev/mailbox" className="font-medium text-brand-700 underline">dev mailbox</Link> : "server log"}.
            </p>
            <ul className="mt-3 divide-y divide-slate-100">
              {demoAccounts.map((a) => (
                <li key={a.email}>
                  <ActionForm action={requestCodeAction} className="flex items-center justify-between gap-3 py-2">
                    <input type="hidden" name="email" value={a.email} />
                    {returnTo}
                    <span className="min-w-0 text-sm">
                      <span className="block font-medium text-slate-900">{a.name}</span>
                      <span className="block truncate text-slate-500">{a.label} · {a.email}</span>
                    </span>
                    <SubmitButton variant="secondary" pendingLabel="Sending…">Use</SubmitButton>
                  </ActionForm>
                </li>
              ))}
            </ul>
          </section>
        )
      }
    >
      {endedEverywhere && (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-inset ring-emerald-200">
          You are signed out on every device. Sign in again here when you need to.
        </p>
      )}
      {next && <p className="mb-4 text-sm text-slate-600">Sign in to continue where the link leads.</p>}
      <ActionForm action={requestCodeAction} ariaLabel="Sign in with email">
        {returnTo}
        <TextField name="email" label="Work email" type="email" autoComplete="email" inputMode="email" required autoFocus placeholder="you@company.com" />
        <SubmitButton className="w-full" pendingLabel="Sending code…">Email me a code</SubmitButton>
      </ActionForm>
    </AuthCard>
  );
}
