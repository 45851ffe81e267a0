import type { Metadata } from "next";
import Link from "next/link";
import { WeekGrid } from "@/components/hours/week-grid";
import { formatDate, formatMinutes } from "@/lib/format";
import { authorizePage } from "@/lib/pages/access";
import { viewWeek } from "@/lib/pages/week";
import { clockNow } from "@/lib/platform/clock";
import { weekEditAction, weekLogAction } from "./actions";
import { startTimerAction } from "../actions";

export const metadata: Metadata = { title: "Your week" };

// GET /week — the engineer's timesheet across clients (issue 25).
export default async function WeekPage({ searchParams }: { searchParams: Promise<{ start?: string | string[] }> }) {
  const week = await viewWeek(await authorizePage("staff"), await searchParams, clockNow());
  const range = `${formatDate(week.days[0].date, { month: "short", day: "numeric" })} – ${formatDate(week.days[6].date, { month: "short", day: "numeric", year: "numeric" })}`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">Your week</h1>
          <p className="mt-1 text-sm text-slate-600">
            {range} · {formatMinutes(week.weekTotal)} logged · days in your time zone ({week.zone}); each entry keeps its client&apos;s date.
          </p>
        </div>
        <nav aria-label="Weeks" className="flex items-center gap-2">
          <Link href={`/week?start=${week.previous}`} className="rounded-md px-2.5 py-1.5 text-sm text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50" aria-label="Previous week">←</Link>
          {!week.days.some((d) => d.isToday) && (
            <Link href="/week" className="rounded-md px-2.5 py-1.5 text-sm text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">This week</Link>
          )}
          <Link href={`/week?start=${week.next}`} className="rounded-md px-2.5 py-1.5 text-sm text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50" aria-label="Next week">→</Link>
        </nav>
      </div>
      <WeekGrid key={week.start} week={week} logAction={weekLogAction} editAction={weekEditAction} startTimer={startTimerAction} />
    </div>
  );
}
