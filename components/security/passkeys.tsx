"use client";
// Passkeys (issue 29): add one on /account, remove one, and use one as the second step of signing in. Each is an
// ordinary ActionForm whose action first asks the server for a challenge, lets the browser's authenticator answer
// it (@simplewebauthn/browser), then sends the answer: the person sees one form, one button and one result.
import { browserSupportsWebAuthn, startAuthentication, startRegistration } from "@simplewebauthn/browser";
import { useSyncExternalStore } from "react";
import { ActionForm, SubmitButton, TextField } from "@/components/ui/action-form";
import type { ActionState } from "@/lib/commands/state";
import type { PasskeyRow } from "@/lib/types/security";

type Action = (previous: ActionState, form: FormData) => Promise<ActionState>;
type Refusal = Extract<ActionState, { ok: false }>;

const refusal = (error: string, form: FormData): Refusal => ({
  ok: false, code: "invalid", error, fieldErrors: {},
  values: Object.fromEntries([...form.entries()].filter(([k, v]) => k !== "response" && typeof v === "string")) as Record<string, string>,
});

/** What the browser said, in words a person can act on. */
function ceremonyError(e: unknown): string {
  const name = e instanceof Error ? e.name : "";
  if (name === "NotAllowedError" || name === "AbortError") return "The passkey request was cancelled or timed out. Try again when you are ready.";
  if (name === "InvalidStateError") return "This device already holds a passkey for your account. Use another device or security key.";
  if (name === "SecurityError") return "This browser refused the passkey request for this address.";
  return "This browser could not use a passkey. Try another browser, or a code from your authenticator app.";
}

/** Asks for options, lets the authenticator answer, then sends the answer in the form's `response` field. */
function ceremony(options: Action, answer: Action, run: (optionsJSON: never) => Promise<unknown>): Action {
  return async (previous, form) => {
    const asked = await options(null, new FormData());
    if (!asked?.ok) return asked;
    let response: unknown;
    try {
      response = await run((asked.data as { options: never }).options);
    } catch (e) {
      return refusal(ceremonyError(e), form);
    }
    form.set("response", JSON.stringify(response));
    return answer(previous, form);
  };
}

const subscribeNothing = () => () => {};
/** Whether this browser can make and use passkeys (false while rendering on the server). */
function useWebAuthn(): boolean {
  return useSyncExternalStore(subscribeNothing, browserSupportsWebAuthn, () => false);
}

/** The second step with a passkey, on /login/second-factor. */
export function PasskeySignIn({ options, verify, next }: { options: Action; verify: Action; next: string | null }) {
  const supported = useWebAuthn();
  if (!supported) return null;
  const action = ceremony(options, verify, (optionsJSON) => startAuthentication({ optionsJSON }));
  return (
    <ActionForm action={action} ariaLabel="Sign in with a passkey" showSuccess={false}>
      {next && <input type="hidden" name="next" value={next} />}
      <SubmitButton className="w-full" pendingLabel="Waiting for your passkey…">Use a passkey</SubmitButton>
    </ActionForm>
  );
}

/** The person's passkeys on /account: the list, remove one, add one. */
export function Passkeys({ passkeys, actions, formatDate, codes }: {
  passkeys: PasskeyRow[];
  actions: { options: Action; add: Action; remove: Action };
  /** Dates in the person's zone, formatted by the page. */
  formatDate: Record<string, string>;
  /** How a success that made recovery codes shows them (two-step.tsx). */
  codes: (data: unknown) => React.ReactNode;
}) {
  const supported = useWebAuthn();
  const add = ceremony(actions.options, actions.add, (optionsJSON) => startRegistration({ optionsJSON }));
  return (
    <div className="space-y-3">
      {passkeys.length > 0 && (
        <ul aria-label="Your passkeys" className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
          {passkeys.map((k) => (
            <li key={k.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
              <div className="min-w-0">
                <p className="break-words font-medium text-slate-900">{k.name}</p>
                <p className="text-xs text-slate-600">
                  Added {formatDate[`${k.id}:created`]}{k.lastUsedAt ? ` · last used ${formatDate[`${k.id}:used`]}` : " · not used yet"}
                </p>
              </div>
              <ActionForm action={actions.remove} ariaLabel={`Remove passkey ${k.name}`} className="flex flex-col items-end gap-1" showSuccess={false}>
                <input type="hidden" name="passkeyId" value={k.id} />
                <SubmitButton variant="secondary" pendingLabel="Removing…" ariaLabel={`Remove ${k.name}`}>Remove</SubmitButton>
              </ActionForm>
            </li>
          ))}
        </ul>
      )}
      {supported ? (
        <ActionForm key="add-passkey" action={add} ariaLabel="Add a passkey" className="space-y-3" result={codes}>
          <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
            <div className="sm:flex-1">
              <TextField name="name" label="Name for the new passkey" maxLength={60} required placeholder="MacBook Touch ID"
                hint="Your device or password manager keeps it; you sign in with a touch or your screen lock." />
            </div>
            <SubmitButton variant="secondary" pendingLabel="Waiting for your device…">Add a passkey</SubmitButton>
          </div>
        </ActionForm>
      ) : (
        <p className="text-sm text-slate-600">This browser cannot make passkeys. Open this page in a current browser to add one.</p>
      )}
    </div>
  );
}
