"use client";
// The log-time form itself, loaded on demand by LogTime (components/hours/log-time): only staff open it, so
// owners' pages never download it. Past the owner's pre-approved overage the server answers with the
// overage this entry creates, and the engineer confirms or cancels.
//
// The keyboard flow README promises: L, the duration, Tab, the description, Enter. So the description comes
// right after the duration (issue 28: it sat four Tabs away, behind the date), and the fields that have a
// good default (date, category, roadmap item, billable) come after it, in the same order on screen and for Tab.
// What the duration will be saved as is shown beside it while it is typed, so a misreading is seen before
// saving, not in the ledger.
import { useEffect, useId, useMemo, useRef, useState, useTransition } from "react";
import { CATEGORY_OPTIONS } from "@/components/hours/categories";
import { OverageWarning } from "@/components/hours/overage-warning";
import { buttonClass } from "@/components/ui/button";
import { DURATION_RULE, readDuration } from "@/lib/domain/duration";
import { formatMinutes } from "@/lib/format";
import type { ActionState } from "@/lib/commands/state";
import type { Category, LogAction, LogOutcome, LogTimeClient, TimerAction } from "@/lib/types/hours";

/**
 * What the dialog says about the duration as it is typed: what it will be saved as ("= 1h 30m"), a question
 * or problem in the words the server would refuse with, or, while there is nothing readable yet, the rule.
 */
export function durationReadout(text: string): { reading: string | null; problem: string | null } {
  const r = readDuration(text);
  if (r.ok) return { reading: `= ${formatMinutes(r.minutes)}`, problem: null };
  // Half-typed text ("1:", "1h3" is fine, "1." is not) is not worth a warning yet; the rule stays on show.
  return { reading: null, problem: r.problem === "empty" || r.problem === "unreadable" ? null : r.message };
}

const fieldClass = (invalid: boolean) =>
  `block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset focus:ring-2 focus:ring-inset ${
    invalid ? "ring-red-400 focus:ring-red-500" : "ring-slate-300 focus:ring-brand-500"
  }`;

export function LogTimeForm({
  clients, action, startTimer, defaultClientId, defaultItemId, defaultCategory = "build", onClose, onSaved, onTimerStarted,
}: {
  clients: LogTimeClient[]; action: LogAction; startTimer?: TimerAction<{ summary: string }>; defaultClientId: string; defaultItemId?: string; defaultCategory?: Category;
  onClose: () => void; onSaved: (summary: string) => void; onTimerStarted?: () => void;
}) {
  const id = useId();
  const [clientId, setClientId] = useState(defaultClientId);
  const client = clients.find((c) => c.id === clientId)!;
  const [workDate, setWorkDate] = useState(client.today);
  const [dateTouched, setDateTouched] = useState(false);
  const [duration, setDuration] = useState("");
  const [description, setDescription] = useState("");
  const [category, setCategory] = useState<string>(defaultCategory);
  const [billable, setBillable] = useState(true);
  // Preselected only if it is one of the client's open items (a shipped item's page offers none).
  const [itemId, setItemId] = useState(() => (defaultItemId && client.items.some((i) => i.id === defaultItemId) ? defaultItemId : ""));
  const [state, setState] = useState<ActionState<LogOutcome>>(null);
  const [pending, startTransition] = useTransition();
  const readout = useMemo(() => durationReadout(duration), [duration]);

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

  /** Starts the timer with what the form says (the duration and date are the timer's to decide). */
  function start() {
    if (!startTimer) return;
    const form = new FormData();
    form.set("clientId", clientId);
    form.set("description", description);
    form.set("category", category);
    form.set("billable", billable ? "on" : "");
    form.set("roadmapItemId", itemId);
    startTransition(async () => {
      const result = await startTimer(null, form);
      if (result?.ok) {
        onSaved(result.data.summary);
        onTimerStarted?.();
      } else setState(result as ActionState<LogOutcome>);
    });
  }

  // A refusal puts the engineer on the first field it is about (the form's order, not the server's).
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state && !state.ok) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);

  const err = (name: string) => errors[name]?.[0];
  const described = (name: string) => (err(name) ? `${id}-${name}-error` : undefined);

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit(false);
      }}
    >
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
        <div className="sm:col-span-2">
          <label htmlFor={`${id}-duration`} className="mb-1 block text-sm font-medium text-slate-800">Duration</label>
          <div className="flex items-center gap-3">
            <input
              id={`${id}-duration`} value={duration} autoFocus autoComplete="off" placeholder="1h30"
              onChange={(e) => { setDuration(e.target.value); setState(null); }}
              aria-invalid={err("minutes") ? true : undefined}
              aria-describedby={`${id}-duration-reading ${described("minutes") ?? `${id}-duration-hint`}`}
              className={`${fieldClass(Boolean(err("minutes")))} max-w-36`}
            />
            {/* Beside the field, large: the reading the entry will be saved with. */}
            <p id={`${id}-duration-reading`} aria-live="polite" className="text-base font-semibold tabular-nums text-slate-900">
              {readout.reading}
            </p>
          </div>
          {/* One live region that stays mounted, so a question that appears while typing is announced. */}
          <div aria-live="polite">
            {err("minutes") ? (
              <p id={`${id}-minutes-error`} className="mt-1 text-sm text-red-700">{err("minutes")}</p>
            ) : readout.problem ? (
              <p id={`${id}-duration-hint`} className="mt-1 text-sm text-amber-800">{readout.problem}</p>
            ) : (
              <p id={`${id}-duration-hint`} className="mt-1 text-xs text-slate-500">{DURATION_RULE}</p>
            )}
          </div>
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
          <label htmlFor={`${id}-date`} className="mb-1 block text-sm font-medium text-slate-800">Date</label>
          <input
            id={`${id}-date`} type="date" value={workDate} max={client.today}
            onChange={(e) => { setWorkDate(e.target.value); setDateTouched(true); }}
            aria-invalid={err("workDate") ? true : undefined} aria-describedby={described("workDate")}
            className={fieldClass(Boolean(err("workDate")))}
          />
          {err("workDate") && <p id={`${id}-workDate-error`} className="mt-1 text-sm text-red-700">{err("workDate")}</p>}
        </div>
        <div>
          <label htmlFor={`${id}-category`} className="mb-1 block text-sm font-medium text-slate-800">Category</label>
          <select id={`${id}-category`} value={category} onChange={(e) => setCategory(e.target.value)} className={fieldClass(Boolean(err("category")))}>
            {CATEGORY_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        </div>
        <div className="sm:col-span-2">
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
        <OverageWarning warning={warning} className="mt-5">
          <button type="button" disabled={pending} onClick={() => submit(true)} className={buttonClass("primary")}>
            {pending ? "Saving…" : "Log it anyway"}
          </button>
          <button type="button" onClick={() => setState(null)} className={buttonClass("secondary")}>Cancel</button>
        </OverageWarning>
      ) : (
        <div className="mt-6 flex items-center justify-end gap-2">
          <button type="button" onClick={onClose} className={buttonClass("ghost")}>Cancel</button>
          {startTimer && (
            <button type="button" disabled={pending} onClick={start} className={buttonClass("secondary")} title="Counts from now; the duration is ignored">
              Start timer
            </button>
          )}
          <button type="submit" disabled={pending} className={buttonClass("primary")}>
            {pending && <span aria-hidden className="size-3.5 animate-spin rounded-full border-2 border-current border-t-transparent" />}
            {pending ? "Saving…" : "Save entry"}
          </button>
        </div>
      )}
    </form>
  );
}
