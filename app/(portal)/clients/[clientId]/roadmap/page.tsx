import type { Metadata } from "next";
import Link from "next/link";
import { RoadmapBoard } from "@/components/roadmap/board";
import { STATUS_LABELS, STATUS_TONES } from "@/components/roadmap/labels";
import { ItemFlagBadges, PlannedWorkSummary } from "@/components/roadmap/flags";
import { EstimateProgress } from "@/components/roadmap/progress";
import { ItemFields } from "@/components/roadmap/item-fields";
import { ActionForm, SelectField, SubmitButton, TextAreaField, TextField } from "@/components/ui/action-form";
import { Badge, Card, EmptyState } from "@/components/ui/card";
import { authorizePage } from "@/lib/pages/access";
import { keyedAccess, renderKey, type RenderKey } from "@/lib/pages/rendered";
import { viewRoadmap, type DatedItem } from "@/lib/pages/roadmap";
import type { LocalDate } from "@/lib/domain/dates";
import { clockNow } from "@/lib/platform/clock";
import { formatDate, formatMonth } from "@/lib/format";
import { createItemAction, moveItemAction, proposeItemAction } from "./actions";

export const metadata: Metadata = { title: "Roadmap" };

// GET /clients/:clientId/roadmap — the plan as a board (by status) or a timeline (by target month).
export default async function RoadmapPage({ params, searchParams }: {
  params: Promise<{ clientId: string }>;
  searchParams: Promise<{ view?: string }>;
}) {
  const { clientId } = await params;
  const key = renderKey(await authorizePage("member", clientId), clockNow());
  return <Roadmap view={key} timelineView={(await searchParams).view === "timeline"} />;
}

/** Rendered once per person, client, data version, day and view (lib/pages/rendered). */
async function Roadmap({ view: key, timelineView }: { view: RenderKey; timelineView: boolean }) {
  "use cache";
  const { isStaff, memberRole } = key;
  const clientId = key.client.id;
  const { view, today, work, itemCount, board, timeline, dropped } = await viewRoadmap(keyedAccess(key), { view: timelineView ? "timeline" : undefined }, clockNow());
  const base = `/clients/${clientId}/roadmap`;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="Roadmap views" className="inline-flex rounded-md bg-white p-0.5 shadow-sm ring-1 ring-slate-200">
          {(["board", "timeline"] as const).map((v) => (
            <Link key={v} href={v === "board" ? base : `${base}?view=timeline`} aria-current={view === v ? "page" : undefined}
              className={`rounded px-3 py-1.5 text-sm font-medium capitalize ${view === v ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-50"}`}>
              {v}
            </Link>
          ))}
        </nav>
      </div>

      {isStaff && (
        <details className="group rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          <summary className="cursor-pointer list-none px-4 py-3 text-sm font-medium text-brand-700 sm:px-5">+ Add an item</summary>
          <ActionForm action={createItemAction} className="space-y-4 border-t border-slate-100 px-4 py-4 sm:px-5" ariaLabel="Add a roadmap item">
            <input type="hidden" name="clientId" value={clientId} />
            <ItemFields />
            <SelectField name="status" label="Starts in" options={[{ value: "planned", label: "Planned" }, { value: "in_progress", label: "In progress" }, { value: "proposed", label: "Proposed" }]} defaultValue="planned" />
            <SubmitButton pendingLabel="Adding…">Add item</SubmitButton>
          </ActionForm>
        </details>
      )}
      {memberRole === "owner" && !isStaff && (
        <details className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          <summary className="cursor-pointer list-none px-4 py-3 text-sm font-medium text-brand-700 sm:px-5">+ Propose an idea</summary>
          <ActionForm action={proposeItemAction} className="space-y-4 border-t border-slate-100 px-4 py-4 sm:px-5" ariaLabel="Propose a roadmap item">
            <input type="hidden" name="clientId" value={clientId} />
            <p className="text-sm text-slate-600">Your engineer reviews proposals and plans them in, or explains why not.</p>
            <TextField name="title" label="Title" maxLength={200} placeholder="Automate the weekly stock report" />
            <TextAreaField name="description" label="What would it do for you?" rows={4} hint="Markdown works: lists, **bold**, links." />
            <SubmitButton pendingLabel="Sending…">Propose</SubmitButton>
          </ActionForm>
        </details>
      )}

      <PlannedWorkSummary work={work} />

      {itemCount === 0 ? (
        <EmptyState title="No roadmap yet">{isStaff ? "Add the audit as the first item." : "Your engineer will lay out the plan here."}</EmptyState>
      ) : view === "board" ? (
        <RoadmapBoard
          clientId={clientId}
          today={today}
          canEdit={isStaff}
          moveAction={moveItemAction}
          items={board}
        />
      ) : (
        <Timeline clientId={clientId} today={today} groups={timeline} />
      )}

      {dropped.length > 0 && (
        <Card title={`Dropped (${dropped.length})`}>
          <ul className="divide-y divide-slate-100 text-sm">
            {dropped.map((i) => (
              <li key={i.id} className="py-2">
                <Link href={`${base}/${i.id}`} className="font-medium text-slate-700 hover:underline">{i.title}</Link>
                {i.dropReason && <span className="text-slate-500"> — {i.dropReason}</span>}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}

function Timeline({ clientId, today, groups }: { clientId: string; today: LocalDate; groups: [string, DatedItem[]][] }) {
  return (
    <ol className="relative space-y-6 border-l-2 border-slate-200 pl-6" aria-label="Roadmap by target month">
      {groups.map(([month, list]) => (
        <li key={month || "none"}>
          <span aria-hidden className="absolute -left-[7px] mt-1.5 size-3 rounded-full border-2 border-white bg-brand-500" />
          <h2 className="text-sm font-semibold text-slate-900">{month ? formatMonth(month) : "No target month"}</h2>
          <ul className="mt-2 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {list.map((i) => (
              <li key={i.id} className="rounded-md bg-white p-3 shadow-sm ring-1 ring-slate-200">
                <div className="flex items-start justify-between gap-2">
                  <Link href={`/clients/${clientId}/roadmap/${i.id}`} className="font-medium text-slate-900 hover:underline">{i.title}</Link>
                  <Badge tone={STATUS_TONES[i.status]}>{STATUS_LABELS[i.status]}</Badge>
                </div>
                {i.shippedOn && <p className="mt-0.5 text-xs text-slate-500">Shipped {formatDate(i.shippedOn)}</p>}
                <div className="mt-1.5 empty:hidden"><ItemFlagBadges item={i} today={today} /></div>
                <div className="mt-2"><EstimateProgress actualMinutes={i.actualMinutes} estimateMinutes={i.estimateMinutes} compact /></div>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
