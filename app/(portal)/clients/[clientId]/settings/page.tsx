import type { Metadata } from "next";
import Link from "next/link";
import { BillingDetailsCard } from "@/components/clients/billing-details-card";
import { BILLING_TIMING_LABELS, ClientFields } from "@/components/clients/client-fields";
import { PeopleCard } from "@/components/clients/people-card";
import { SlackCard } from "@/components/clients/slack-card";
import { TermsCard } from "@/components/clients/terms-card";
import { ActionForm, SelectField, SubmitButton } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { Confirm } from "@/components/ui/confirm";
import { authorizePage } from "@/lib/pages/access";
import { viewClientSettings } from "@/lib/pages/client-settings";
import { formatDate, formatInstant } from "@/lib/format";
import {
  archiveClientAction, assignEngineerAction, changeMemberRoleAction, endMemberSessionsAction, inviteAction, removeMemberAction, resendInvitationAction, revokeInvitationAction,
  setAiDraftingAction, setBillingDetailsAction, setTermsAction, unassignEngineerAction, updateClientAction, connectSlackAction, disconnectSlackAction,
} from "./actions";
import { clockNow } from "@/lib/platform/clock";

export const metadata: Metadata = { title: "Client settings" };

// GET /clients/:clientId/settings — staff manage the client and its people; owners see who has access.
export default async function ClientSettings({ params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  const access = await authorizePage("billing", clientId);
  const { viewer, client, isStaff, memberRole } = access;
  const { admin, terms, members, engineers, pending, unassigned, currentMonth, billing, countries, slack } = await viewClientSettings(access, clockNow());

  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
      <Card title="Details" className="lg:col-span-2">
        {isStaff ? (
          <ActionForm action={updateClientAction} ariaLabel="Client details">
            <input type="hidden" name="clientId" value={client.id} />
            <ClientFields client={client} />
            <SubmitButton>Save details</SubmitButton>
          </ActionForm>
        ) : (
          <dl className="grid gap-3 text-sm sm:grid-cols-3">
            <div><dt className="text-slate-500">Time zone</dt><dd className="font-medium">{client.timezone}</dd></div>
            <div><dt className="text-slate-500">Currency</dt><dd className="font-medium">{client.currency}</dd></div>
            <div><dt className="text-slate-500">Billing email</dt><dd className="font-medium">{client.billingEmail || "—"}</dd></div>
            <div className="sm:col-span-2"><dt className="text-slate-500">Billing timing</dt><dd className="font-medium">{BILLING_TIMING_LABELS[client.billingTiming]}</dd></div>
            <div><dt className="text-slate-500">Retainer starts on</dt><dd className="font-medium">{client.startDate ? formatDate(client.startDate) : "—"}</dd></div>
          </dl>
        )}
      </Card>

      <BillingDetailsCard clientId={client.id} clientName={client.name} details={billing} countries={countries} editable={isStaff} action={setBillingDetailsAction} />

      <TermsCard
        clientId={client.id} currency={client.currency} terms={terms} editable={isStaff} action={setTermsAction}
        currentMonth={currentMonth}
      />

      <PeopleCard
        clientId={client.id} clientName={client.name} viewerId={viewer.userId} members={members} canManage={isStaff}
        invitations={pending.map((i) => ({
          id: i.id, email: i.email, role: i.role, expired: i.expired,
          expiry: `Link ${i.expired ? "expired" : "expires"} ${formatInstant(i.expiresAt, client.timezone, { dateStyle: "medium" })}`,
        }))}
        actions={{ invite: inviteAction, resend: resendInvitationAction, withdraw: revokeInvitationAction, changeRole: changeMemberRoleAction, remove: removeMemberAction, endSessions: endMemberSessionsAction }}
      />

      <Card title={isStaff ? "Engineers" : "Who works on your account"}>
        <ul className="divide-y divide-slate-100">
          {engineers.map((e) => (
            <li key={e.userId} className="flex items-center justify-between gap-3 py-2 text-sm">
              <span className="min-w-0">
                <span className="block font-medium text-slate-900">{e.fullName || e.email}</span>
                <span className="block text-slate-500">
                  {isStaff && e.role === "admin" ? "Practice admin" : "Engineer"}{e.assigned ? "" : " · logged time in the last three months"}
                </span>
              </span>
              {admin && e.assigned && (
                <ActionForm action={unassignEngineerAction} className="">
                  <input type="hidden" name="clientId" value={client.id} />
                  <input type="hidden" name="userId" value={e.userId} />
                  <SubmitButton variant="secondary" pendingLabel="Removing…">Remove</SubmitButton>
                </ActionForm>
              )}
            </li>
          ))}
          {engineers.length === 0 && (
            <li className="py-2 text-sm text-slate-600">
              {isStaff ? "No engineer assigned and nobody logged time lately. Admins still see this client." : "Nobody is assigned to your account yet."}
            </li>
          )}
        </ul>
        {admin && unassigned.length > 0 && (
          <ActionForm action={assignEngineerAction} className="mt-4 flex flex-wrap items-end gap-3" ariaLabel="Assign an engineer">
            <input type="hidden" name="clientId" value={client.id} />
            <div className="min-w-48 flex-1">
              <SelectField name="userId" label="Assign an engineer" options={unassigned.map((s) => ({ value: s.userId, label: s.fullName || s.email }))} />
            </div>
            <SubmitButton variant="secondary" pendingLabel="Assigning…">Assign</SubmitButton>
          </ActionForm>
        )}
      </Card>

      <Card title="Weekly update drafting" className="lg:col-span-2">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="max-w-2xl text-sm text-slate-700">
            {client.aiDraftingEnabled
              ? "On: your engineer may have Claude draft each weekly update from the week's logged entries. Only this client's week is sent, and every figure is checked against the ledger before anyone sees it."
              : "Off: weekly updates are drafted from a template of the week's facts. Nothing is sent to Claude."}{" "}
            Contact details and anything that looks like a secret are masked before sending, and{" "}
            <Link className="font-medium text-brand-700 underline" href={`/clients/${client.id}/ai`}>What AI saw</Link> keeps every request exactly as sent.
          </p>
          {memberRole === "owner" ? (
            <ActionForm action={setAiDraftingAction} className="" ariaLabel="AI drafting">
              <input type="hidden" name="clientId" value={client.id} />
              <input type="hidden" name="enabled" value={client.aiDraftingEnabled ? "false" : "true"} />
              <SubmitButton variant="secondary">{client.aiDraftingEnabled ? "Turn off Claude drafting" : "Turn on Claude drafting"}</SubmitButton>
            </ActionForm>
          ) : (
            <Badge tone={client.aiDraftingEnabled ? "brand" : "slate"}>{client.aiDraftingEnabled ? "Claude drafting on" : "Claude drafting off"} (owners decide)</Badge>
          )}
        </div>
      </Card>

      <SlackCard clientId={client.id} slack={slack} zone={viewer.timezone ?? client.timezone} connect={connectSlackAction} disconnect={disconnectSlackAction} />

      <Card title="Your data" className="lg:col-span-2">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="max-w-2xl text-sm text-slate-700">
            {isStaff ? `Everything about ${client.name}` : "Everything about your account"}: every hour logged, the statements, invoices, roadmap
            with its comments, weekly updates and the audit trail, as spreadsheets and JSON in one ZIP. It is yours to keep.
          </p>
          <a href={`/clients/${client.id}/export`} download className={buttonClass("secondary")}>Download everything</a>
        </div>
      </Card>

      {isStaff && (
        <Card title={client.archivedAt ? "Archived" : "Archive"} className="lg:col-span-2">
          {client.archivedAt ? (
            <ActionForm action={archiveClientAction} className="flex flex-wrap items-center justify-between gap-3">
              <input type="hidden" name="clientId" value={client.id} />
              <input type="hidden" name="archived" value="false" />
              <p className="text-sm text-slate-600">This client is archived: hidden from the engineer home, and its people can no longer switch to it.</p>
              <SubmitButton variant="secondary" pendingLabel="Saving…">Restore client</SubmitButton>
            </ActionForm>
          ) : (
            <div className="flex flex-wrap items-start justify-between gap-3">
              <p className="text-sm text-slate-600">Archiving hides the client from the engineer home and closes the portal to its owners and members. Its history stays; you can restore it any time.</p>
              <Confirm label="Archive client…" tone="danger">
                <ActionForm action={archiveClientAction} className="space-y-3" ariaLabel="Archive the client">
                  <input type="hidden" name="clientId" value={client.id} />
                  <input type="hidden" name="archived" value="true" />
                  <p className="text-sm text-slate-700">
                    {client.name} leaves the engineer home and its owners and members can no longer open it until you restore it.
                    Nothing is deleted.
                  </p>
                  <SubmitButton variant="danger" pendingLabel="Archiving…">Archive {client.name}</SubmitButton>
                </ActionForm>
              </Confirm>
            </div>
          )}
        </Card>
      )}
    </div>
  );
}
