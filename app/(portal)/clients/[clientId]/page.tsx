import type { Metadata } from "next";
import { UsageBar } from "@/components/clients/usage-bar";
import { Card, EmptyState } from "@/components/ui/card";
import { requireClientAccess } from "@/lib/auth/viewer";
import { asUser } from "@/lib/db";
import { clientSummaries, latestPublishedUpdate, recentEntries } from "@/lib/db/overview";
import { formatDate, formatInstant, formatMinutes, formatMonth } from "@/lib/format";

export const metadata: Metadata = { title: "Overview" };

// GET /clients/:clientId — the client's month at a glance.
export default async function ClientOverview({ params }: { params: Promise<{ clientId: string }> }) {
  const { clientId } = await params;
  const { claims, client } = await requireClientAccess(clientId);
  const [summary, entries, update] = await asUser(claims, (tx) =>
    Promise.all([clientSummaries(tx, { clientId }), recentEntries(tx, { clientId, limit: 8 }), latestPublishedUpdate(tx, { clientId })]),
  );
  const month = summary[0];

  return (
    <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-3">
      <Card title={month ? formatMonth(month.month) : "This month"} className="lg:col-span-2">
        {month ? (
          <>
            <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3">
              <div>
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Logged</dt>
                <dd className="mt-1 text-2xl font-semibold text-slate-900">{formatMinutes(month.loggedMinutes)}</dd>
              </div>
              <div>
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Included</dt>
                <dd className="mt-1 text-2xl font-semibold text-slate-900">{month.includedMinutes === null ? "—" : formatMinutes(month.includedMinutes)}</dd>
              </div>
              <div>
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Last entry</dt>
                <dd className="mt-1 text-2xl font-semibold text-slate-900">{month.lastEntryDate ? formatDate(month.lastEntryDate, { month: "short", day: "numeric" }) : "—"}</dd>
              </div>
            </dl>
            <div className="mt-4"><UsageBar used={month.loggedMinutes} included={month.includedMinutes} label="Hours used this month" /></div>
          </>
        ) : (
          <p className="text-sm text-slate-600">This client is archived.</p>
        )}
      </Card>

      <Card title="Latest update">
        {update ? (
          <article>
            <h3 className="font-medium text-slate-900">{update.title}</h3>
            <p className="mt-0.5 text-xs text-slate-500">Published {formatInstant(update.publishedAt, client.timezone, { dateStyle: "medium" })}</p>
            <p className="mt-3 line-clamp-6 whitespace-pre-line text-sm text-slate-700">{update.bodyMd.replace(/[*_#`]/g, "")}</p>
          </article>
        ) : (
          <p className="text-sm text-slate-600">No weekly update yet. Your engineer publishes one each week.</p>
        )}
      </Card>

      <Card title="Latest entries" className="lg:col-span-3">
        {entries.length === 0 ? (
          <EmptyState title="No hours logged yet">Entries appear here as soon as work is logged.</EmptyState>
        ) : (
          <div className="-mx-4 overflow-x-auto sm:-mx-5">
            <table className="min-w-full text-sm">
              <caption className="sr-only">Latest time entries</caption>
              <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium sm:px-5">Date</th>
                  <th scope="col" className="px-4 py-2 font-medium">Work</th>
                  <th scope="col" className="hidden px-4 py-2 font-medium sm:table-cell">Category</th>
                  <th scope="col" className="px-4 py-2 text-right font-medium sm:px-5">Time</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {entries.map((e) => (
                  <tr key={e.id} className={e.voided ? "text-slate-400 line-through" : undefined}>
                    <td className="whitespace-nowrap px-4 py-2 sm:px-5">{formatDate(e.workDate, { month: "short", day: "numeric" })}</td>
                    <td className="px-4 py-2">
                      <span className="text-slate-900">{e.description}</span>
                      <span className="block text-xs text-slate-500">
                        <span className="capitalize sm:hidden">{e.category} · </span>
                        {e.engineerName}{e.roadmapTitle ? ` · ${e.roadmapTitle}` : ""}{e.billable ? "" : " · not billable"}
                      </span>
                    </td>
                    <td className="hidden px-4 py-2 capitalize sm:table-cell">{e.category}</td>
                    <td className="whitespace-nowrap px-4 py-2 text-right font-medium tabular-nums sm:px-5">{formatMinutes(e.minutes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
