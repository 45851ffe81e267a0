"use client";
// Log time from anywhere in the engineer views: a button and the `L` shortcut open a dialog; Enter saves.
// Past the owner's pre-approved overage the server answers with the overage this entry creates, and the
// engineer confirms or cancels.
import { usePathname } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState, useTransition } from "react";
import { CATEGORY_OPTIONS } from "@/components/hours/categories";
import { buttonClass } from "@/components/ui/button";
import { parseDuration } from "@/lib/domain/duration";
import { formatMinutes } from "@/lib/format";
import type { ActionState } from "@/lib/action-state";
import type { LogOutcome } from "@/lib/ledger";

export type LogAction = (state: ActionState<LogOutcome>, form: FormData) => Promise<ActionState<LogOutcome>>;

export interface LogTimeClient {
  id: string;
  name: string;
  /** Today in the client's zone (YYYY-MM-DD). */
  today: string;
  items: { id: string; title: string }[];
}

const fieldClass = (invalid: boolean) =>
  `block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset focus:ring-2 focus:ring-inset ${
    invalid ? "ring-red-400 focus:ring-red-500" : "ring-slate-300 focus:ring-brand-500"
  }`;

function isTyping(target: EventTarget | null) {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

export function LogTime({ clients, action }: { clients: LogTimeClient[]; action: LogAction }) {
  const pathname = usePathname();
  const routeClient = /^\/clients\/([0-9a-f-]{36})/.exec(pathname)?.[1];
  const dialog = useRef<HTMLDialogElement>(null);
  const [toast, setToast] = useState<string | null>(null);
  const [session, setSession] = useState(0); // a new form each time the dialog opens

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== "l" || e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target) || dialog.current?.open) return;
      e.preventDefault();
      open();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => setToast(null), 5000);
    return () => clearTimeout(t);
  }, [toast]);

  function open() {
    setSession((s) => s + 1);
    dialog.current?.showModal();
  }

  if (clients.length === 0) return null;
  return (
    <>
      <button type="button" onClick={open} className={buttonClass("primary", "sm")} aria-keyshortcuts="L">
        Log time <kbd className="hidden rounded bg-white/20 px-1 font-sans text-xs sm:inline">L</kbd>
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="log-time-title"
        className="m-auto w-[calc(100%-2rem)] max-w-lg rounded-xl bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <LogTimeForm
          key={session}
          clients={clients}
          action={action}
          defaultClientId={clients.some((c) => c.id === routeClient) ? routeClient! : clients[0].id}
          onClose={() => dialog.current?.close()}
          onSaved={(summary) => {
            dialog.current?.close();
            setToast(summary);
          }}
        />
      </dialog>
      <div aria-live="polite" className="fixed bottom-4 right-4 z-50">
        {toast && <p role="status" className="rounded-lg bg-slate-900 px-4 py-3 text-sm text-white shadow-lg">{toast}</p>}
      </div>
    </>
  );
}

