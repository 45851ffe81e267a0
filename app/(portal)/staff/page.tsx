import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm, SelectField, SubmitButton, TextField } from "@/components/ui/action-form";
import { Confirm } from "@/components/ui/confirm";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { authorizePage } from "@/lib/pages/access";
import { viewStaff, type StaffInvitationRow, type StaffMemberView } from "@/lib/pages/staff";
import { formatInstant } from "@/lib/format";
import {
  assignStaffClientAction, cancelStaffInvitationAction, changeStaffRoleAction, endEveryonesSessionsAction, endStaffSessionsAction, inviteStaffAction, removeStaffAction, resetStaffSecondFactorAction,
  unassignStaffClientAction,
} from "./actions";
import { SecurityEventList } from "@/components/security/events";

export const metadata: Metadata = { title: "Staff" };

const ROLE_OPTIONS = [{ value: "engineer", label: "Engineer" }, { value: "admin", label: "Admin" }];
const roleLabel = (role: string) => (role === "admin" ? "Admin" : "Engineer");

// GET /staff — the practice's people: invite, change roles, remove, and assign clients. Admins only; anyone
// else gets the same 404 as a page that does not exist.
export default async function StaffPage() {
  const { members, invitations, events, zone } = await viewStaff(await authorizePage("admin"));

  return (
    <>
      <PageHeader
        title="Staff"
        description="The practice's people. Admins see and bill every client and manage the staff and the practice settings; engineers see and bill only the clients assigned to them."
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <Card title={`People (${members.length})`} className="lg:col-span-2">
          <ul className="divide-y divide-slate-100">
            {members.map((m) => (
              <StaffMember key={m.member.userId} {...m} />
            ))}
          </ul>
          {members.length <= 1 && (
            <div className="mt-4">
              <EmptyState title="It's just you so far">
                Invite an engineer to work on some of your clients, or another admin to share the running of the practice.
                They get an email with a link that signs them straight in.
              </EmptyState>
            </div>
          )}
        </Card>

        {/* On a phone the invitation form comes first; the list can be long. */}
        <div className="order-first flex min-w-0 flex-col gap-6 lg:order-none">
          <Card title="Invite to the practice">
            <ActionForm action={inviteStaffAction} ariaLabel="Invite to the practice">
              <TextField name="email" label="Email" type="email" autoComplete="off" placeholder="name@practice.com" required maxLength={320} />
              <SelectField name="role" label="Role" options={ROLE_OPTIONS} defaultValue="engineer"
                hint="Engineers see the clients you assign them; admins see everything, including this page." />
              <SubmitButton pendingLabel="Sending…">Send invitation</SubmitButton>
            </ActionForm>
          </Card>

          <Card title="Pending invitations">
            {invitations.length === 0 ? (
              <p className="text-sm text-slate-600">No invitations waiting. People you invite appear here until they accept.</p>
            ) : (
              <ul className="divide-y divide-slate-100" aria-label="Pending invitations">
                {invitations.map((i) => <PendingInvitation key={i.id} invitation={i} />)}
              </ul>
            )}
          </Card>
        </div>
      </div>
      <section id="security" className="mt-6 scroll-mt-24">
        <Card title="Security activity">
          <p className="mb-3 text-sm text-slate-600">
            The latest sign-ins, failed sign-ins, refused requests, ended sessions and role changes of everyone in the practice and its clients.
          </p>
          <SecurityEventList events={events} zone={zone} practice label="The practice's security activity" />
          <div className="mt-4 border-t border-slate-100 pt-4">
            <Confirm label="End every session in the practice…" tone="danger">
              <ActionForm action={endEveryonesSessionsAction} ariaLabel="End every session in the practice" className="space-y-3">
                <p className="text-sm text-slate-700">
                  For a suspected leak: everyone but you, staff and clients&apos; people alike, is signed out on every device and must sign in again.
                  API tokens keep working; revoke those on each person&apos;s account page. It needs a sign-in within the last 30 minutes.
                </p>
                <SubmitButton variant="danger" pendingLabel="Ending…">End every session but mine</SubmitButton>
              </ActionForm>
            </Confirm>
          </div>
        </Card>
      </section>
    </>
  );
}

