import type { Metadata } from "next";
import Link from "next/link";
import { UpdateEditor } from "@/components/updates/update-editor";
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { Badge, Card } from "@/components/ui/card";
import { authorizePage } from "@/lib/pages/access";
import { viewUpdate } from "@/lib/pages/update";
import { formatDate, formatMinutes } from "@/lib/format";
import { draftUpdateAction, publishUpdateAction, saveDraftAction } from "../actions";

export const metadata: Metadata = { title: "Edit update" };

// GET /clients/:clientId/updates/:updateId — staff edit a draft, see what each highlight cites and what the
// phishing filter flags, publish.
export default async function UpdateEditorPage({ params }: { params: Promise<{ clientId: string; updateId: string }> }) {
  const { clientId, updateId } = await params;
  const { update, facts, entriesById: entries, flags } = await viewUpdate(await authorizePage("engineer", clientId), updateId);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <Link href={`/clients/${clientId}/updates`} className="text-sm text-brand-700 hover:underline">← Updates</Link>
          <h2 className="mt-1 text-lg font-semibold text-slate-900">Week of {formatDate(update.weekStart, { month: "long", day: "numeric", year: "numeric" })}</h2>
        </div>
        <div className="flex items-center gap-2 text-sm text-slate-600">
          <Badge tone={update.status === "published" ? "green" : "amber"}>{update.status === "published" ? "Published" : "Draft, staff only"}</Badge>
          <span>{update.source === "ai" ? `Drafted by ${update.model} (${update.promptVersion})` : update.source === "template" ? "Drafted from the template" : "Written by hand"}</span>
        </div>
      </div>

      <div className="grid grid-cols-1 items-start gap-6 xl:grid-cols-4">
        <Card className="xl:col-span-3">
          {update.status === "draft" ? (
            <UpdateEditor clientId={clientId} updateId={updateId} initialTitle={update.title} initialBody={update.bodyMd} flags={flags} saveAction={saveDraftAction} publishAction={publishUpdateAction} />
          ) : (
            <p className="text-sm text-slate-600">This update is published. <Link className="text-brand-700 underline" href={`/clients/${clientId}/updates`}>See it as the owners do.</Link></p>
          )}
        </Card>
        <div className="space-y-6">
          <Card title="What each highlight cites">
            {update.citations.length === 0 ? (
              <p className="text-sm text-slate-600">No citations.</p>
            ) : (
              <ol className="space-y-4 text-sm" aria-label="Citations">
                {update.citations.map((c, i) => (
                  <li key={i}>
                    <p className="font-medium text-slate-900">{c.highlight}</p>
                    <ul className="mt-1 space-y-1 text-slate-600">
                      {c.entryIds.map((id) => {
                        const e = entries.get(id);
                        return <li key={id}>{e ? `${formatDate(e.date, { month: "short", day: "numeric" })} · ${formatMinutes(e.minutes)} · ${e.description}` : `Unknown entry ${id}`}</li>;
                      })}
                    </ul>
                  </li>
                ))}
              </ol>
            )}
          </Card>
          <Card title="The week's facts">
            <dl className="space-y-1 text-sm">
              <div className="flex justify-between"><dt className="text-slate-600">Logged</dt><dd className="tabular-nums">{formatMinutes(facts.totalMinutes)}</dd></div>
              <div className="flex justify-between"><dt className="text-slate-600">Billable</dt><dd className="tabular-nums">{formatMinutes(facts.billableMinutes)}</dd></div>
              <div className="flex justify-between"><dt className="text-slate-600">Entries</dt><dd className="tabular-nums">{facts.entries.length}</dd></div>
            </dl>
            {update.status === "draft" && (
              <ActionForm action={draftUpdateAction} className="mt-4" ariaLabel="Redraft">
                <input type="hidden" name="clientId" value={clientId} />
                <input type="hidden" name="weekStart" value={update.weekStart} />
                <SubmitButton variant="secondary" pendingLabel="Redrafting…">Redraft from the facts</SubmitButton>
              </ActionForm>
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}