function LogTimeForm({
  clients, action, defaultClientId, onClose, onSaved,
}: { clients: LogTimeClient[]; action: LogAction; defaultClientId: string; onClose: () => void; onSaved: (summary: string) => void }) {
  const id = useId();
  const [clientId, setClientId] = useState(defaultClientId);
  const client = clients.find((c) => c.id === clientId)!;
  const [workDate, setWorkDate] = useState(client.today);
  const [dateTouched, setDateTouched] = useState(false);
  const [duration, setDuration] = useState("");
  const [description, setDescription] = useState("");
  const [category, setCategory] = useState("build");
  const [billable, setBillable] = useState(true);
  const [itemId, setItemId] = useState("");
  const [state, setState] = useState<ActionState<LogOutcome>>(null);
  const [pending, startTransition] = useTransition();
  const parsed = useMemo(() => parseDuration(duration), [duration]);

  const errors = state && !state.ok ? state.fieldErrors : {};
  const warning = state?.ok && state.data.status === "needs_confirmation" ? state.data : null;

  function submit(confirmOverage: boolean) {
    const form = new FormData();
    form.set("clientId", clientId);
    form.set("workDate", workDate);
    form.set("minutes", duration);
    form.set("description", description);
    form.set("category", category);
    form.set("billable", billable ? "on" : "");
    form.set("roadmapItemId", itemId);
    form.set("confirmOverage", confirmOverage ? "1" : "");
    startTransition(async () => {
      const result = await action(null, form);
      setState(result);
      if (result?.ok && result.data.status === "saved") onSaved(result.data.summary);
    });
  }

  const err = (name: string) => errors[name]?.[0];
  const described = (name: string) => (err(name) ? `${id}-${name}-error` : undefined);

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit(false);
      }}
      className="p-5 sm:p-6"
    >
      <div className="flex items-start justify-between gap-4">
        <h2 id="log-time-title" className="text-lg font-semibold text-slate-900">Log time</h2>
        <button type="button" onClick={onClose} className="rounded p-1 text-slate-500 hover:bg-slate-100" aria-label="Close">✕</button>
      </div>

      {state && !state.ok && (
        <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200">{state.error}</p>
      )}

      <div className="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-2">
        {clients.length > 1 && (
          <div className="sm:col-span-2">
            <label htmlFor={`${id}-client`} className="mb-1 block text-sm font-medium text-slate-800">Client</label>
            <select
              id={`${id}-client`} value={clientId} className={fieldClass(false)}
              onChange={(e) => {
                const next = clients.find((c) => c.id === e.target.value)!;
                setClientId(next.id);
                setItemId("");
                if (!dateTouched) setWorkDate(next.today);
                setState(null);
              }}
            >
              {clients.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </div>
        )}
        <div>
          <label htmlFor={`${id}-duration`} className="mb-1 block text-sm font-medium text-slate-800">Duration</label>
          <input
            id={`${id}-duration`} value={duration} autoFocus inputMode="decimal" autoComplete="off" placeholder="1:30"
            onChange={(e) => { setDuration(e.target.value); setState(null); }}
            aria-invalid={err("minutes") ? true : undefined} aria-describedby={described("minutes") ?? `${id}-duration-hint`}
            className={fieldClass(Boolean(err("minutes")))}
          />
          {err("minutes") ? (
            <p id={`${id}-minutes-error`} className="mt-1 text-sm text-red-700">{err("minutes")}</p>
          ) : (
            <p id={`${id}-duration-hint`} className="mt-1 text-xs text-slate-500">
              {parsed ? <>= <strong>{formatMinutes(parsed)}</strong></> : "1:30, 1h30, 1.5 or 90m"}
            </p>
          )}
        </div>
        <div>
          <label htmlFor={`${id}-date`} className="mb-1 block text-sm font-medium text-slate-800">Date</label>
          <input
            id={`${id}-date`} type="date" value={workDate} max={client.today}
            onChange={(e) => { setWorkDate(e.target.value); setDateTouched(true); }}
            aria-invalid={err("workDate") ? true : undefined} aria-describedby={described("workDate")}
            className={fieldClass(Boolean(err("workDate")))}
          />
          {err("workDate") && <p id={`${id}-workDate-error`} className="mt-1 text-sm text-red-700">{err("workDate")}</p>}
        </div>
        <div className="sm:col-span-2">
          <label htmlFor={`${id}-description`} className="mb-1 block text-sm font-medium text-slate-800">What did you do?</label>
          <input
            id={`${id}-description`} value={description} maxLength={2000} autoComplete="off"
            onChange={(e) => setDescription(e.target.value)} placeholder="Built the order import"
            aria-invalid={err("description") ? true : undefined} aria-describedby={described("description")}
            className={fieldClass(Boolean(err("description")))}
          />
          {err("description") && <p id={`${id}-description-error`} className="mt-1 text-sm text-red-700">{err("description")}</p>}
        </div>
        <div>
          <label htmlFor={`${id}-category`} className="mb-1 block text-sm font-medium text-slate-800">Category</label>
          <select id={`${id}-category`} value={category} onChange={(e) => setCategory(e.target.value)} className={fieldClass(Boolean(err("category")))}>
            {CATEGORY_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-item`} className="mb-1 block text-sm font-medium text-slate-800">Roadmap item</label>
          <select id={`${id}-item`} value={itemId} onChange={(e) => setItemId(e.target.value)} className={fieldClass(Boolean(err("roadmapItemId")))}>
            <option value="">None</option>
            {client.items.map((i) => <option key={i.id} value={i.id}>{i.title}</option>)}
          </select>
          {err("roadmapItemId") && <p className="mt-1 text-sm text-red-700">{err("roadmapItemId")}</p>}
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-800 sm:col-span-2">
          <input type="checkbox" checked={billable} onChange={(e) => setBillable(e.target.checked)} className="size-4 rounded border-slate-300" />
          Billable (counts against the retainer)
        </label>
      </div>

      {warning ? (
        <div role="alert" className="mt-5 rounded-md bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
          <p className="font-medium">This goes past the pre-approved overage.</p>
          <p className="mt-1">
            With this entry the month has <strong>{warning.overage}</strong> of billable overage ({warning.amount}),{" "}
            {warning.unapproved} more than the {warning.preapproved} the owner pre-approved.
          </p>
          <div className="mt-3 flex gap-2">
            <button type="button" disabled={pending} onClick={() => submit(true)} className={buttonClass("primary")}>
              {pending ? "Saving…" : "Log it anyway"}
            </button>
            <button type="button" onClick={() => setState(null)} className={buttonClass("secondary")}>Cancel</button>
          </div>
        </div>
      ) : (
        <div className="mt-6 flex items-center justify-end gap-2">
          <button type="button" onClick={onClose} className={buttonClass("ghost")}>Cancel</button>
          <button type="submit" disabled={pending} className={buttonClass("primary")}>
            {pending && <span aria-hidden className="size-3.5 animate-spin rounded-full border-2 border-current border-t-transparent" />}
            {pending ? "Saving…" : "Save entry"}
          </button>
        </div>
      )}
    </form>
  );
}