function StaffMember({ member: m, isYou, onlyAdmin, assignable }: StaffMemberView) {
  const name = m.fullName || m.email;
  const hidden = <input type="hidden" name="userId" value={m.userId} />;
  return (
    <li className="py-4 first:pt-0 last:pb-0" aria-label={name}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-medium text-slate-900">
            {name}
            {isYou && <span className="ml-2 text-xs font-normal text-slate-500">(you)</span>}
          </p>
          {m.fullName && <p className="truncate text-sm text-slate-500">{m.email}</p>}
        </div>
        <div className="flex flex-wrap gap-1.5">
          <Badge tone={m.role === "admin" ? "brand" : "slate"}>{roleLabel(m.role)}</Badge>
          {onlyAdmin && <Badge tone="amber">Only admin</Badge>}
        </div>
      </div>

      <div className="mt-3">
        <h3 className="text-xs font-medium uppercase tracking-wide text-slate-500">Clients</h3>
        {m.role === "admin" && <p className="mt-1 text-sm text-slate-600">Sees every client as an admin{m.clients.length > 0 ? "; engineer on:" : "."}</p>}
        {m.clients.length > 0 ? (
          <ul className="mt-1 flex flex-wrap gap-2" aria-label={`Clients assigned to ${name}`}>
            {m.clients.map((c) => (
              <li key={c.id} className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pl-3 pr-1 text-sm text-slate-800">
                <Link href={`/clients/${c.id}`} className="hover:underline">{c.name}</Link>
                {c.archived && <span className="text-xs text-slate-500">(archived)</span>}
                <ActionForm action={unassignStaffClientAction} className="inline-flex" ariaLabel={`Unassign ${c.name} from ${name}`}>
                  {hidden}
                  <input type="hidden" name="clientId" value={c.id} />
                  <button type="submit" aria-label={`Unassign ${c.name} from ${name}`}
                    className="grid size-6 place-items-center rounded-full text-slate-500 hover:bg-slate-200 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600">
                    <span aria-hidden>✕</span>
                  </button>
                </ActionForm>
              </li>
            ))}
          </ul>
        ) : (
          m.role === "engineer" && <p className="mt-1 text-sm text-slate-600">No clients yet: they see nothing until you assign one.</p>
        )}
        {assignable.length > 0 && (
          <ActionForm action={assignStaffClientAction} className="mt-2 flex flex-wrap items-end gap-2" ariaLabel={`Assign a client to ${name}`}>
            {hidden}
            <div className="min-w-0 flex-1 basis-48">
              <SelectField name="clientId" label="Assign a client" options={assignable.map((c) => ({ value: c.id, label: c.name }))} />
            </div>
            <SubmitButton variant="secondary" pendingLabel="Assigning…">Assign</SubmitButton>
          </ActionForm>
        )}
      </div>

      {!isYou && (
        <details className="group mt-3">
          <summary className="inline-block cursor-pointer list-none rounded-md px-2.5 py-2 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600">
            End their sessions…
          </summary>
          <ActionForm action={endStaffSessionsAction} className="mt-2 max-w-sm space-y-2" ariaLabel={`End the sessions of ${name}`}>
            {hidden}
            <p className="text-sm text-slate-700">{name} is signed out on every browser and device at once and must sign in again with a new code. Use it for a lost laptop.</p>
            <SubmitButton variant="danger" pendingLabel="Ending…">End every session of {name}</SubmitButton>
          </ActionForm>
        </details>
      )}
      {!isYou && (
        <details className="group mt-2">
          <summary className="inline-block cursor-pointer list-none rounded-md px-2.5 py-2 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600">
            Reset two-step sign-in…
          </summary>
          <ActionForm action={resetStaffSecondFactorAction} className="mt-2 max-w-sm space-y-2" ariaLabel={`Reset the two-step sign-in of ${name}`}>
            {hidden}
            <p className="text-sm text-slate-700">
              For a lost phone or passkeys and lost recovery codes. First make sure it is really {name} asking: a video call where you see them, or a
              call to a number you already had, never only a reply to the email asking. Their authenticator app, passkeys and recovery codes stop
              working, every session of theirs ends, and they set up two-step sign-in again after signing in with an emailed code.
            </p>
            <TextField name="verifiedBy" label="How you made sure it is them" maxLength={200} required hint="On the practice's security record with the reset." />
            <SubmitButton variant="danger" pendingLabel="Resetting…">Reset two-step sign-in of {name}</SubmitButton>
          </ActionForm>
        </details>
      )}
      {onlyAdmin ? (
        // The only admin's role and removal cannot change: the controls say so instead of refusing afterwards.
        <div className="mt-3">
          <label htmlFor={`role-${m.userId}`} className="block text-sm font-medium text-slate-700">Role</label>
          <div className="mt-1 flex flex-wrap items-center gap-2">
            <select id={`role-${m.userId}`} disabled aria-describedby={`only-admin-${m.userId}`} defaultValue="admin"
              className="rounded-md border-0 bg-slate-100 px-3 py-2 text-sm text-slate-600 ring-1 ring-inset ring-slate-200">
              <option value="admin">Admin</option>
            </select>
            <button type="button" disabled aria-describedby={`only-admin-${m.userId}`}
              className="cursor-not-allowed rounded-md px-3 py-2 text-sm font-medium text-slate-500 ring-1 ring-inset ring-slate-200">
              Change role
            </button>
            <button type="button" disabled aria-describedby={`only-admin-${m.userId}`}
              className="cursor-not-allowed rounded-md px-2.5 py-2 text-sm font-medium text-slate-500">
              Remove from staff…
            </button>
          </div>
          <p id={`only-admin-${m.userId}`} className="mt-1.5 text-sm text-slate-600">
            {name} is the only admin. Make someone else an admin first; then {isYou ? "you" : name} can step down or be removed.
          </p>
        </div>
      ) : (
        <div className="mt-3 flex flex-wrap items-end gap-x-6 gap-y-3">
          <ActionForm action={changeStaffRoleAction} className="flex min-w-0 flex-1 basis-64 flex-wrap items-end gap-2" ariaLabel={`Role of ${name}`}>
            {hidden}
            <div className="min-w-0 flex-1 basis-36">
              <SelectField name="role" label="Role" options={ROLE_OPTIONS} defaultValue={m.role} />
            </div>
            <SubmitButton variant="secondary" pendingLabel="Saving…">Change role</SubmitButton>
          </ActionForm>
          <details className="group">
            <summary className="cursor-pointer list-none rounded-md px-2.5 py-2 text-sm font-medium text-red-700 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-red-600">
              Remove from staff…
            </summary>
            <ActionForm action={removeStaffAction} className="mt-2 max-w-sm space-y-2" ariaLabel={`Remove ${name}`}>
              {hidden}
              <p className="text-sm text-slate-700">
                {name} loses access to every client at once{m.clients.length > 0 ? ` and is unassigned from ${m.clients.length === 1 ? "1 client" : `${m.clients.length} clients`}` : ""}.
                Time they logged stays on the ledger under their name.
              </p>
              <SubmitButton variant="danger" pendingLabel="Removing…">Remove {name}</SubmitButton>
            </ActionForm>
          </details>
        </div>
      )}
    </li>
  );
}

