import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { UsageBar } from "@/components/clients/usage-bar";
import { buttonClass } from "@/components/ui/button";
import { Badge, EmptyState, PageHeader } from "@/components/ui/card";
import { authorizePage } from "@/lib/pages/access";
import { asUser } from "@/lib/db";
import { dueForStaff } from "@/lib/billing/due";
import { listClients } from "@/lib/db/clients";
import { awaitingStaff, type AwaitingStaffRow } from "@/lib/db/roadmap";
import { lastEntryDates } from "@/lib/db/usage";
import { usageStatus } from "@/lib/domain/usage";
import { formatDate, formatInstant, formatMinutes, formatMoney, formatMonth } from "@/lib/format";
import { clientMonths } from "@/lib/hours/month";
import { type ClientMonth } from "@/lib/types/hours";
import { clockNow } from "@/lib/platform/clock";

export const metadata: Metadata = { title: "Clients" };

type Attention = { rank: number; tone: "red" | "amber" | "slate" | "green"; label: string };

/** Over the allotment first, then heading over, then past 80%, then the rest. */
function attention(cm: ClientMonth): Attention {
  const s = cm.statement;
  const f = cm.forecast;
  if (!s || !f) return { rank: 4, tone: "slate", label: "No terms" };
  const status = usageStatus(s.usedMinutes, s.availableMinutes);
  if (status === "hourly") return { rank: 3, tone: "slate", label: "Hourly" };
  if (status === "over") return { rank: 0, tone: "red", label: "Over" };
  // Heading over only on a credible forecast: one busy first day is no risk to flag (lib/domain/forecast.ts).
  if (f.credible && f.projectedMinutes > s.availableMinutes) return { rank: 1, tone: "amber", label: "Overage risk" };
  if (status === "attention") return { rank: 2, tone: "amber", label: "Past 80%" };
  return { rank: 3, tone: "green", label: "On track" };
}

