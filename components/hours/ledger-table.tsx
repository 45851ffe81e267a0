"use client";
// A page of the ledger (up to LEDGER_PAGE rows) with its rows' actions. Rendered here, in a client component, so the
// page's payload carries each row's data once (its fields) rather than its whole element tree: the server still sends
// the rows as HTML, and the browser renders the same EntryTable from the data (issue 24: a staff page of 100 rows went
// from 322 kB to 206 kB).
import { EntryActions, EntryActionsScope, type EntryAction, type EntryActionsShared } from "@/components/hours/entry-actions";
import { BulkTick } from "@/components/hours/bulk-tick";
import { bulkSelectable, EntryTable, type EntryTableRow } from "@/components/hours/entry-table";
import { QuestionEntry } from "@/components/reviews/question-entry";
import { formatMinutes } from "@/lib/format";

export function LedgerTable({ rows, caption, staff, owner }: {
  rows: EntryTableRow[];
  caption: string;
  /** Staff edit, void, correct and (with bulk) tick rows. */
  staff?: EntryActionsShared & { bulk: boolean };
  /** An owner questions an entry of an open month; entries already questioned link to their thread. */
  owner?: { clientId: string; questioned: string[]; question: EntryAction };
}) {
  if (staff) {
    const { bulk, ...shared } = staff;
    return (
      <EntryActionsScope {...shared}>
        <EntryTable
          entries={rows}
          caption={caption}
          actions={(e) => (
            <span className="inline-flex items-center gap-1">
              {bulk && bulkSelectable(e) && <BulkTick entryId={e.id} />}
              <EntryActions
                entry={{
                  id: e.id, workDate: e.workDate, minutes: e.minutes, description: e.description, category: e.category,
                  billable: e.billable, roadmapItemId: e.roadmapItemId, roadmapTitle: e.roadmapTitle, voided: e.voidedAt !== null,
                  monthClosed: e.monthClosed, isAdjustment: e.adjustsEntryId !== null,
                }}
              />
            </span>
          )}
        />
      </EntryActionsScope>
    );
  }
  if (owner) {
    const questioned = new Set(owner.questioned);
    return (
      <EntryTable
        entries={rows}
        caption={caption}
        actions={(e) => (
          e.voidedAt || e.monthClosed ? null
            : questioned.has(e.id) ? <a href="#questions" className="rounded px-2 py-1 text-xs font-medium text-amber-800">Questioned</a>
              : <QuestionEntry clientId={owner.clientId} entryId={e.id} title={`${e.workDate} · ${formatMinutes(e.minutes)} · ${e.description}`} action={owner.question} />
        )}
      />
    );
  }
  return <EntryTable entries={rows} caption={caption} />;
}
