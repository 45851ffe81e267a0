import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card, EmptyState } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { SearchForm } from "@/components/ui/search-form";
import { VISIBILITY_LABELS } from "@/lib/domain/handbook";
import { formatInstant } from "@/lib/format";
import { authorizePage } from "@/lib/pages/access";
import { viewHandbook } from "@/lib/pages/handbook";

export const metadata: Metadata = { title: "Handbook" };

// GET /clients/:clientId/handbook — the client's handbook by section (issue 26). Staff see every page; owners and
// members the pages marked visible to the client.
export default async function HandbookPage({ params, searchParams }: {
  params: Promise<{ clientId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { clientId } = await params;
  const access = await authorizePage("member", clientId);
  const { client, isStaff } = access;
  const { q, total, sections } = await viewHandbook(access, await searchParams);
  const base = `/clients/${clientId}/handbook`;
  return (
    <div className="space-y-6">
      <Card title="Handbook" action={isStaff ? <Link href={`${base}/new`} className={buttonClass("primary", "sm")}>New page</Link> : undefined}>
        <p className="text-sm text-slate-700">
          {isStaff
            ? `Runbooks, architecture notes, how-tos, decisions and workflow maps for ${client.name}. Pages marked “Visible to the client” are read by its owners and members; internal pages by its engineers only. Every save is kept.`
            : `How ${client.name}'s systems work and what to do when something happens: written by your engineer for you to keep. Every page is in your data export.`}
        </p>
        <SearchForm action={base} id="handbook-q" label="Search the handbook" placeholder="A word from a page" defaultValue={q} />
      </Card>
      {total === 0 ? (
        q ? (
          <EmptyState title="Nothing found" action={<Link className="text-sm font-medium text-brand-700 underline" href={base}>Show every page</Link>}>
            No page of the handbook has the words “{q}”.
          </EmptyState>
        ) : (
          <EmptyState title="No pages yet"
            action={isStaff ? <Link href={`${base}/new`} className={buttonClass("primary", "sm")}>Write the first page</Link> : undefined}>
            {isStaff ? "Start with a runbook for something that shipped, or the workflow map from the audit." : "Your engineer writes the handbook as the work goes; pages appear here when they are ready for you."}
          </EmptyState>
        )
      ) : (
        sections.filter((s) => s.pages.length > 0).map((s) => (
          <section key={s.value} aria-labelledby={`section-${s.value}`} className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
            <h2 id={`section-${s.value}`} className="border-b border-slate-100 px-4 py-3 text-sm font-semibold text-slate-900 sm:px-5">
              {s.label} <span className="font-normal text-slate-500">· {s.about}</span>
            </h2>
            <ul className="divide-y divide-slate-100">
              {s.pages.map((p) => (
                <li key={p.id} className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-center sm:justify-between sm:px-5">
                  <div className="min-w-0">
                    <Link href={`${base}/${p.id}`} className="font-medium text-brand-700 hover:underline">{p.title}</Link>
                    <p className="text-xs text-slate-500">
                      {isStaff ? `Version ${p.version} · ` : ""}{formatInstant(p.updatedAt, client.timezone)}{p.updatedByName ? ` · ${p.updatedByName}` : ""}
                      {p.roadmapItemTitle ? ` · documents “${p.roadmapItemTitle}”` : ""}
                    </p>
                  </div>
                  {isStaff && <Badge tone={p.visibility === "client" ? "green" : "amber"}>{VISIBILITY_LABELS[p.visibility]}</Badge>}
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}