function PendingInvitation({ invitation: i }: { invitation: StaffInvitationRow }) {
  return (
    <li className="py-3 first:pt-0 last:pb-0" aria-label={i.email}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="min-w-0 break-all text-sm font-medium text-slate-900">{i.email}</span>
        <Badge tone={i.role === "admin" ? "brand" : "slate"}>{roleLabel(i.role)}</Badge>
      </div>
      <p className="mt-0.5 text-xs text-slate-500">
        {i.expiresAt === null
          ? "Granted from the command line; applies when they first sign in."
          : i.expired
            ? <span className="font-medium text-amber-800">Link expired {formatInstant(i.expiresAt, "UTC", { dateStyle: "medium" })}. Invite again to send a new one.</span>
            : <>Link expires {formatInstant(i.expiresAt, "UTC", { dateStyle: "medium" })}</>}
        {i.invitedBy && <> · invited by {i.invitedBy}</>}
      </p>
      <ActionForm action={cancelStaffInvitationAction} className="mt-1.5" ariaLabel={`Cancel the invitation for ${i.email}`}>
        <input type="hidden" name="invitationId" value={i.id} />
        <SubmitButton variant="secondary" pendingLabel="Cancelling…">Cancel invitation</SubmitButton>
      </ActionForm>
    </li>
  );
}
