"use client";
// The roadmap board. Staff drag cards between lanes and within a lane; every card also has keyboard
// controls (move up/down, a lane select) that do the same through the same server action.
import Link from "next/link";
import { useOptimistic, useState, useTransition, type DragEvent } from "react";
import { ItemFlagBadges } from "@/components/roadmap/flags";
import { EstimateProgress } from "@/components/roadmap/progress";
import { BOARD_LANES, STATUS_LABELS } from "@/components/roadmap/labels";
import type { ActionState } from "@/lib/commands/state";
import type { LocalDate } from "@/lib/domain/dates";
import type { BoardItem, RoadmapStatus } from "@/lib/types/roadmap";
import { formatDate, formatMonth } from "@/lib/format";

export type { BoardItem };

type Move = { itemId: string; status: string; index: number };
type MoveAction = (state: ActionState, form: FormData) => Promise<ActionState>;

function applyMove(items: BoardItem[], move: Move): BoardItem[] {
  const moving = items.find((i) => i.id === move.itemId);
  if (!moving) return items;
  const lane = items.filter((i) => i.status === move.status && i.id !== move.itemId).sort((a, b) => a.position - b.position);
  lane.splice(Math.min(move.index, lane.length), 0, { ...moving, status: move.status });
  const renumbered = new Map(lane.map((i, n) => [i.id, { ...i, position: n }]));
  return items.map((i) => renumbered.get(i.id) ?? i);
}

/** `today` is the client's local date (the app's clock): flags follow an optimistic move at once. */
export function RoadmapBoard({ clientId, items, canEdit, moveAction, today }: {
  clientId: string; items: BoardItem[]; canEdit: boolean; moveAction: MoveAction; today: LocalDate;
}) {
  const [optimistic, addMove] = useOptimistic(items, applyMove);
  const [, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [announce, setAnnounce] = useState("");

  function move(m: Move) {
    const item = optimistic.find((i) => i.id === m.itemId);
    setError(null);
    startTransition(async () => {
      addMove(m);
      const form = new FormData();
      form.set("clientId", clientId);
      form.set("itemId", m.itemId);
      form.set("status", m.status);
      form.set("index", String(m.index));
      const result = await moveAction(null, form);
      if (result && !result.ok) setError(result.error);
      else setAnnounce(`${item?.title ?? "Item"} moved to ${STATUS_LABELS[m.status]}, position ${m.index + 1}.`);
    });
  }

  const lanes = BOARD_LANES.map((status) => ({
    status,
    items: optimistic.filter((i) => i.status === status).sort((a, b) => a.position - b.position),
  }));

  function onDrop(e: DragEvent, status: string, index: number) {
    e.preventDefault();
    e.stopPropagation();
    const itemId = e.dataTransfer.getData("text/roadmap-item");
    setDragging(null);
    if (itemId) move({ itemId, status, index });
  }

  return (
    <div>
      {error && <p role="alert" className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200">{error}</p>}
      <p aria-live="polite" className="sr-only">{announce}</p>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-4">
        {lanes.map((lane) => (
          <section
            key={lane.status}
            aria-labelledby={`lane-${lane.status}`}
            onDragOver={canEdit ? (e) => e.preventDefault() : undefined}
            onDrop={canEdit ? (e) => onDrop(e, lane.status, lane.items.length) : undefined}
            className={`min-w-0 rounded-lg bg-slate-100/70 p-3 ${dragging ? "ring-2 ring-dashed ring-slate-300" : ""}`}
          >
            <h2 id={`lane-${lane.status}`} className="mb-3 flex items-center justify-between text-sm font-semibold text-slate-700">
              {STATUS_LABELS[lane.status]} <span className="rounded-full bg-white px-2 text-xs font-medium text-slate-500">{lane.items.length}</span>
            </h2>
            <ol className="space-y-2" aria-label={`${STATUS_LABELS[lane.status]} items`}>
              {lane.items.map((item, index) => (
                <li
                  key={item.id}
                  draggable={canEdit}
                  onDragStart={(e) => {
                    e.dataTransfer.setData("text/roadmap-item", item.id);
                    e.dataTransfer.effectAllowed = "move";
                    setDragging(item.id);
                  }}
                  onDragEnd={() => setDragging(null)}
                  onDragOver={canEdit ? (e) => e.preventDefault() : undefined}
                  onDrop={canEdit ? (e) => onDrop(e, lane.status, index) : undefined}
                  className={`rounded-md bg-white p-3 shadow-sm ring-1 ring-slate-200 ${canEdit ? "cursor-grab active:cursor-grabbing" : ""} ${dragging === item.id ? "opacity-50" : ""}`}
                  data-testid="roadmap-card"
                >
                  <Link href={`/clients/${clientId}/roadmap/${item.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                    {item.title}
                  </Link>
                  <p className="mt-0.5 text-xs text-slate-500">
                    {item.status === "shipped" && item.shippedOn
                      ? `Shipped ${formatDate(item.shippedOn, { month: "short", day: "numeric", year: "numeric" })}`
                      : item.targetMonth ? `Target ${formatMonth(item.targetMonth)}` : "No target month"}
                    {item.status === "proposed" && item.proposedByName ? ` · proposed by ${item.proposedByName}` : ""}
                    {item.commentCount > 0 ? ` · ${item.commentCount} comment${item.commentCount === 1 ? "" : "s"}` : ""}
                  </p>
                  <div className="mt-1.5 empty:hidden"><ItemFlagBadges item={{ ...item, status: item.status as RoadmapStatus }} today={today} /></div>
                  <div className="mt-2"><EstimateProgress actualMinutes={item.actualMinutes} estimateMinutes={item.estimateMinutes} compact /></div>
                  {canEdit && (
                    <div className="mt-2 flex items-center gap-1 border-t border-slate-100 pt-2">
                      <button type="button" disabled={index === 0} onClick={() => move({ itemId: item.id, status: lane.status, index: index - 1 })}
                        className="rounded px-1.5 py-0.5 text-xs text-slate-600 hover:bg-slate-100 disabled:opacity-30" aria-label={`Move ${item.title} up`}>↑</button>
                      <button type="button" disabled={index === lane.items.length - 1} onClick={() => move({ itemId: item.id, status: lane.status, index: index + 1 })}
                        className="rounded px-1.5 py-0.5 text-xs text-slate-600 hover:bg-slate-100 disabled:opacity-30" aria-label={`Move ${item.title} down`}>↓</button>
                      <label className="ml-auto flex items-center gap-1 text-xs text-slate-500">
                        <span className="sr-only">Lane for {item.title}</span>
                        <select
                          value={lane.status}
                          onChange={(e) => move({ itemId: item.id, status: e.target.value, index: lanes.find((l) => l.status === e.target.value)!.items.length })}
                          className="rounded border-0 bg-transparent py-0.5 pl-1 pr-6 text-xs ring-1 ring-inset ring-slate-200"
                        >
                          {BOARD_LANES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
                        </select>
                      </label>
                    </div>
                  )}
                </li>
              ))}
              {lane.items.length === 0 && <li className="rounded-md border border-dashed border-slate-300 p-3 text-center text-xs text-slate-600">Nothing here</li>}
            </ol>
          </section>
        ))}
      </div>
    </div>
  );
}
