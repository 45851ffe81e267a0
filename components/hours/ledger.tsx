import Link from "next/link";
import type { EntryAction } from "@/components/hours/entry-actions";
import { CATEGORY_OPTIONS } from "@/components/hours/categories";
import { BulkEdit } from "@/components/hours/bulk-edit";
import { bulkSelectable, tableRow } from "@/components/hours/entry-table";
import { LedgerTable } from "@/components/hours/ledger-table";
import { Questions } from "@/components/reviews/questions";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { addMonths } from "@/lib/domain/dates";
import { formatCount, formatMinutes, formatMonth } from "@/lib/format";
import type { LedgerData } from "@/lib/types/pages";

export interface LedgerActions {
  edit: EntryAction;
  void: EntryAction;
  adjust: EntryAction;
  /** An owner questions an entry; staff and the owner who asked answer (issue 23). */
  question: EntryAction;
  answer: EntryAction;
  /** Staff change several entries at once (issue 25). */
  bulk?: EntryAction;
}

/** Who reads the ledger, for the questions: the owners ask, the staff and the owner who asked answer. */
export interface LedgerViewer { id: string; owner: boolean; zone: string }

/** Every entry of a month, filterable, with totals and a CSV export; staff get the entry actions. */
export function Ledger({ clientId, data, isStaff, actions, viewer }: {
  clientId: string; data: LedgerData; isStaff: boolean; actions?: LedgerActions; viewer?: LedgerViewer;
}) {
  const { filter: f, today, current, month, entries, totals, months, items, page } = data;
  const questions = data.questions ?? [];
  const questioned = new Set(questions.filter((q) => q.status === "open").map((q) => q.entryId));
  const openItems = items.filter((i) => i.status === "planned" || i.status === "in_progress").map(({ id, title }) => ({ id, title }));
  const base = `/clients/${clientId}/hours`;
  const query = (over: Record<string, string | undefined>) => {
    const q = new URLSearchParams();
    const merged = { month: month.slice(0, 7), category: f.category, item: f.item, billable: f.billable, ...over };
    for (const [k, v] of Object.entries(merged)) if (v) q.set(k, v);
    return `?${q}`;
  };
  const filtered = Boolean(f.category || f.item || f.billable);
  const listed = totals.entries + totals.voided;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-2">
          <Link href={`${base}${query({ month: addMonths(month, -1).slice(0, 7) })}`} className={buttonClass("secondary", "sm")} aria-label="Previous month">←</Link>
          <h2 className="min-w-40 text-center text-lg font-semibold text-slate-900">{formatMonth(month)}</h2>
          {month < current ? (
            <Link href={`${base}${query({ month: addMonths(month, 1).slice(0, 7) })}`} className={buttonClass("secondary", "sm")} aria-label="Next month">→</Link>
          ) : (
            <span className={`${buttonClass("secondary", "sm")} opacity-40`} aria-hidden>→</span>
          )}
        </div>
        <a href={`${base}/export${query({})}`} className={buttonClass("secondary", "sm")} download>Export CSV</a>
      </div>

      <form method="get" action={base} className="grid grid-cols-2 items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-5" aria-label="Filter entries">
        <FilterSelect name="month" label="Month" value={month.slice(0, 7)} options={months.map((m) => ({ value: m.slice(0, 7), label: formatMonth(m) }))} />
        <FilterSelect name="category" label="Category" value={f.category ?? ""} options={[{ value: "", label: "All" }, ...CATEGORY_OPTIONS]} />
        <FilterSelect name="item" label="Roadmap item" value={f.item ?? ""} options={[{ value: "", label: "All" }, ...items.map((i) => ({ value: i.id, label: i.title }))]} />
        <FilterSelect name="billable" label="Billable" value={f.billable ?? ""} options={[{ value: "", label: "All" }, { value: "yes", label: "Billable" }, { value: "no", label: "Not billable" }]} />
        <div className="col-span-2 flex gap-2 sm:col-span-1">
          <button type="submit" className={buttonClass("primary")}>Apply</button>
          {filtered && <Link href={`${base}?month=${month.slice(0, 7)}`} className={buttonClass("ghost")}>Clear</Link>}
        </div>
      </form>

      {questions.length > 0 && actions && viewer && (
        <div id="questions" className="scroll-mt-24">
          <Questions clientId={clientId} questions={questions} viewerId={viewer.id} isStaff={isStaff} zone={viewer.zone} answerAction={actions.answer} />
        </div>
      )}

      <Card title={filtered ? "Filtered entries" : "Entries"}>
        <dl className="mb-4 grid grid-cols-2 gap-4 sm:grid-cols-4">
          <Stat label="Billable" value={formatMinutes(totals.billableMinutes)} detail={totals.correctionMinutes ? `${filtered ? "Of the entries these filters keep" : "Counts against the retainer"}; corrections of closed months (${formatMinutes(totals.correctionMinutes)}) re-price those months` : filtered ? "Of the entries these filters keep" : "Counts against the retainer"} />
          <Stat label="Not billable" value={formatMinutes(totals.nonBillableMinutes)} />
          <Stat label="Entries" value={formatCount(totals.entries)} />
          <Stat label="Voided" value={formatCount(totals.voided)} detail="Shown struck through" />
        </dl>
        {page.lost ? (
          <EmptyState title="This page of the ledger is no longer there">
            The entry it started from is not in this view. <Link href={`${base}${query({})}`} className="font-medium text-brand-700 underline">Go to the newest entries</Link>.
          </EmptyState>
        ) : entries.length === 0 ? (
          <EmptyState title={filtered ? "No entries match these filters" : `No hours logged in ${formatMonth(month)}`}>
            {filtered ? "Try another category or item, or clear the filters." : isStaff ? "Press L to log time." : "Entries appear here as soon as work is logged."}
          </EmptyState>
        ) : (
          <>
            {isStaff && actions?.bulk && entries.some(bulkSelectable) && <BulkEdit clientId={clientId} items={openItems} action={actions.bulk} />}
            <LedgerTable
              rows={entries.map(tableRow)}
              caption={`Time entries for ${formatMonth(month)}${listed > entries.length ? `, ${page.offset + 1} to ${page.offset + entries.length} of ${listed}` : ""}`}
              staff={isStaff && actions ? { clientId, items: openItems, today, editAction: actions.edit, voidAction: actions.void, adjustAction: actions.adjust, bulk: Boolean(actions.bulk) } : undefined}
              owner={!isStaff && viewer?.owner && actions ? { clientId, questioned: [...questioned], question: actions.question } : undefined}
            />
            {listed > entries.length && (
              <nav aria-label="Ledger pages" className="mt-4 flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 pt-4 text-sm">
                <p className="text-slate-600" aria-live="polite">
                  Entries {formatCount(page.offset + 1)}–{formatCount(page.offset + entries.length)} of {formatCount(listed)}, newest first
                </p>
                <div className="flex gap-2">
                  {page.newer && <Link href={`${base}${query({ before: page.newer })}`} className={buttonClass("secondary", "sm")} rel="prev">← Newer</Link>}
                  {page.older && <Link href={`${base}${query({ after: page.older })}`} className={buttonClass("secondary", "sm")} rel="next">Older →</Link>}
                </div>
              </nav>
            )}
          </>
        )}
      </Card>
    </div>
  );
}

/** One filter of the GET form: a labelled select that submits with the others. */
function FilterSelect({ name, label, value, options }: { name: string; label: string; value: string; options: { value: string; label: string }[] }) {
  return (
    <label className="text-sm">
      <span className="mb-1 block font-medium text-slate-800">{label}</span>
      <select name={name} defaultValue={value} className="block w-full rounded-md border-0 px-2 py-2 text-sm ring-1 ring-inset ring-slate-300">
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </label>
  );
}
