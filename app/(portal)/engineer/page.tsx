import type { Metadata } from "next";
import Link from "next/link";
import { UsageBar } from "@/components/clients/usage-bar";
import { buttonClass } from "@/components/ui/button";
import { Badge, EmptyState, PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/viewer";
import { asUser } from "@/lib/db";
import { listClients } from "@/lib/db/clients";
import { clientSummaries } from "@/lib/db/overview";
import { formatDate, formatMinutes, formatMonth } from "@/lib/format";

export const metadata: Metadata = { title: "Clients" };

// GET /engineer — every client the engineer works for, this month at a glance, busiest first.
export default async function EngineerHome() {
  const { claims, viewer } = await requireStaff();
  const [clients, archived] = await asUser(claims, async (tx) => [
    await clientSummaries(tx),
    (await listClients(tx, { includeArchived: true })).filter((c) => c.archivedAt),
  ] as const);
  const ratio = (c: (typeof clients)[number]) => (c.includedMinutes ? c.loggedMinutes / c.includedMinutes : 0);
  const sorted = [...clients].sort((a, b) => ratio(b) - ratio(a));

  return (
    <>
      <PageHeader
        title={`Good to see you${viewer.fullName ? `, ${viewer.fullName.split(" ")[0]}` : ""}`}
        description="Every client you work for, this month in their own time zone."
        actions={viewer.staffRole === "admin" && <Link href="/clients/new" className={buttonClass()}>New client</Link>}
      />
      {sorted.length === 0 ? (
        <EmptyState title="No clients yet">
          {viewer.staffRole === "admin" ? "Create your first client to start logging hours." : "An admin assigns clients to you; they'll appear here."}
        </EmptyState>
      ) : (
        <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {sorted.map((c) => {
            const pct = c.includedMinutes ? Math.round((c.loggedMinutes / c.includedMinutes) * 100) : null;
            return (
              <li key={c.id}>
                <Link href={`/clients/${c.id}`} className="block h-full rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 transition hover:ring-brand-300">
                  <div className="flex items-start justify-between gap-2">
                    <h2 className="font-semibold text-slate-900">{c.name}</h2>
                    {pct !== null && pct > 100 ? <Badge tone="red">Over</Badge> : pct !== null && pct >= 80 ? <Badge tone="amber">{pct}%</Badge> : <Badge>{c.currency}</Badge>}
                  </div>
                  <p className="mt-0.5 text-xs text-slate-500">{c.timezone} · {formatMonth(c.month)}</p>
                  <p className="mt-4 text-sm text-slate-700">
                    <span className="text-lg font-semibold text-slate-900">{formatMinutes(c.loggedMinutes)}</span>
                    {c.includedMinutes !== null ? <> of {formatMinutes(c.includedMinutes)} included</> : <> logged (no terms yet)</>}
                  </p>
                  <div className="mt-2"><UsageBar used={c.loggedMinutes} included={c.includedMinutes} label={`${c.name} hours used`} /></div>
                  <p className="mt-3 text-xs text-slate-500">
                    {c.lastEntryDate ? <>Last entry {formatDate(c.lastEntryDate)}</> : "No entries yet"}
                  </p>
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
