import type { ReactNode } from "react";
import { Badge } from "@/components/ui/card";
import type { EntryRow } from "@/lib/types/hours";
import { formatDate, formatMinutes } from "@/lib/format";

/** What a row shows: an entry without its ids of client and engineer or its creation time. */
export type EntryTableRow = Pick<EntryRow,
  "id" | "workDate" | "minutes" | "description" | "category" | "billable" | "roadmapItemId" | "roadmapTitle" | "engineerName"
  | "adjustsEntryId" | "adjustsWorkDate" | "voidedAt" | "voidReason" | "monthClosed">;

/** Just a row's fields, so a page of rows sent to the browser as data carries nothing else of each entry. */
export const tableRow = (e: EntryTableRow): EntryTableRow => ({
  id: e.id, workDate: e.workDate, minutes: e.minutes, description: e.description, category: e.category, billable: e.billable,
  roadmapItemId: e.roadmapItemId, roadmapTitle: e.roadmapTitle, engineerName: e.engineerName, adjustsEntryId: e.adjustsEntryId,
  adjustsWorkDate: e.adjustsWorkDate, voidedAt: e.voidedAt, voidReason: e.voidReason, monthClosed: e.monthClosed,
});

/** An entry bulk edit may change: live, in an open month, not a correction. */
export const bulkSelectable = (e: Pick<EntryRow, "voidedAt" | "monthClosed" | "adjustsEntryId">) => !e.voidedAt && !e.monthClosed && !e.adjustsEntryId;

/**
 * The ledger as a table. Voided entries stay, struck through, with their reason; corrections say what they correct.
 * Rendered on the server for a few rows (the dashboard, a roadmap item) and inside the browser's LedgerTable for the
 * ledger's pages, so it imports nothing server-only.
 */
export function EntryTable<Row extends EntryTableRow>({ entries, caption, actions, showDate = true }: {
  entries: Row[];
  caption: string;
  actions?: (entry: Row) => ReactNode;
  showDate?: boolean;
}) {
  // Wide rows (staff actions, long badges) scroll inside the card on phones; `relative` keeps the sr-only
  // header inside the scroll box (an absolute element escapes a static one and widens the page).
  return (
    <div className="relative -mx-4 overflow-x-auto sm:-mx-5">
      <table className="entry-table min-w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {showDate && <th scope="col" className="px-4 py-2 font-medium sm:px-5">Date</th>}
            <th scope="col" className="px-4 py-2 font-medium">Work</th>
            <th scope="col" className="hidden px-4 py-2 font-medium sm:table-cell">Category</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">Time</th>
            {actions && <th scope="col" className="px-4 py-2 sm:pr-5"><span className="sr-only">Actions</span></th>}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((e) => {
            const voided = e.voidedAt !== null;
            return (
              <tr key={e.id} id={`entry-${e.id}`} className={voided ? "bg-slate-50/60 text-slate-600" : undefined}>
                {showDate && <td className="date">{formatDate(e.workDate, { month: "short", day: "numeric" })}</td>}
                <td>
                  <span className={voided ? "line-through" : "text-slate-900"}>{e.description}</span>
                  <span className="meta">
                    <span className="capitalize sm:hidden">{e.category} ·</span>
                    <span>{e.engineerName}</span>
                    {e.roadmapTitle && <span>· {e.roadmapTitle}</span>}
                    {!e.billable && <Badge>Not billable</Badge>}
                    {e.adjustsEntryId && <Badge tone="brand">Correction of {e.adjustsWorkDate ? formatDate(e.adjustsWorkDate, { month: "short", day: "numeric", year: "numeric" }) : "an entry"}</Badge>}
                    {voided && <Badge tone="red">Voided: {e.voidReason}</Badge>}
                    {e.monthClosed && !voided && <span className="sr-only">Month closed</span>}
                  </span>
                </td>
                <td className="cat">{e.category}</td>
                <td className={voided ? "time line-through" : "time"}>
                  {formatMinutes(e.minutes)}
                </td>
                {actions && <td className="acts">{actions(e)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
