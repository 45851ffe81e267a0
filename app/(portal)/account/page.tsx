import type { Metadata } from "next";
import { Confirm } from "@/components/ui/confirm";
import { buttonClass } from "@/components/ui/button";
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { Card, PageHeader } from "@/components/ui/card";
import { authorizeAccountPage } from "@/lib/pages/access";
import { viewAccount } from "@/lib/pages/account";
import { ProfileFields } from "@/components/account/profile-fields";
import { NewApiTokenForm } from "@/components/account/api-tokens";
import { Badge } from "@/components/ui/card";
import { formatInstant } from "@/lib/format";
import { SessionList } from "@/components/security/sessions";
import { TwoStep } from "@/components/security/two-step";
import { HOSTED_NO_TWO_STEP } from "@/lib/auth/factors";
import { SecurityEventList } from "@/components/security/events";
import {
  addPasskeyAction, confirmTwoStepAction, createApiTokenAction, endOtherSessionsAction, endOwnSessionAction, passkeyRegistrationOptionsAction, removePasskeyAction,
  renewTwoStepCodesAction, revokeApiTokenAction, setEmailNotificationsAction, startTwoStepAction, turnOffTwoStepAction, updateWorkPreferencesAction,
} from "./actions";
import { CATEGORY_OPTIONS } from "@/components/hours/categories";
import { SelectField } from "@/components/ui/action-form";
import { updateProfileAction } from "../actions";

export const metadata: Metadata = { title: "Your account" };