// GET /engineer — every client the engineer works for, this month at a glance, what needs attention first.
export default async function EngineerHome() {
  const { claims, viewer } = await authorizePage("staff");
  const now = clockNow();
  const { active, archived, months, lastDates, due, waiting } = await asUser(claims, async (tx) => {
    const all = await listClients(tx, { includeArchived: true });
    const active = all.filter((c) => !c.archivedAt);
    const ids = active.map((c) => c.id);
    const [months, lastDates, due, waiting] = await Promise.all([
      clientMonths(tx, active, now), lastEntryDates(tx, ids), dueForStaff(tx, now), awaitingStaff(tx, { clientIds: ids }),
    ]);
    return { active, archived: all.filter((c) => c.archivedAt), months, lastDates, due, waiting };
  });
  const clientById = new Map(active.map((c) => [c.id, c]));
  const rows = active
    .map((c, i) => ({ client: c, cm: months[i], attention: attention(months[i]) }))
    .sort((a, b) => a.attention.rank - b.attention.rank || ratio(b.cm) - ratio(a.cm));

  return (
    <>
      <PageHeader
        title={`Good to see you${viewer.fullName ? `, ${viewer.fullName.split(" ")[0]}` : ""}`}
        description="Every client you work for, this month in their own time zone. What needs attention comes first."
        actions={viewer.staffRole === "admin" && <Link href="/clients/new" className={buttonClass("secondary")}>New client</Link>}
      />
      {rows.length > 0 && <NeedsYou due={due.filter((d) => clientById.has(d.clientId))} waiting={waiting} clients={clientById} />}
      {rows.length === 0 ? (
        <EmptyState title="No clients yet">
          {viewer.staffRole === "admin" ? "Create your first client to start logging hours." : "An admin assigns clients to you; they'll appear here."}
        </EmptyState>
      ) : (
        <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {rows.map(({ client: c, cm, attention: a }) => {
            const s = cm.statement;
            const f = cm.forecast;
            const last = lastDates.get(c.id);
            return (
              <li key={c.id}>
                <Link href={`/clients/${c.id}`} className="block h-full rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 transition hover:ring-brand-300">
                  <div className="flex items-start justify-between gap-2">
                    <h2 className="font-semibold text-slate-900">{c.name}</h2>
                    <Badge tone={a.tone}>{a.label}</Badge>
                  </div>
                  <p className="mt-0.5 text-xs text-slate-500">{c.timezone} · {formatMonth(cm.month)}</p>
                  {s && f ? (
                    <>
                      <p className="mt-4 text-sm text-slate-700">
                        <span className="text-lg font-semibold text-slate-900">{formatMinutes(s.usedMinutes)}</span> of {formatMinutes(s.availableMinutes)} available
                      </p>
                      <div className="mt-2"><UsageBar used={s.usedMinutes} included={s.availableMinutes || null} label={`${c.name} hours used`} /></div>
                      <p className="mt-3 text-xs text-slate-600">
                        {f.credible ? (
                          <>
                            Forecast {formatMinutes(f.projectedMinutes)}
                            {f.basis.kind === "pace" && f.elapsedDays < f.daysInMonth && <> at the pace of the last {f.basis.days} days</>}
                            {f.projectedOverageCents > 0 && <> · <span className="font-medium text-amber-800">~{formatMoney(f.projectedOverageCents, c.currency)} overage</span></>}
                            {f.runsOutOn && !f.runsOutActual && <> · runs out {formatDate(f.runsOutOn, { month: "short", day: "numeric" })}</>}
                          </>
                        ) : "Too early to forecast"}
                      </p>
                    </>
                  ) : (
                    <p className="mt-4 text-sm text-slate-600">Set the retainer terms to track this month.</p>
                  )}
                  <p className="mt-1 text-xs text-slate-500">{last ? <>Last entry {formatDate(last, { month: "short", day: "numeric" })}</> : "No entries yet"}</p>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      {archived.length > 0 && (
        <section aria-labelledby="archived-heading" className="mt-10">
          <h2 id="archived-heading" className="text-sm font-semibold text-slate-700">Archived</h2>
          <ul className="mt-2 flex flex-wrap gap-2">
            {archived.map((c) => (
              <li key={c.id}>
                <Link href={`/clients/${c.id}/settings`} className="inline-block rounded-md bg-white px-3 py-1.5 text-sm text-slate-700 ring-1 ring-slate-200 hover:ring-brand-300">{c.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** Months ready to close, new proposals and comments waiting for an answer, across the engineer's clients. */
function NeedsYou({ due, waiting, clients }: {
  due: { clientId: string; month: string }[];
  waiting: AwaitingStaffRow[];
  clients: Map<string, { name: string; timezone: string }>;
}) {
  const name = (id: string) => clients.get(id)?.name ?? "A client";
  const proposals = waiting.filter((w) => w.kind === "proposal");
  const comments = waiting.filter((w) => w.kind === "comment");
  return (
    <section aria-labelledby="needs-you-heading" className="mb-8 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5">
      <h2 id="needs-you-heading" className="text-sm font-semibold text-slate-900">Needs you</h2>
      {due.length + waiting.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">Nothing is waiting: no month to close, no new proposal, no comment to answer.</p>
      ) : (
        <div className="mt-3 grid grid-cols-1 gap-5 md:grid-cols-3">
          <NeedsList title="Months ready to close" empty="Every ended month is billed." count={due.length}>
            {due.map((d) => (
              <li key={`${d.clientId}:${d.month}`}>
                <Link href="/billing" className="font-medium text-brand-700 hover:underline">{formatMonth(d.month)}</Link>
                <span className="text-slate-600"> · {name(d.clientId)}</span>
              </li>
            ))}
          </NeedsList>
          <NeedsList title="New proposals" empty="No proposal waiting for a decision." count={proposals.length}>
            {proposals.map((w) => <WaitingItem key={w.itemId} row={w} client={clients.get(w.clientId)} />)}
          </NeedsList>
          <NeedsList title="Comments to answer" empty="Every comment has an answer." count={comments.length}>
            {comments.map((w) => <WaitingItem key={w.itemId} row={w} client={clients.get(w.clientId)} />)}
          </NeedsList>
        </div>
      )}
    </section>
  );
}

/** A proposal or a comment thread: the item, who wrote, for which client, on which day in that client's zone. */
function WaitingItem({ row, client }: { row: AwaitingStaffRow; client?: { name: string; timezone: string } }) {
  const href = `/clients/${row.clientId}/roadmap/${row.itemId}${row.kind === "comment" ? "#comments" : ""}`;
  return (
    <li>
      <Link href={href} className="font-medium text-brand-700 hover:underline">{row.title}</Link>
      <span className="block text-xs text-slate-600">
        {row.authorName ?? "The client"} · {client?.name ?? "A client"} · {formatInstant(row.at, client?.timezone ?? "UTC", { month: "short", day: "numeric" })}
      </span>
    </li>
  );
}

function NeedsList({ title, empty, count, children }: { title: string; empty: string; count: number; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">{title} <span className="font-normal">({count})</span></h3>
      {count === 0 ? <p className="mt-1.5 text-sm text-slate-600">{empty}</p> : <ul className="mt-1.5 space-y-2 text-sm">{children}</ul>}
    </div>
  );
}

function ratio(cm: ClientMonth): number {
  const s = cm.statement;
  return s && s.availableMinutes > 0 ? s.usedMinutes / s.availableMinutes : 0;
}
