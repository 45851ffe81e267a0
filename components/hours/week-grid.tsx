"use client";
// The week grid (issue 25): one row per client and roadmap item, one cell per day. Type a duration into a cell (the
// dialog's reading) and press Enter: an empty cell logs an entry with the row's description and category; a cell
// that holds one entry changes its duration; a cell of several entries opens them in the ledger instead of
// guessing. Escape reverts; Tab, and the arrow keys, move between cells. Read-only cells say why. On a phone the
// grid shows a day at a time.
import { useRouter } from "next/navigation";
import { useId, useMemo, useRef, useState, useTransition } from "react";
import { CATEGORY_OPTIONS } from "@/components/hours/categories";
import { OverageWarning } from "@/components/hours/overage-warning";
import { buttonClass } from "@/components/ui/button";
import type { ActionState } from "@/lib/commands/state";
import { readDuration } from "@/lib/domain/duration";
import { formatMinutes } from "@/lib/format";
import type { Category, LogOutcome } from "@/lib/types/hours";
import type { WeekCell, WeekRow, WeekView } from "@/lib/types/week";

type Action<T> = (state: ActionState<T>, form: FormData) => Promise<ActionState<T>>;
type Pending = { row: WeekRow; cell: WeekCell; minutes: number; text: string; warning: Extract<LogOutcome, { status: "needs_confirmation" }> };

const cellKey = (row: { key: string }, date: string) => `${row.key}|${date}`;

