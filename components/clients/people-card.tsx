"use client";
// A client's people: its owners and members, and for the staff who work for it the pending invitations and
// the controls (invite, resend, withdraw, change a role, remove). A client component for the notice at the
// top: a removed person's row (or a withdrawn invitation) disappears with its form in the same render that
// brings the result, so the card itself says what happened.
import { useMemo, useState } from "react";
import { ActionForm, SelectField, SubmitButton, TextField } from "@/components/ui/action-form";
import { Badge, Card } from "@/components/ui/card";
import { Confirm } from "@/components/ui/confirm";
import type { ActionState } from "@/lib/commands/state";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;
type Role = "owner" | "member";

export interface PersonProps {
  userId: string;
  email: string;
  fullName: string;
  role: string;
}

export interface PendingInvitationProps {
  id: string;
  email: string;
  role: string;
  /** "Link expires Dec 2, 2026" or "Link expired Nov 20, 2026", formatted in the client's zone by the page. */
  expiry: string;
  expired: boolean;
}

const ROLE_OPTIONS = [{ value: "member", label: "Member" }, { value: "owner", label: "Owner" }];
const roleLabel = (role: string) => (role === "owner" ? "Owner" : "Member");

export function PeopleCard({ clientId, clientName, viewerId, members, invitations, canManage, actions }: {
  clientId: string;
  clientName: string;
  viewerId: string;
  members: PersonProps[];
  invitations: PendingInvitationProps[];
  /** Staff who work for the client; everyone else sees the list only. */
  canManage: boolean;
  actions: { invite: Action; resend: Action; withdraw: Action; changeRole: Action; remove: Action; endSessions: Action };
}) {
  const [notice, setNotice] = useState<string | undefined>();
  // Each row's action, telling the card its message when it succeeds (the row may be gone by then).
  const told = useMemo(() => {
    const tell = (action: Action): Action => async (state, form) => {
      const result = await action(state, form);
      setNotice(result?.ok ? result.message : undefined);
      return result;
    };
    return {
      resend: tell(actions.resend), withdraw: tell(actions.withdraw), changeRole: tell(actions.changeRole), remove: tell(actions.remove),
      endSessions: tell(actions.endSessions),
    };
  }, [actions]);
  const owners = members.filter((m) => m.role === "owner").length;
  const hidden = <input type="hidden" name="clientId" value={clientId} />;

  return (
    <Card title="People">
      {notice && (
        <p role="status" className="mb-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-inset ring-emerald-200">{notice}</p>
      )}
      <ul className="divide-y divide-slate-100" aria-label={`People of ${clientName}`}>
        {members.map((m) => (
          <Member key={`${m.userId}:${m.role}`} member={m} isYou={m.userId === viewerId} onlyOwner={m.role === "owner" && owners === 1}
            canManage={canManage} clientName={clientName} hidden={hidden} actions={told} />
        ))}
        {members.length === 0 && <li className="py-2 text-sm text-slate-600">Nobody from the client has access yet.</li>}
      </ul>

      {canManage && (
        <>
          {invitations.length > 0 && (
            <div className="mt-4">
              <h3 id="pending-invitations" className="text-xs font-medium uppercase tracking-wide text-slate-500">Pending invitations</h3>
              <ul className="mt-1 divide-y divide-slate-100" aria-labelledby="pending-invitations">
                {invitations.map((i) => (
                  <li key={i.id} className="py-2.5" aria-label={`Invitation to ${i.email}`}>
                    <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
                      <span className="min-w-0 break-all text-sm font-medium text-slate-900">{i.email}</span>
                      <Badge tone={i.role === "owner" ? "brand" : "slate"}>{roleLabel(i.role)}</Badge>
                    </div>
                    <p className={`mt-0.5 text-xs ${i.expired ? "font-medium text-amber-800" : "text-slate-500"}`}>
                      {i.expiry}{i.expired ? ". Resend it to send a new link." : ""}
                    </p>
                    <div className="mt-1.5 flex flex-wrap items-start gap-2">
                      <ActionForm action={told.resend} className="space-y-2" ariaLabel={`Resend the invitation to ${i.email}`} showSuccess={false}>
                        {hidden}
                        <input type="hidden" name="invitationId" value={i.id} />
                        <SubmitButton variant="secondary" pendingLabel="Sending…" ariaLabel={`Resend the invitation to ${i.email}`}>Resend</SubmitButton>
                      </ActionForm>
                      <ActionForm action={told.withdraw} className="space-y-2" ariaLabel={`Withdraw the invitation to ${i.email}`} showSuccess={false}>
                        {hidden}
                        <input type="hidden" name="invitationId" value={i.id} />
                        <SubmitButton variant="secondary" pendingLabel="Withdrawing…" ariaLabel={`Withdraw the invitation to ${i.email}`}>Withdraw</SubmitButton>
                      </ActionForm>
                    </div>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {/* The form's messages sit above the fields at full width; the fields keep their own row. */}
          <ActionForm action={actions.invite} className="mt-4 space-y-3 border-t border-slate-100 pt-4" ariaLabel="Invite someone">
            {hidden}
            <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_auto_auto] sm:items-end">
              <TextField name="email" label="Invite by email" type="email" autoComplete="off" placeholder="name@business.com" />
              <SelectField name="role" label="Role" options={ROLE_OPTIONS} defaultValue="member" />
              <SubmitButton pendingLabel="Sending…">Send invitation</SubmitButton>
            </div>
            <p className="text-xs text-slate-500">Owners also see invoices, fees and these settings. The link works once, for 7 days.</p>
          </ActionForm>
        </>
      )}
    </Card>
  );
}

function Member({ member: m, isYou, onlyOwner, canManage, clientName, hidden, actions }: {
  member: PersonProps; isYou: boolean; onlyOwner: boolean; canManage: boolean; clientName: string;
  hidden: React.ReactNode; actions: { changeRole: Action; remove: Action; endSessions: Action };
}) {
  const name = m.fullName || m.email;
  const next: Role = m.role === "owner" ? "member" : "owner";
  const user = <input type="hidden" name="userId" value={m.userId} />;
  const explainId = `only-owner-${m.userId}`;
  // A lost phone or a shared computer: everyone of the client can be signed out, the only owner too (not oneself).
  const endSessions = !isYou && (
    <Confirm label="End sessions…" ariaLabel={`End sessions of ${name}`} tone="secondary">
      <ActionForm action={actions.endSessions} className="space-y-3" ariaLabel={`End every session of ${name}`} showSuccess={false}>
        {hidden}{user}
        <p className="text-sm text-slate-700">{name} is signed out on every device and signs in again with an emailed code. Their access stays.</p>
        <SubmitButton variant="primary" pendingLabel="Ending…">End every session of {name}</SubmitButton>
      </ActionForm>
    </Confirm>
  );
  return (
    <li className="py-3" aria-label={name}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <span className="min-w-0 text-sm">
          <span className="block font-medium text-slate-900">
            {name}{isYou && <span className="ml-2 text-xs font-normal text-slate-500">(you)</span>}
          </span>
          {m.fullName && <span className="block break-all text-slate-500">{m.email}</span>}
        </span>
        <span className="flex flex-wrap gap-1.5">
          <Badge tone={m.role === "owner" ? "brand" : "slate"}>{roleLabel(m.role)}</Badge>
          {canManage && onlyOwner && <Badge tone="amber">Only owner</Badge>}
        </span>
      </div>

      {canManage && (onlyOwner ? (
        // The last owner can be neither made a member nor removed: the controls say so instead of refusing later.
        <div className="mt-2">
          <div className="flex flex-wrap gap-2">
            <button type="button" disabled aria-label={`Change role of ${name}`} aria-describedby={explainId}
              className="cursor-not-allowed rounded-md px-3.5 py-2 text-sm font-medium text-slate-500 ring-1 ring-inset ring-slate-200">
              Change role…
            </button>
            <button type="button" disabled aria-label={`Remove ${name}`} aria-describedby={explainId}
              className="cursor-not-allowed rounded-md px-3.5 py-2 text-sm font-medium text-slate-500 ring-1 ring-inset ring-slate-200">
              Remove…
            </button>
            {endSessions}
          </div>
          <p id={explainId} className="mt-1.5 text-xs text-slate-600">
            {name} is the only owner of {clientName}. Make someone else an owner first; then {name} can become a member or be removed.
          </p>
        </div>
      ) : (
        <div className="mt-2 flex flex-wrap items-start gap-2">
          <Confirm label="Change role…" ariaLabel={`Change role of ${name}`} tone="secondary">
            <ActionForm action={actions.changeRole} className="space-y-3" ariaLabel={`Role of ${name}`} showSuccess={false}>
              {hidden}{user}
              <input type="hidden" name="role" value={next} />
              <p className="text-sm text-slate-700">
                {next === "owner"
                  ? `${name} becomes an owner of ${clientName}: they also see invoices, fees and these settings, and decide on Claude drafting.`
                  : `${name} becomes a member of ${clientName}: they keep hours, the roadmap and updates, and no longer see invoices, fees or these settings.`}
              </p>
              <SubmitButton variant="primary" pendingLabel="Saving…">{next === "owner" ? `Make ${name} an owner` : `Make ${name} a member`}</SubmitButton>
            </ActionForm>
          </Confirm>
          <Confirm label="Remove…" ariaLabel={`Remove ${name}`} tone="danger">
            <ActionForm action={actions.remove} className="space-y-3" ariaLabel={`Remove ${name} from ${clientName}`} showSuccess={false}>
              {hidden}{user}
              <p className="text-sm text-slate-700">
                {name} loses access to {clientName} at once and is signed out. Comments and proposals they wrote stay. You can invite them again later.
              </p>
              <SubmitButton variant="danger" pendingLabel="Removing…">Remove {name} from {clientName}</SubmitButton>
            </ActionForm>
          </Confirm>
          {endSessions}
        </div>
      ))}
    </li>
  );
}
