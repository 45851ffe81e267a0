"use client";
// Edit, void, or (for a closed month) correct one ledger entry. Each opens a dialog bound to a server action.
import { createContext, useCallback, useContext, useEffect, useRef, useState } from "react";
import { CATEGORY_OPTIONS } from "@/components/hours/categories";
import { ActionForm, SelectField, SubmitButton, TextField } from "@/components/ui/action-form";
import { DURATION_RULE } from "@/lib/domain/duration";
import type { ActionState } from "@/lib/commands/state";

export type EntryAction = (state: ActionState, form: FormData) => Promise<ActionState>;

export interface EntryForActions {
  id: string;
  workDate: string;
  minutes: number;
  description: string;
  category: string;
  billable: boolean;
  roadmapItemId: string | null;
  roadmapTitle: string | null;
  voided: boolean;
  monthClosed: boolean;
  isAdjustment: boolean;
}

const asDuration = (m: number) => `${Math.floor(m / 60)}:${String(m % 60).padStart(2, "0")}`;

export function ActionDialog({ label, title, children }: { label: string; title: string; children: (close: () => void) => React.ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []); // unmounting the dialog closes it
  useEffect(() => {
    if (!open) return;
    ref.current?.showModal();
    // showModal focuses the first focusable element, the ✕: start on the first field instead, so typing and
    // Enter act on the form, not on closing it.
    ref.current?.querySelector<HTMLElement>("input:not([type=hidden]), select, textarea")?.focus();
  }, [open]);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className="row-action" aria-label={`${label}: ${title}`}>
        {label}
      </button>
      {open && (
        <dialog ref={ref} onClose={() => setOpen(false)} aria-label={label} className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl bg-white p-5 text-left shadow-xl backdrop:bg-slate-900/40 sm:p-6">
          <div className="mb-4 flex items-start justify-between gap-4">
            <h2 className="text-lg font-semibold text-slate-900">{label}</h2>
            <button type="button" onClick={close} className="rounded p-1 text-slate-500 hover:bg-slate-100" aria-label="Close">✕</button>
          </div>
          {children(close)}
        </dialog>
      )}
    </>
  );
}

/** What every row's actions share (the client, its open roadmap items, today, the three actions): given once per table. */
export interface EntryActionsShared {
  clientId: string;
  items: { id: string; title: string }[];
  today: string;
  editAction: EntryAction;
  voidAction: EntryAction;
  adjustAction: EntryAction;
}

const Shared = createContext<EntryActionsShared | null>(null);

/** Gives the rows' EntryActions what they share (components/hours/ledger-table renders one around its rows). */
export function EntryActionsScope({ children, ...shared }: EntryActionsShared & { children: React.ReactNode }) {
  return <Shared.Provider value={shared}>{children}</Shared.Provider>;
}

/** One entry's Edit and Void (or, in a closed month, Correct), inside an EntryActionsScope. */
export function EntryActions({ entry }: { entry: EntryForActions }) {
  const shared = useContext(Shared);
  if (!shared) throw new Error("EntryActions needs an EntryActionsScope around it");
  const { clientId, items, today, editAction, voidAction, adjustAction } = shared;
  if (entry.voided) return null;
  // Keep the entry's current item selectable even when it is no longer open (shipped, dropped).
  const itemOptions = entry.roadmapItemId && !items.some((i) => i.id === entry.roadmapItemId)
    ? [...items, { id: entry.roadmapItemId, title: entry.roadmapTitle ?? "Current item" }]
    : items;
  const hidden = (
    <>
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="entryId" value={entry.id} />
    </>
  );
  if (entry.monthClosed) {
    if (entry.isAdjustment) return null;
    return (
      <ActionDialog label="Correct" title={entry.description}>
        {(close) => (
          <ActionForm action={adjustAction} onSuccess={close}>
            {hidden}
            <p className="text-sm text-slate-600">This entry&apos;s month is closed and billed. Record a correction in an open month; it points back to this entry, re-prices that month, and the difference is credited or billed on the next invoice.</p>
            <TextField name="minutes" label="Correction" placeholder="-0:30" hint="Negative removes time (-0:30), positive adds it (+15m); a bare number is hours (-1.5 = 1h 30m removed)." autoFocus />
            <TextField name="workDate" label="Record it on" type="date" defaultValue={today} max={today} />
            <TextField name="description" label="Why" defaultValue={`Correction: ${entry.description}`} />
            <SubmitButton pendingLabel="Recording…">Record correction</SubmitButton>
          </ActionForm>
        )}
      </ActionDialog>
    );
  }
  return (
    <span className="inline-flex gap-1">
      {!entry.isAdjustment && (
        <ActionDialog label="Edit" title={entry.description}>
          {(close) => (
            <ActionForm action={editAction} onSuccess={close}>
              {hidden}
              <div className="grid grid-cols-2 gap-3">
                <TextField name="minutes" label="Duration" hint={DURATION_RULE} defaultValue={asDuration(entry.minutes)} autoFocus />
                <TextField name="workDate" label="Date" type="date" defaultValue={entry.workDate} max={today} />
              </div>
              <TextField name="description" label="What was done" defaultValue={entry.description} />
              <div className="grid grid-cols-2 gap-3">
                <SelectField name="category" label="Category" options={CATEGORY_OPTIONS} defaultValue={entry.category} />
                <SelectField name="roadmapItemId" label="Roadmap item" options={[{ value: "", label: "None" }, ...itemOptions.map((i) => ({ value: i.id, label: i.title }))]} defaultValue={entry.roadmapItemId ?? ""} />
              </div>
              <label className="flex items-center gap-2 text-sm text-slate-800">
                <input type="checkbox" name="billable" defaultChecked={entry.billable} className="size-4 rounded border-slate-300" /> Billable
              </label>
              <SubmitButton>Save changes</SubmitButton>
            </ActionForm>
          )}
        </ActionDialog>
      )}
      <ActionDialog label="Void" title={entry.description}>
        {(close) => (
          <ActionForm action={voidAction} onSuccess={close}>
            {hidden}
            <p className="text-sm text-slate-600">Voided entries stay in the ledger, struck through, and count for nothing.</p>
            <TextField name="reason" label="Reason" placeholder="Logged twice" autoFocus />
            <SubmitButton variant="danger" pendingLabel="Voiding…">Void entry</SubmitButton>
          </ActionForm>
        )}
      </ActionDialog>
    </span>
  );
}
