"use client";
// Bulk edit in the ledger (issue 25), staff only: tick entries (or all of this page's), then recategorize them, link
// them to a roadmap item (or none), mark them billable or not, or void them with one reason. The server changes all
// of them or none, and says why when it refuses. The ticks are the rows' own checkboxes (`data-bulk`), so the
// server-rendered table stays as it is.
import { useEffect, useId, useState, useTransition } from "react";
import { CATEGORY_OPTIONS } from "@/components/hours/categories";
import { buttonClass } from "@/components/ui/button";
import type { ActionState } from "@/lib/commands/state";

type Change = "category" | "roadmapItem" | "billable" | "void";

const ticked = () => [...document.querySelectorAll<HTMLInputElement>("input[data-bulk]:checked")].map((i) => i.value);
const boxes = () => [...document.querySelectorAll<HTMLInputElement>("input[data-bulk]")];


export function BulkEdit({ clientId, items, action }: {
  clientId: string;
  items: { id: string; title: string }[];
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const id = useId();
  const [count, setCount] = useState(0);
  const [change, setChange] = useState<Change>("category");
  const [value, setValue] = useState({ category: "support", roadmapItemId: "", billable: "no", reason: "" });
  const [state, setState] = useState<ActionState>(null);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    const recount = () => setCount(ticked().length);
    document.addEventListener("change", recount);
    return () => document.removeEventListener("change", recount);
  }, []);

  function selectAll(on: boolean) {
    for (const box of boxes()) box.checked = on;
    setCount(ticked().length);
  }

  function apply() {
    const form = new FormData();
    form.set("clientId", clientId);
    form.set("entryIds", ticked().join(","));
    form.set("change", change);
    form.set("category", change === "category" ? value.category : "");
    form.set("roadmapItemId", change === "roadmapItem" ? value.roadmapItemId : "");
    form.set("billable", change === "billable" ? value.billable : "");
    form.set("reason", change === "void" ? value.reason : "");
    startTransition(async () => {
      const result = await action(null, form);
      setState(result);
      if (result?.ok) selectAll(false);
    });
  }

  const fieldError = state && !state.ok ? Object.values(state.fieldErrors).flat()[0] : undefined;
  const select = "rounded-md border-0 px-2 py-1.5 text-sm ring-1 ring-inset ring-slate-300";
  return (
    <section aria-labelledby={`${id}-title`} className="mb-4 rounded-md bg-slate-50 p-3 ring-1 ring-inset ring-slate-200">
      <h3 id={`${id}-title`} className="sr-only">Change several entries</h3>
      <div className="flex flex-wrap items-end gap-2 text-sm">
        <p className="mr-2 self-center text-slate-700" aria-live="polite">
          {count ? <><strong>{count}</strong> selected</> : "Tick entries to change several at once."}
        </p>
        <button type="button" onClick={() => selectAll(count < boxes().length)} className={buttonClass("ghost", "sm")}>
          {count && count === boxes().length ? "Clear selection" : "Select all on this page"}
        </button>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
          Change
          <select value={change} onChange={(e) => setChange(e.target.value as Change)} className={select}>
            <option value="category">Category</option>
            <option value="roadmapItem">Roadmap item</option>
            <option value="billable">Billable</option>
            <option value="void">Void them</option>
          </select>
        </label>
        {change === "category" && (
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
            To
            <select value={value.category} onChange={(e) => setValue((v) => ({ ...v, category: e.target.value }))} className={select}>
              {CATEGORY_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </select>
          </label>
        )}
        {change === "roadmapItem" && (
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
            To
            <select value={value.roadmapItemId} onChange={(e) => setValue((v) => ({ ...v, roadmapItemId: e.target.value }))} className={`${select} max-w-56`}>
              <option value="">None</option>
              {items.map((i) => <option key={i.id} value={i.id}>{i.title}</option>)}
            </select>
          </label>
        )}
        {change === "billable" && (
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
            To
            <select value={value.billable} onChange={(e) => setValue((v) => ({ ...v, billable: e.target.value }))} className={select}>
              <option value="yes">Billable</option>
              <option value="no">Not billable</option>
            </select>
          </label>
        )}
        {change === "void" && (
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
            Why
            <input value={value.reason} onChange={(e) => setValue((v) => ({ ...v, reason: e.target.value }))} maxLength={500} placeholder="Logged twice"
              className={`${select} w-48`} />
          </label>
        )}
        <button type="button" disabled={pending || count === 0} onClick={apply} className={buttonClass(change === "void" ? "danger" : "primary", "sm")}>
          {pending ? "Changing…" : change === "void" ? `Void ${count || ""}`.trim() : `Apply to ${count || "selected"}`}
        </button>
      </div>
      <div aria-live="polite">
        {state && (
          <p role={state.ok ? "status" : "alert"} className={`mt-2 text-sm ${state.ok ? "text-emerald-800" : "text-red-800"}`}>
            {state.ok ? state.message : fieldError ?? state.error}
          </p>
        )}
      </div>
    </section>
  );
}
