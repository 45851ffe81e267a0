import type { Metadata } from "next";
import Link from "next/link";
import { EntryTable } from "@/components/hours/entry-table";
import { STATUS_LABELS, STATUS_TONES } from "@/components/roadmap/labels";
import { ItemFields } from "@/components/roadmap/item-fields";
import { Markdown } from "@/components/ui/markdown";
import { ItemFlagBadges } from "@/components/roadmap/flags";
import { EstimateProgress } from "@/components/roadmap/progress";
import { ActionForm, SelectField, SubmitButton, TextAreaField, TextField } from "@/components/ui/action-form";
import { Badge, Card } from "@/components/ui/card";
import { authorizePage } from "@/lib/pages/access";
import { viewRoadmapItem } from "@/lib/pages/roadmap-item";
import { clockNow } from "@/lib/platform/clock";
import { formatDate, formatInstant, formatMonth } from "@/lib/format";
import { commentAction, moveItemAction, updateItemAction } from "../actions";
import { startTimerAction } from "../../../../actions";
import { draftPageAction } from "../../handbook/actions";

export const metadata: Metadata = { title: "Roadmap item" };

// GET /clients/:clientId/roadmap/:itemId — one item: plan, hours logged against it, comments, history.
export default async function RoadmapItemPage({ params }: { params: Promise<{ clientId: string; itemId: string }> }) {
  const { clientId, itemId } = await params;
  const access = await authorizePage("member", clientId);
  const { client, isStaff } = access;
  const { item, entries, comments, history, seesHistory, today, shippedOn, aiReady } = await viewRoadmapItem(access, itemId, clockNow());
  const hidden = (
    <>
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="itemId" value={itemId} />
    </>
  );

  return (
    <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-3">
      <div className="space-y-6 lg:col-span-2">
        <Card>
          <Link href={`/clients/${clientId}/roadmap`} className="text-sm text-brand-700 hover:underline">← Roadmap</Link>
          <div className="mt-2 flex flex-wrap items-start justify-between gap-3">
            <h2 className="text-xl font-semibold text-slate-900">{item.title}</h2>
            <span className="flex flex-wrap gap-1.5">
              <ItemFlagBadges item={item} today={today} />
              <Badge tone={STATUS_TONES[item.status]}>{STATUS_LABELS[item.status]}</Badge>
            </span>
          </div>
          <p className="mt-1 text-sm text-slate-500">
            {item.status === "shipped" && shippedOn ? `Shipped ${formatDate(shippedOn)}` : item.targetMonth ? `Target ${formatMonth(item.targetMonth)}` : "No target month yet"}
            {item.proposedByName && item.status === "proposed" ? ` · proposed by ${item.proposedByName}` : ""}
          </p>
          {item.status === "dropped" && item.dropReason && (
            <p className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">Dropped: {item.dropReason}</p>
          )}
          <div className="mt-4"><EstimateProgress actualMinutes={item.actualMinutes} estimateMinutes={item.estimateMinutes} /></div>
          <div className="mt-5">
            {item.description ? <Markdown links="any">{item.description}</Markdown> : <p className="text-sm text-slate-500">No description.</p>}
          </div>
        </Card>

        <Card title="Hours logged against this item">
          {entries.length === 0 ? (
            <p className="text-sm text-slate-600">No hours yet. Engineers link entries to this item when they log time.</p>
          ) : (
            <EntryTable entries={entries} caption={`Time entries for ${item.title}`} />
          )}
        </Card>

        <div id="comments" className="scroll-mt-24">
          <Card title={`Comments (${comments.length})`}>
            {comments.length > 0 && (
              <ol className="mb-4 space-y-4">
                {comments.map((c) => (
                  <li key={c.id} className="text-sm">
                    <p className="font-medium text-slate-900">{c.authorName} <time className="ml-1 text-xs font-normal text-slate-500" dateTime={c.createdAt.toISOString()}>{formatInstant(c.createdAt, client.timezone)}</time></p>
                    <p className="mt-0.5 whitespace-pre-line text-slate-700">{c.body}</p>
                  </li>
                ))}
              </ol>
            )}
            <ActionForm action={commentAction} ariaLabel="Comment form">
              {hidden}
              <TextAreaField name="body" label="Add a comment" rows={3} />
              <SubmitButton pendingLabel="Posting…">Post comment</SubmitButton>
            </ActionForm>
          </Card>
        </div>
      </div>

      <div className="space-y-6">
        {isStaff && (item.status === "planned" || item.status === "in_progress") && (
          <Card title="Timer">
            <ActionForm action={startTimerAction} className="space-y-3" ariaLabel="Start a timer on this item">
              <input type="hidden" name="clientId" value={clientId} />
              <input type="hidden" name="roadmapItemId" value={itemId} />
              <input type="hidden" name="category" value="build" />
              <input type="hidden" name="billable" value="on" />
              <TextField name="description" label="What are you doing?" defaultValue={item.title} maxLength={2000} />
              <SubmitButton pendingLabel="Starting…">Start a timer</SubmitButton>
            </ActionForm>
          </Card>
        )}
        {isStaff && item.status === "shipped" && (
          <Card title="Document it">
            <p className="text-sm text-slate-700">Shipped work is easier to keep running with a runbook in {client.name}&apos;s handbook.</p>
            <ActionForm action={draftPageAction} className="mt-3 space-y-2" ariaLabel="Draft a runbook from the work">
              <input type="hidden" name="clientId" value={clientId} />
              <input type="hidden" name="roadmapItemId" value={itemId} />
              <p className="text-sm text-slate-600">
                {aiReady
                  ? "Claude drafts it from this item's entries, comments and history, as an internal page: you correct it and save it."
                  : !client.aiDraftingEnabled
                    ? "The owners turned AI drafting off: the draft is a skeleton of this item's entries and comments, as an internal page."
                    : "No Claude API key is set: the draft is a skeleton of this item's entries and comments, as an internal page."}
              </p>
              <SubmitButton pendingLabel={aiReady ? "Claude is drafting…" : "Drafting…"}>{aiReady ? "Draft a runbook with Claude" : "Draft a runbook from the work"}</SubmitButton>
            </ActionForm>
            <Link href={`/clients/${clientId}/handbook/new?item=${itemId}`} className="mt-3 inline-block text-sm font-medium text-brand-700 underline">
              Or write one from a blank page
            </Link>
          </Card>
        )}
        {isStaff && item.status === "proposed" && (
          <Card title="Proposal">
            <ActionForm action={moveItemAction} className="space-y-3" ariaLabel="Accept proposal">
              {hidden}
              <input type="hidden" name="status" value="planned" />
              <input type="hidden" name="index" value="10000" />
              <SubmitButton>Accept and plan it</SubmitButton>
            </ActionForm>
          </Card>
        )}
        {isStaff && item.status !== "dropped" && (
          <Card title="Status">
            <ActionForm action={moveItemAction} className="space-y-3" ariaLabel="Change status">
              {hidden}
              <input type="hidden" name="index" value="10000" />
              <SelectField name="status" label="Move to" defaultValue={item.status}
                options={["proposed", "planned", "in_progress", "shipped"].map((s) => ({ value: s, label: STATUS_LABELS[s] }))} />
              <SubmitButton variant="secondary">Move</SubmitButton>
            </ActionForm>
            <ActionForm action={moveItemAction} className="mt-5 space-y-3 border-t border-slate-100 pt-4" ariaLabel="Drop item">
              {hidden}
              <input type="hidden" name="status" value="dropped" />
              <input type="hidden" name="index" value="10000" />
              <TextField name="reason" label="Drop it, because…" placeholder="Covered by the new telematics units" />
              <SubmitButton variant="danger" pendingLabel="Dropping…">Drop item</SubmitButton>
            </ActionForm>
          </Card>
        )}
        {isStaff && (
          <Card title="Edit">
            <ActionForm action={updateItemAction} ariaLabel="Edit item">
              {hidden}
              <ItemFields item={item} />
              <SubmitButton>Save item</SubmitButton>
            </ActionForm>
          </Card>
        )}
        {seesHistory && (
          <Card title="History">
            {history.length === 0 && <p className="text-sm text-slate-600">No changes recorded yet.</p>}
            <ol className="space-y-2 text-sm">
              {history.map((h) => (
                <li key={h.id}>
                  <span className="text-slate-900">{h.actorName ?? "Someone"}</span> <span className="text-slate-600">{describe(h.action, h.data)}</span>
                  <time className="block text-xs text-slate-500" dateTime={h.at.toISOString()}>{formatInstant(h.at, client.timezone)}</time>
                </li>
              ))}
            </ol>
          </Card>
        )}
      </div>
    </div>
  );
}

function describe(action: string, data: Record<string, unknown>): string {
  const after = (data.after ?? {}) as { status?: string };
  const before = (data.before ?? {}) as { status?: string };
  switch (action) {
    case "roadmap.created": return `added it as ${STATUS_LABELS[after.status ?? "planned"]?.toLowerCase()}`;
    case "roadmap.proposed": return "proposed it";
    case "roadmap.accepted": return "accepted the proposal and planned it";
    case "roadmap.moved": return `moved it from ${STATUS_LABELS[before.status ?? ""] ?? "?"} to ${STATUS_LABELS[after.status ?? ""] ?? "?"}`;
    case "roadmap.reordered": return "changed its priority";
    case "roadmap.dropped": return `dropped it: ${String(data.reason ?? "")}`;
    case "roadmap.updated": return "edited it";
    case "roadmap.commented": return "commented";
    default: return action;
  }
}
