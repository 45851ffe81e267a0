"use client";
// Two-step sign-in on /account (issue 29): passkeys (components/security/passkeys), an authenticator app (QR code
// and key, confirmed with a code), the ten recovery codes shown once, new ones, or the app turned off. Each state's
// form has its own key: a form's state (its last result) must not carry into the next state's form.
import { useState } from "react";
import { ActionForm, SubmitButton, TextField } from "@/components/ui/action-form";
import { Passkeys } from "@/components/security/passkeys";
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

/** A success that made recovery codes shows them (turning the app on, a first passkey, new codes). */
export const codes = (data: unknown) => {
  const list = (data as { codes?: string[] | null } | undefined)?.codes;
  return list ? <RecoveryCodes codes={list} /> : null;
};

const left = (n: number) => (n === 1 ? "1 recovery code left." : `${n} recovery codes left.`);

function Summary({ status, since }: { status: SecondFactorStatus; since: string | null }) {
  const keys = status.passkeys.length;
  if (!status.since && keys === 0) return <p className="text-sm text-slate-700">Off. Anyone who can read your email can sign in as you.</p>;
  const with_ = [status.since ? "your authenticator app" : null, keys ? (keys === 1 ? "a passkey" : `one of ${keys} passkeys`) : null].filter(Boolean).join(" or ");
  return (
    <p className="text-sm text-slate-700">
      <span className="font-medium text-green-800">On</span>{status.since ? ` since ${since}` : ""}. After the emailed code, you sign in with {with_}. {left(status.recoveryLeft)}
    </p>
  );
}

export function TwoStep({ status, qrSvg, actions, passkeyActions, since, recent, passkeyDates, otherSessions, endOthers }: {
  status: SecondFactorStatus; qrSvg: string | null; actions: TwoStepActions; since: string | null;
  passkeyActions: { options: Action; add: Action; remove: Action };
  passkeyDates: Record<string, string>;
  /** The person's sessions on other browsers: after a change they are offered to end them (ASVS 7.4.3). */
  otherSessions: number;
  endOthers: Action;
  /** Signed in recently enough to change it (a stolen session must not). */
  recent: boolean;
}) {
  if (!recent) {
    return (
      <div className="space-y-2 text-sm text-slate-700">
        <Summary status={status} since={since} />
        <p className="rounded-md bg-slate-50 p-3 ring-1 ring-inset ring-slate-200">
          For your safety, two-step sign-in changes only within 30 minutes of signing in. Sign out, sign in again, and come back here.
        </p>
      </div>
    );
  }
  const on = status.since !== null || status.passkeys.length > 0;
  return (
    <div className="space-y-5">
      <Summary status={status} since={since} />
      {!on && (
        <p className="text-sm text-slate-700">
          With two-step sign-in, signing in also needs a passkey (your device&apos;s screen lock, a password manager or a security key) or
          the code an authenticator app on your phone shows, and ten recovery codes cover losing them.
        </p>
      )}
      <div className="space-y-2 border-t border-slate-100 pt-4">
        <h3 className="text-sm font-semibold text-slate-900">Passkeys</h3>
        <Passkeys passkeys={status.passkeys} actions={passkeyActions} formatDate={passkeyDates} codes={codes} />
      </div>
      <div className="space-y-2 border-t border-slate-100 pt-4">
        <h3 className="text-sm font-semibold text-slate-900">Authenticator app</h3>
        <AuthenticatorApp status={status} qrSvg={qrSvg} actions={actions} />
      </div>
      {otherSessions > 0 && (
        <ActionForm key="end-others" action={endOthers} ariaLabel="End other sessions after a two-step change" className="space-y-2 rounded-md bg-slate-50 p-3 ring-1 ring-inset ring-slate-200">
          <p className="text-sm text-slate-700">
            You are also signed in on {otherSessions === 1 ? "another browser" : `${otherSessions} other browsers`}. After changing two-step sign-in, end
            {otherSessions === 1 ? " it" : " them"}: signing in again there takes the new second step.
          </p>
          <SubmitButton variant="secondary" pendingLabel="Ending…">End {otherSessions === 1 ? "the other session" : `all ${otherSessions} other sessions`}</SubmitButton>
        </ActionForm>
      )}
      {on && (
        <div className="space-y-2 border-t border-slate-100 pt-4">
          <h3 className="text-sm font-semibold text-slate-900">Recovery codes</h3>
          <ActionForm key="renew" action={actions.renew} ariaLabel="Make new recovery codes" className="space-y-3" result={codes}>
            {status.since ? (
              <TextField name="code" label="Code from your app" inputMode="numeric" autoComplete="one-time-code" maxLength={6} required
                hint="Making new recovery codes ends the old ones." />
            ) : (
              <p className="text-sm text-slate-600">Making new recovery codes ends the old ones.</p>
            )}
            <SubmitButton variant="secondary" pendingLabel="Making…">Make new recovery codes</SubmitButton>
          </ActionForm>
        </div>
      )}
    </div>
  );
}

function AuthenticatorApp({ status, qrSvg, actions }: { status: SecondFactorStatus; qrSvg: string | null; actions: TwoStepActions }) {
  if (status.since) {
    return (
      <details>
        <summary className="cursor-pointer text-sm font-medium text-red-700">Turn off two-step sign-in…</summary>
        <ActionForm action={actions.turnOff} ariaLabel="Turn off two-step sign-in" className="mt-3 space-y-3">
          <TextField name="code" label="Code from your app, or a recovery code" autoComplete="one-time-code" maxLength={40} required
            hint={status.passkeys.length > 0 ? "Removes the app; your passkeys still sign you in." : "You then sign in with the emailed code alone."} />
          <SubmitButton variant="danger" pendingLabel="Turning off…">Turn off</SubmitButton>
        </ActionForm>
      </details>
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
    <ActionForm key="start" action={actions.start} ariaLabel="Set up two-step sign-in" showSuccess={false}>
      <p className="text-sm text-slate-700">A 6-digit code from an app on your phone, new every 30 seconds.</p>
      <SubmitButton variant="secondary" pendingLabel="Starting…">Set up an authenticator app</SubmitButton>
    </ActionForm>
  );
}