// GET /account — who you are signed in as, your name and time zone, how you are emailed, API tokens, where you
// are signed in (end any session), your security activity, and signing out of every device at once.
export default async function AccountPage() {
  const { viewer, role, work, tokens, clients, emailMode, sessions, events, secondFactor, qrSvg, twoStepFirst, recentSignIn, hostedSignIn } = await viewAccount(await authorizeAccountPage());
  const zone = viewer.timezone ?? "UTC";
  return (
    <div className="max-w-2xl space-y-6">
      <PageHeader title="Your account" description="You sign in with a code sent to your email, and with two-step sign-in on, a passkey or a code from your phone too. There is no password to change." />
      <Card title="About you">
        <ActionForm action={updateProfileAction} ariaLabel="About you" className="space-y-4">
          <ProfileFields fullName={viewer.fullName} timezone={viewer.timezone} />
          <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
        </ActionForm>
      </Card>
      {work && (
        <Card title="Your work">
          <ActionForm action={updateWorkPreferencesAction} ariaLabel="Your work" className="space-y-4">
            <div className="grid gap-4 sm:grid-cols-2">
              <SelectField name="weekStart" label="Your week starts on" defaultValue={work.weekStart}
                options={[{ value: "monday", label: "Monday" }, { value: "sunday", label: "Sunday" }, { value: "saturday", label: "Saturday" }]}
                hint="The first column of your week grid." />
              <SelectField name="defaultCategory" label="Category you log most" defaultValue={work.defaultCategory} options={CATEGORY_OPTIONS}
                hint="Log time and the week grid start with it." />
            </div>
            <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
          </ActionForm>
        </Card>
      )}
      <section id="notifications" className="scroll-mt-24">
        <Card title="Email notifications">
          <ActionForm action={setEmailNotificationsAction} ariaLabel="Email notifications" className="space-y-4">
            <fieldset>
              <legend className="text-sm text-slate-600">
                Proposals, comments, questions, extra hours, updates and invoices always reach your <a href="/inbox" className="font-medium text-brand-700 hover:underline">inbox</a>.
                By email, send them:
              </legend>
              <div className="mt-3 space-y-2">
                {([
                  ["immediately", "As they happen", "An email for each."],
                  ["daily", "Once a day", `One summary at 8:00 in your time zone (${viewer.timezone ?? "set it above; until then, your client's"}).`],
                  ["off", "Never", "Only the inbox. Sign-in codes, invitations and invoices are still emailed."],
                ] as const).map(([value, label, hint]) => (
                  <label key={value} className="flex items-start gap-3 text-sm">
                    <input type="radio" name="mode" value={value} defaultChecked={emailMode === value} className="mt-0.5 size-4 accent-brand-600" />
                    <span><span className="font-medium text-slate-900">{label}</span> <span className="text-slate-600">— {hint}</span></span>
                  </label>
                ))}
              </div>
            </fieldset>
            <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
          </ActionForm>
        </Card>
      </section>
      <Card title="Signed in as">
        <dl className="grid grid-cols-1 gap-x-4 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-slate-500">Email</dt>
          <dd className="break-all text-slate-900">{viewer.email}</dd>
          {role && (
            <>
              <dt className="text-slate-500">Role</dt>
              <dd className="text-slate-900">{role}</dd>
            </>
          )}
          {viewer.memberships.length > 0 && (
            <>
              <dt className="text-slate-500">Clients</dt>
              <dd className="text-slate-900">{viewer.memberships.map((m) => `${m.clientName} (${m.role})`).join(", ")}</dd>
            </>
          )}
        </dl>
      </Card>
      <Card title="API tokens">
        <p className="text-sm text-slate-600">
          A token lets a program read your data through the API (<a href="/api/v1/openapi.json" className="font-medium text-brand-700 hover:underline">its reference</a>),
          with no more access than you have, and only what you tick. Revoke it here at any time; it also stops working if you lose access.
        </p>
        {tokens.length > 0 && (
          <ul className="mt-4 divide-y divide-slate-100" aria-label="Your API tokens">
            {tokens.map((t) => (
              <li key={t.id} className="flex flex-col gap-2 py-3 text-sm sm:flex-row sm:items-start sm:justify-between">
                <div className="min-w-0">
                  <p className="font-medium text-slate-900">{t.name} <span className="font-mono text-xs text-slate-500">{t.prefix}…</span></p>
                  <p className="text-xs text-slate-600">{t.scopes.join(", ")} · {t.clientName ? `only ${t.clientName}` : "every client"}</p>
                  <p className="text-xs text-slate-500">
                    {t.revokedAt ? `Revoked ${formatInstant(t.revokedAt, zone)}` : `Expires ${formatInstant(t.expiresAt, zone)}`}
                    {" · "}{t.lastUsedAt ? `last used ${formatInstant(t.lastUsedAt, zone)}` : "never used"}
                  </p>
                </div>
                {t.revokedAt ? <Badge>Revoked</Badge> : (
                  <ActionForm action={revokeApiTokenAction} className="shrink-0" showSuccess={false}>
                    <input type="hidden" name="tokenId" value={t.id} />
                    <SubmitButton variant="secondary" pendingLabel="Revoking…" ariaLabel={`Revoke ${t.name}`}>Revoke</SubmitButton>
                  </ActionForm>
                )}
              </li>
            ))}
          </ul>
        )}
        <div className="mt-4 border-t border-slate-100 pt-4">
          <NewApiTokenForm action={createApiTokenAction} clients={clients} staff={viewer.staffRole !== null} />
        </div>
      </Card>
      {twoStepFirst && (
        <div role="alert" className="rounded-lg bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-200">
          <p className="font-medium">
            {viewer.staffRole ? "Staff sign in with two steps." : viewer.membersTwoStep ? "Your practice asks everyone at its clients to sign in with two steps." : "Your practice asks its clients' owners to sign in with two steps."}
          </p>
          <p className="mt-1">
            {secondFactor.since || secondFactor.passkeys.length > 0
              ? "This session started with the emailed code alone. Sign out and sign in again: after the emailed code, use your passkey or the code from your authenticator app."
              : viewer.staffRole
                ? "Add a passkey or set up an authenticator app below. Until then the portal's other pages are closed to you: they hold every client's ledger, invoices and pay links."
                : viewer.memberships.some((m) => m.role === "owner")
                  ? "Add a passkey or set up an authenticator app below. Until then the portal's other pages are closed to you: they hold your invoices and decisions."
                  : "Add a passkey or set up an authenticator app below. Until then the portal's other pages are closed to you: they hold your company's hours and plans."}
          </p>
        </div>
      )}
      <section id="two-step" className="scroll-mt-24">
        <Card title="Two-step sign-in">
          {hostedSignIn ? (
            <p className="text-sm text-slate-700">{HOSTED_NO_TWO_STEP}</p>
          ) : <TwoStep status={secondFactor} qrSvg={qrSvg} recent={recentSignIn} since={secondFactor.since ? formatInstant(secondFactor.since, zone, { dateStyle: "medium" }) : null}
            actions={{ start: startTwoStepAction, confirm: confirmTwoStepAction, renew: renewTwoStepCodesAction, turnOff: turnOffTwoStepAction }}
            passkeyActions={{ options: passkeyRegistrationOptionsAction, add: addPasskeyAction, remove: removePasskeyAction }}
            otherSessions={sessions.filter((s) => !s.current).length} endOthers={endOtherSessionsAction}
            passkeyDates={Object.fromEntries(secondFactor.passkeys.flatMap((k) => [
              [`${k.id}:created`, formatInstant(k.createdAt, zone, { dateStyle: "medium" })],
              ...(k.lastUsedAt ? [[`${k.id}:used`, formatInstant(k.lastUsedAt, zone, { dateStyle: "medium", timeStyle: "short" })]] : []),
            ]))} />}
        </Card>
      </section>
      <section id="sessions" className="scroll-mt-24">
        <Card title="Where you are signed in">
          <p className="mb-4 text-sm text-slate-600">
            Each browser you sign in on is a session. One unused for 7 days ends; none lasts past 30 days. End any you do not recognise, then sign out
            everywhere if you think someone else used your account.
          </p>
          <SessionList sessions={sessions} zone={zone} endOne={endOwnSessionAction} endOthers={endOtherSessionsAction} recent={recentSignIn} />
        </Card>
      </section>
      <Card title="Recent security activity">
        <p className="mb-3 text-sm text-slate-600">Sign-ins, failed sign-ins, codes sent to you and ended sessions, newest first.</p>
        <SecurityEventList events={events} zone={zone} label="Your recent security activity" />
      </Card>
      <Card title="Sign out everywhere">
        <p className="text-sm text-slate-600">
          Ends every session you have: on this device, other browsers and any device you forgot to sign out of.
          Use it if a device was lost or someone else may have used your account. You can sign in again with a new code.
        </p>
        <Confirm label="Sign out everywhere…" tone="secondary" className="mt-4">
          {/* A plain form post, like Sign out: the answer clears what this browser kept (app/logout/route.ts). */}
          <form action="/logout?everywhere=1" method="post" aria-label="Sign out everywhere" className="space-y-3">
            <p className="text-sm text-slate-700">Every browser and device signed in as you, this one included, is signed out at once.</p>
            <button type="submit" className={buttonClass("danger")}>Sign out on every device</button>
          </form>
        </Confirm>
      </Card>
    </div>
  );
}