export function WeekGrid({ week, logAction, editAction, startTimer }: {
  week: WeekView; logAction: Action<LogOutcome>; editAction: Action<unknown>; startTimer?: Action<{ summary: string }>;
}) {
  const id = useId();
  const router = useRouter();
  const table = useRef<HTMLTableElement>(null);
  const [added, setAdded] = useState<WeekRow[]>([]);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<Record<string, number>>({});
  const [descriptions, setDescriptions] = useState<Record<string, string>>({});
  const [categories, setCategories] = useState<Record<string, Category>>({});
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, startTransition] = useTransition();
  const todayIndex = Math.max(0, week.days.findIndex((d) => d.isToday));
  const [day, setDay] = useState(todayIndex); // the one day a phone shows
  const [adding, setAdding] = useState({ clientId: week.clients[0]?.id ?? "", itemId: "" });

  const clientsById = useMemo(() => new Map(week.clients.map((c) => [c.id, c])), [week.clients]);
  const emptyRow = (clientId: string, itemId: string | null): WeekRow => {
    const c = clientsById.get(clientId)!;
    const itemTitle = itemId ? c.items.find((i) => i.id === itemId)?.title ?? null : null;
    return {
      key: `${clientId}:${itemId ?? ""}`, clientId, clientName: c.name, itemId, itemTitle, remaining: c.remaining, total: 0,
      cells: week.days.map((d) => ({ date: d.date, minutes: 0, entries: 0, entry: null })),
    };
  };
  /** Why a row's cell cannot be written (its client's closed month, or a day not begun there), or null. */
  const lockOf = (row: WeekRow, date: string) => clientsById.get(row.clientId)?.locked[date] ?? null;
  // Each reason is written once (see the hidden list below the table), and every locked cell of that client and
  // day is described by it: a row per roadmap item would otherwise repeat it in every cell.
  const clientIndex = useMemo(() => new Map(week.clients.map((c, i) => [c.id, i])), [week.clients]);
  const lockId = (row: WeekRow, d: number) => `${id}-lock-${clientIndex.get(row.clientId)}-${d}`;
  const serverKeys = new Set(week.rows.map((r) => r.key));
  const rows = [...week.rows, ...added.filter((r) => !serverKeys.has(r.key))];
  const minutesOf = (row: WeekRow, cell: WeekCell) => saved[cellKey(row, cell.date)] ?? cell.minutes;
  const dayTotals = week.days.map((_, i) => rows.reduce((a, r) => a + minutesOf(r, r.cells[i]), 0));
  const weekTotal = dayTotals.reduce((a, b) => a + b, 0);

  function addRows(list: { clientId: string; itemId: string | null }[]) {
    const have = new Set(rows.map((r) => r.key));
    const fresh = list.filter((r) => clientsById.has(r.clientId) && !have.has(`${r.clientId}:${r.itemId ?? ""}`)).map((r) => emptyRow(r.clientId, r.itemId));
    setAdded((a) => [...a, ...fresh]);
    setMessage(fresh.length ? null : { kind: "error", text: "Those rows are already on this week's grid." });
  }

  function focusCell(rowIndex: number, dayIndex: number) {
    table.current?.querySelector<HTMLInputElement>(`[data-cell="${rowIndex}:${dayIndex}"]`)?.focus();
  }

  function revert(row: WeekRow, cell: WeekCell) {
    setTyped(({ [cellKey(row, cell.date)]: _, ...rest }) => rest);
  }

  function save(row: WeekRow, cell: WeekCell, opts: { confirmOverage?: boolean; text?: string } = {}) {
    const k = cellKey(row, cell.date);
    const text = opts.text ?? typed[k];
    if (text === undefined) return;
    const reading = readDuration(text);
    if (cell.entry && text.trim() === "") {
      setMessage({ kind: "error", text: "To remove an entry, void it in the client's ledger (a void keeps its reason)." });
      return revert(row, cell);
    }
    if (!reading.ok) return setMessage({ kind: "error", text: reading.message });
    if (reading.minutes === minutesOf(row, cell)) return revert(row, cell);
    const description = cell.entry?.description ?? (descriptions[row.key] ?? row.itemTitle ?? "").trim();
    if (!cell.entry && !description) {
      setMessage({ kind: "error", text: `Describe the work of the ${row.clientName} row first (its "What did you do?" field).` });
      table.current?.querySelector<HTMLInputElement>(`[data-description="${row.key}"]`)?.focus();
      return;
    }
    const form = new FormData();
    form.set("clientId", row.clientId);
    form.set("workDate", cell.date);
    form.set("minutes", text);
    form.set("description", description);
    form.set("category", cell.entry?.category ?? categories[row.key] ?? week.defaultCategory);
    form.set("billable", (cell.entry?.billable ?? true) ? "on" : "");
    form.set("roadmapItemId", row.itemId ?? "");
    if (cell.entry) form.set("entryId", cell.entry.id);
    else form.set("confirmOverage", opts.confirmOverage ? "1" : "");
    startTransition(async () => {
      const result = cell.entry ? await editAction(null, form) : await logAction(null, form);
      if (!result) return;
      if (!result.ok) {
        setMessage({ kind: "error", text: result.fieldErrors.minutes?.[0] ?? result.fieldErrors.workDate?.[0] ?? result.error });
        return;
      }
      const outcome = cell.entry ? null : (result.data as LogOutcome);
      if (outcome?.status === "needs_confirmation") {
        setPending({ row, cell, minutes: reading.minutes, text, warning: outcome });
        return;
      }
      setPending(null);
      setSaved((s) => ({ ...s, [k]: reading.minutes }));
      revert(row, cell);
      setMessage({ kind: "ok", text: outcome?.status === "saved" ? outcome.summary : `Changed to ${formatMinutes(reading.minutes)}.` });
      router.refresh();
    });
  }

  /** Starts the person's timer on a row: its client and item, its description and category. */
  function timerOn(row: WeekRow) {
    if (!startTimer) return;
    const description = (descriptions[row.key] ?? row.itemTitle ?? "").trim();
    if (!description) {
      setMessage({ kind: "error", text: `Describe the work of the ${row.clientName} row first (its "What did you do?" field).` });
      table.current?.querySelector<HTMLInputElement>(`[data-description="${row.key}"]`)?.focus();
      return;
    }
    const form = new FormData();
    form.set("clientId", row.clientId);
    form.set("description", description);
    form.set("category", categories[row.key] ?? week.defaultCategory);
    form.set("billable", "on");
    form.set("roadmapItemId", row.itemId ?? "");
    startTransition(async () => {
      const result = await startTimer(null, form);
      if (!result) return;
      setMessage(result.ok ? { kind: "ok", text: result.data.summary } : { kind: "error", text: result.error });
      if (result.ok) router.refresh(); // the shell shows the timer
    });
  }

  function onKey(e: React.KeyboardEvent<HTMLInputElement>, row: WeekRow, cell: WeekCell, r: number, d: number) {
    const input = e.currentTarget;
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const atEnd = input.selectionStart === input.value.length;
    if (e.key === "Enter") {
      e.preventDefault();
      save(row, cell);
    } else if (e.key === "Escape") {
      e.preventDefault();
      revert(row, cell);
    } else if (e.key === "ArrowUp" && r > 0) {
      e.preventDefault();
      focusCell(r - 1, d);
    } else if (e.key === "ArrowDown" && r < rows.length - 1) {
      e.preventDefault();
      focusCell(r + 1, d);
    } else if (e.key === "ArrowLeft" && atStart && d > 0) {
      e.preventDefault();
      focusCell(r, d - 1);
    } else if (e.key === "ArrowRight" && atEnd && d < 6) {
      e.preventDefault();
      focusCell(r, d + 1);
    }
  }

  const hidden = (i: number) => (i === day ? "" : "hidden sm:table-cell");
  const addingClient = clientsById.get(adding.clientId);

  if (week.clients.length === 0) {
    return <p className="rounded-lg bg-white p-6 text-sm text-slate-600 shadow-sm ring-1 ring-slate-200">You are not assigned to any client yet. An admin assigns engineers on a client&apos;s settings page.</p>;
  }
  return (
    <div className="space-y-4">
      {/* A phone shows one day at a time. */}
      <div role="group" aria-label="Day shown" className="flex gap-1 overflow-x-auto sm:hidden">
        {week.days.map((d, i) => (
          <button key={d.date} type="button" onClick={() => setDay(i)} aria-pressed={i === day}
            className={`shrink-0 rounded-md px-2.5 py-1.5 text-sm ring-1 ring-inset ${i === day ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300"}`}>
            {d.label}
          </button>
        ))}
      </div>

      <div aria-live="polite">
        {message && (
          <p role={message.kind === "error" ? "alert" : "status"}
            className={`rounded-md px-3 py-2 text-sm ring-1 ring-inset ${message.kind === "error" ? "bg-red-50 text-red-800 ring-red-200" : "bg-emerald-50 text-emerald-800 ring-emerald-200"}`}>
            {message.text}
          </p>
        )}
      </div>
      {pending && (
        <OverageWarning warning={pending.warning} clientName={pending.row.clientName}>
          <button type="button" disabled={busy} onClick={() => save(pending.row, pending.cell, { confirmOverage: true, text: pending.text })} className={buttonClass("primary", "sm")}>Log it anyway</button>
          <button type="button" onClick={() => { revert(pending.row, pending.cell); setPending(null); }} className={buttonClass("ghost", "sm")}>Cancel</button>
        </OverageWarning>
      )}

      <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table ref={table} className="w-full min-w-0 text-sm" aria-describedby={`${id}-how`}>
          <caption id={`${id}-how`} className="px-4 pt-3 text-left text-xs text-slate-500">
            Type a duration (1h30, 45m) and press Enter. Escape reverts; Tab and the arrow keys move between days and rows.
          </caption>
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <th scope="col" className="px-4 py-2">Client and work</th>
              {week.days.map((d, i) => (
                <th key={d.date} scope="col" className={`px-1 py-2 text-center ${d.isToday ? "text-brand-700" : ""} ${hidden(i)}`} aria-current={d.isToday ? "date" : undefined}>
                  {d.label}
                </th>
              ))}
              <th scope="col" className="px-3 py-2 text-right">Total</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => (
              <tr key={row.key} className="border-b border-slate-100 align-top">
                <th scope="row" className="px-4 py-2 text-left font-normal">
                  <span className="block font-medium text-slate-900">{row.clientName}</span>
                  <span className="block text-xs text-slate-500">{row.itemTitle ?? "No roadmap item"}{row.remaining ? ` · ${row.remaining}` : ""}</span>
                  {startTimer && (
                    <button type="button" disabled={busy} onClick={() => timerOn(row)} className="mt-1 rounded text-xs font-medium text-brand-700 hover:underline"
                      aria-label={`Start timer on ${row.clientName}${row.itemTitle ? `, ${row.itemTitle}` : ""}`}>
                      <span aria-hidden>▶ </span>Start timer
                    </button>
                  )}
                  {row.cells.some((c) => !c.entry && c.entries === 0 && !lockOf(row, c.date)) && (
                    <div className="mt-1.5 flex flex-wrap gap-1.5">
                      <input data-description={row.key} aria-label={`What did you do? (${row.clientName}${row.itemTitle ? `, ${row.itemTitle}` : ""})`}
                        placeholder="What did you do?" value={descriptions[row.key] ?? row.itemTitle ?? ""} maxLength={2000}
                        onChange={(e) => setDescriptions((s) => ({ ...s, [row.key]: e.target.value }))}
                        className="w-full min-w-0 rounded border-0 px-2 py-1 text-xs ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500 sm:w-48" />
                      <select aria-label={`Category (${row.clientName})`} value={categories[row.key] ?? week.defaultCategory}
                        onChange={(e) => setCategories((s) => ({ ...s, [row.key]: e.target.value as Category }))}
                        className="rounded border-0 px-1.5 py-1 text-xs ring-1 ring-inset ring-slate-300">
                        {CATEGORY_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                      </select>
                    </div>
                  )}
                </th>
                {row.cells.map((cell, d) => {
                  const k = cellKey(row, cell.date);
                  const locked = lockOf(row, cell.date);
                  const label = `${row.clientName}${row.itemTitle ? `, ${row.itemTitle}` : ""}, ${week.days[d].label}`;
                  const today = week.days[d].isToday ? "bg-brand-50/60" : "";
                  if (cell.entries > 1) {
                    return (
                      <td key={cell.date} className={`week-day ${today} ${hidden(d)}`}>
                        <a href={`/clients/${row.clientId}/hours?month=${cell.date.slice(0, 7)}`} data-cell={`${r}:${d}`}
                          className="week-link" aria-label={`${label}: ${formatMinutes(cell.minutes)} in ${cell.entries} entries, open them in the ledger`}>
                          {formatMinutes(cell.minutes)}<span className="week-count">{`${cell.entries} entries`}</span>
                        </a>
                      </td>
                    );
                  }
                  const shown = typed[k] ?? (minutesOf(row, cell) ? formatMinutes(minutesOf(row, cell)) : "");
                  return (
                    <td key={cell.date} className={`week-day ${today} ${hidden(d)}`}>
                      <input
                        data-cell={`${r}:${d}`} aria-label={label} value={shown} readOnly={Boolean(locked)} title={locked ?? undefined}
                        aria-describedby={locked ? lockId(row, d) : undefined} autoComplete={locked ? undefined : "off"}
                        onChange={(e) => setTyped((s) => ({ ...s, [k]: e.target.value }))}
                        onKeyDown={(e) => onKey(e, row, cell, r, d)}
                        onFocus={(e) => e.currentTarget.select()}
                        className={`week-cell ${locked ? "week-cell-locked" : typed[k] !== undefined ? "week-cell-typed" : ""}`}
                      />
                    </td>
                  );
                })}
                <td className="whitespace-nowrap px-3 py-2 text-right font-medium tabular-nums text-slate-900">{formatMinutes(row.cells.reduce((a, c) => a + minutesOf(row, c), 0))}</td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr><td colSpan={9} className="px-4 py-6 text-center text-slate-600">Nothing logged this week yet. Add a row below{week.lastWeek.length ? ", or copy last week's rows" : ""}.</td></tr>
            )}
          </tbody>
          <tfoot>
            <tr className="text-sm font-semibold text-slate-900">
              <th scope="row" className="px-4 py-2 text-left">Day total</th>
              {dayTotals.map((t, i) => <td key={week.days[i].date} className={`whitespace-nowrap px-1 py-2 text-center tabular-nums ${hidden(i)}`}>{t ? formatMinutes(t) : "–"}</td>)}
              <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{formatMinutes(weekTotal)}</td>
            </tr>
          </tfoot>
        </table>
        <div hidden>
          {week.clients.map((c, ci) => week.days.map((day, d) => c.locked[day.date] && <span key={`${ci}-${d}`} id={`${id}-lock-${ci}-${d}`}>{c.locked[day.date]}</span>))}
        </div>
      </div>

      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor={`${id}-client`} className="mb-1 block text-xs font-medium text-slate-700">Client</label>
          <select id={`${id}-client`} value={adding.clientId} onChange={(e) => setAdding({ clientId: e.target.value, itemId: "" })}
            className="rounded-md border-0 px-2 py-1.5 text-sm ring-1 ring-inset ring-slate-300">
            {week.clients.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-item`} className="mb-1 block text-xs font-medium text-slate-700">Roadmap item</label>
          <select id={`${id}-item`} value={adding.itemId} onChange={(e) => setAdding((a) => ({ ...a, itemId: e.target.value }))}
            className="max-w-56 rounded-md border-0 px-2 py-1.5 text-sm ring-1 ring-inset ring-slate-300">
            <option value="">None</option>
            {addingClient?.items.map((i) => <option key={i.id} value={i.id}>{i.title}</option>)}
          </select>
        </div>
        <button type="button" onClick={() => addRows([{ clientId: adding.clientId, itemId: adding.itemId || null }])} className={buttonClass("secondary", "sm")}>Add row</button>
        {week.lastWeek.length > 0 && (
          <button type="button" onClick={() => addRows(week.lastWeek)} className={buttonClass("secondary", "sm")}>
            Copy last week&apos;s rows ({week.lastWeek.length})
          </button>
        )}
      </div>
    </div>
  );
}
