"use client";
// Two-step sign-in on /account (issue 29): set up an authenticator app (QR code and key), confirm it with a code,
// see the ten recovery codes once, make new ones, or turn it off. Every change needs a code from the app. Each
// state's form has its own key: a form's state (its last result) must not carry into the next state's form.
import { useState } from "react";
import { ActionForm, SubmitButton, TextField } from "@/components/ui/action-form";
import type { SecondFactorStatus } from "@/lib/types/security";

type Action = Parameters<typeof ActionForm>[0]["action"];

export interface TwoStepActions {
  start: Action;
  confirm: Action;
  renew: Action;
  turnOff: Action;
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="mt-3 rounded-md bg-amber-50 p-3 ring-1 ring-inset ring-amber-200">
      <p className="text-sm font-medium text-amber-900">
        Your recovery codes. Save them now (a password manager, or printed): they are shown only once. Each signs you in once if you lose your phone.
      </p>
      <ul aria-label="Recovery codes" className="mt-2 grid grid-cols-2 gap-1 font-mono text-sm text-slate-900 sm:grid-cols-5">
        {codes.map((c) => <li key={c} className="rounded bg-white px-2 py-1 text-center ring-1 ring-slate-200">{c}</li>)}
      </ul>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button type="button" className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50"
          onClick={() => navigator.clipboard?.writeText(codes.join("\n")).then(() => setCopied(true), () => setCopied(false))}>
          {copied ? "Copied" : "Copy all"}
        </button>
        <button type="button" className="text-sm font-medium text-brand-700 underline" onClick={() => window.location.reload()}>I saved them</button>
      </div>
    </div>
  );
}

const codes = (data: unknown) => {
  const list = (data as { codes?: string[] } | undefined)?.codes;
  return list ? <RecoveryCodes codes={list} /> : null;
};

export function TwoStep({ status, qrSvg, actions, since, recent }: {
  status: SecondFactorStatus; qrSvg: string | null; actions: TwoStepActions; since: string | null;
  /** Signed in recently enough to change it (a stolen session must not). */
  recent: boolean;
}) {
  if (!recent) {
    return (
      <div className="space-y-2 text-sm text-slate-700">
        <p>
          {status.since
            ? <><span className="font-medium text-green-800">On</span> since {since}. {status.recoveryLeft === 1 ? "1 recovery code left." : `${status.recoveryLeft} recovery codes left.`}</>
            : "Off. Anyone who can read your email can sign in as you."}
        </p>
        <p className="rounded-md bg-slate-50 p-3 ring-1 ring-inset ring-slate-200">
          For your safety, two-step sign-in changes only within 30 minutes of signing in. Sign out, sign in again, and come back here.
        </p>
      </div>
    );
  }
  if (status.since) {
    return (
      <div className="space-y-4">
        <p className="text-sm text-slate-700">
          <span className="font-medium text-green-800">On</span> since {since}. After the emailed code, you type the code your authenticator app shows.
          {" "}{status.recoveryLeft === 1 ? "1 recovery code left." : `${status.recoveryLeft} recovery codes left.`}
        </p>
        <ActionForm key="renew" action={actions.renew} ariaLabel="Make new recovery codes" className="space-y-3" result={codes}>
          <TextField name="code" label="Code from your app" inputMode="numeric" autoComplete="one-time-code" maxLength={6} required
            hint="Making new recovery codes ends the old ones." />
          <SubmitButton variant="secondary" pendingLabel="Making…">Make new recovery codes</SubmitButton>
        </ActionForm>
        <details className="border-t border-slate-100 pt-3">
          <summary className="cursor-pointer text-sm font-medium text-red-700">Turn off two-step sign-in…</summary>
          <ActionForm action={actions.turnOff} ariaLabel="Turn off two-step sign-in" className="mt-3 space-y-3">
            <TextField name="code" label="Code from your app, or a recovery code" autoComplete="one-time-code" maxLength={40} required
              hint="You then sign in with the emailed code alone." />
            <SubmitButton variant="danger" pendingLabel="Turning off…">Turn off</SubmitButton>
          </ActionForm>
        </details>
      </div>
    );
  }
  if (status.pending) {
    const key = status.pending.secret.replace(/(.{4})/g, "$1 ").trim();
    return (
      <div className="space-y-4">
        <ol className="list-decimal space-y-3 pl-5 text-sm text-slate-700">
          <li>
            Open an authenticator app (1Password, Google Authenticator, Authy, Microsoft Authenticator…) and scan this code.
            {qrSvg && <div className="mt-2 size-44 rounded bg-white p-1 ring-1 ring-slate-200" role="img" aria-label="QR code of your authenticator key" dangerouslySetInnerHTML={{ __html: qrSvg }} />}
          </li>
          <li>
            Or type this key into the app: <code aria-label="Authenticator key" className="break-words rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-900">{key}</code>
          </li>
          <li>Type the 6-digit code the app shows.</li>
        </ol>
        <ActionForm key="confirm" action={actions.confirm} ariaLabel="Turn on two-step sign-in" className="space-y-3" result={codes}>
          <TextField name="code" label="Code from your app" inputMode="numeric" autoComplete="one-time-code" maxLength={6} required />
          <SubmitButton pendingLabel="Checking…">Turn on</SubmitButton>
        </ActionForm>
      </div>
    );
  }
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">
        Off. Anyone who can read your email can sign in as you. With two-step sign-in, signing in also needs the code an
        authenticator app on your phone shows, and ten recovery codes cover a lost phone.
      </p>
      <ActionForm key="start" action={actions.start} ariaLabel="Set up two-step sign-in" showSuccess={false}>
        <SubmitButton pendingLabel="Starting…">Set up an authenticator app</SubmitButton>
      </ActionForm>
    </div>
  );
}
