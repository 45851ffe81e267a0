import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { UsageBar } from "@/components/clients/usage-bar";
import { buttonClass } from "@/components/ui/button";
import { Badge, EmptyState, PageHeader } from "@/components/ui/card";
import { authorizePage } from "@/lib/pages/access";
import { viewEngineerHome, type EngineerView, type WaitingRow } from "@/lib/pages/engineer";
import { formatDate, formatInstant, formatMinutes, formatMoney, formatMonth } from "@/lib/format";
import { clockNow } from "@/lib/platform/clock";

export const metadata: Metadata = { title: "Clients" };

// GET /engineer — every client the engineer works for, this month at a glance, what needs attention first.
export default async function EngineerHome() {
  const { viewer, clients: rows, archived, due, proposals, comments, questions } = await viewEngineerHome(await authorizePage("staff"), clockNow());
  return (
    <>
      <PageHeader
        title={`Good to see you${viewer.fullName ? `, ${viewer.fullName.split(" ")[0]}` : ""}`}
        description="Every client you work for, this month in their own time zone. What needs attention comes first."
        actions={viewer.staffRole === "admin" && <Link href="/clients/new" className={buttonClass("secondary")}>New client</Link>}
      />
      {rows.length > 0 && <NeedsYou due={due} proposals={proposals} comments={comments} questions={questions} />}
      {rows.length === 0 ? (
        <EmptyState title="No clients yet">
          {viewer.staffRole === "admin" ? "Create your first client to start logging hours." : "An admin assigns clients to you; they'll appear here."}
        </EmptyState>
      ) : (
        <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {rows.map(({ client: c, cm, attention: a, lastEntry: last }) => {
            const s = cm.statement;
            const f = cm.forecast;
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

/** Months ready to close, new proposals, comments and owners' questions waiting for an answer, across the engineer's clients. */
function NeedsYou({ due, proposals, comments, questions }: {
  due: { clientId: string; month: string; clientName: string }[];
  proposals: WaitingRow[];
  comments: WaitingRow[];
  questions: EngineerView["questions"];
}) {
  return (
    <section aria-labelledby="needs-you-heading" className="mb-8 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5">
      <h2 id="needs-you-heading" className="text-sm font-semibold text-slate-900">Needs you</h2>
      {due.length + proposals.length + comments.length + questions.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">Nothing is waiting: no month to close, no new proposal, no comment or question to answer.</p>
      ) : (
        <div className="mt-3 grid grid-cols-1 gap-5 md:grid-cols-2 lg:grid-cols-4">
          <NeedsList title="Months ready to close" empty="Every ended month is billed." count={due.length}>
            {due.map((d) => (
              <li key={`${d.clientId}:${d.month}`}>
                <Link href="/billing" className="font-medium text-brand-700 hover:underline">{formatMonth(d.month)}</Link>
                <span className="text-slate-600"> · {d.clientName}</span>
              </li>
            ))}
          </NeedsList>
          <NeedsList title="New proposals" empty="No proposal waiting for a decision." count={proposals.length}>
            {proposals.map((w) => <WaitingItem key={w.itemId} row={w} />)}
          </NeedsList>
          <NeedsList title="Comments to answer" empty="Every comment has an answer." count={comments.length}>
            {comments.map((w) => <WaitingItem key={w.itemId} row={w} />)}
          </NeedsList>
          <NeedsList title="Questions about entries" empty="No owner questions an entry." count={questions.length}>
            {questions.map((q) => (
              <li key={q.questionId}>
                <Link href={`/clients/${q.clientId}/hours?month=${q.month.slice(0, 7)}#q-${q.questionId}`} className="break-words font-medium text-brand-700 hover:underline">{q.entryDescription}</Link>
                <span className="block text-xs text-slate-600">
                  {q.openedByName} · {q.clientName} · {formatInstant(q.openedAt, q.zone, { month: "short", day: "numeric" })}
                </span>
              </li>
            ))}
          </NeedsList>
        </div>
      )}
    </section>
  );
}

/** A proposal or a comment thread: the item, who wrote, for which client, on which day in that client's zone. */
function WaitingItem({ row }: { row: WaitingRow }) {
  const href = `/clients/${row.clientId}/roadmap/${row.itemId}${row.kind === "comment" ? "#comments" : ""}`;
  return (
    <li>
      <Link href={href} className="font-medium text-brand-700 hover:underline">{row.title}</Link>
      <span className="block text-xs text-slate-600">
        {row.authorName ?? "The client"} · {row.clientName} · {formatInstant(row.at, row.zone, { month: "short", day: "numeric" })}
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
