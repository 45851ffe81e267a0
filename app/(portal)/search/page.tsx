import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card, EmptyState } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { formatDate } from "@/lib/format";
import { authorizePage } from "@/lib/pages/access";
import { viewSearch, type SearchView } from "@/lib/pages/search";

export const metadata: Metadata = { title: "Search" };

type Hit = SearchView["entries"][number];

function Snippet({ hit }: { hit: Hit }) {
  return (
    <span className="text-slate-700">
      {hit.parts.map((p, i) => (p.marked ? <mark key={i} className="rounded bg-amber-100 px-0.5 text-slate-900">{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </span>
  );
}

function Results({ title, hits, href, empty }: { title: string; hits: Hit[]; href: (h: Hit) => string; empty: string }) {
  return (
    <Card title={`${title} (${hits.length}${hits.length === 20 ? "+" : ""})`}>
      {hits.length === 0 ? <p className="text-sm text-slate-600">{empty}</p> : (
        <ul className="divide-y divide-slate-100">
          {hits.map((h) => (
            <li key={h.id} className="py-3">
              <Link href={href(h)} className="block rounded hover:bg-slate-50 focus-visible:bg-slate-50">
                <span className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
                  <span className="font-medium text-slate-700">{h.clientName}</span>
                  {h.date && <span>{formatDate(h.date)}</span>}
                  {h.voided && <Badge>Voided</Badge>}
                </span>
                <span className="mt-0.5 block text-sm"><Snippet hit={h} /></span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

// GET /search?q=… — entries, roadmap items, updates and handbook pages the person may read, by the words in them.
export default async function SearchPage({ searchParams }: { searchParams: Promise<{ q?: string | string[]; client?: string | string[] }> }) {
  const view = await viewSearch(await authorizePage("signed-in"), await searchParams);
  const searched = view.words.length > 0;
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold text-slate-900">Search</h1>
      <form action="/search" role="search" aria-label="Search entries, roadmap items, updates and the handbook" className="flex gap-2">
        {view.client && <input type="hidden" name="client" value={view.client.id} />}
        <label htmlFor="search-q" className="sr-only">Search for</label>
        <input id="search-q" name="q" type="search" defaultValue={view.q} autoFocus={!searched} maxLength={200} placeholder="A word from an entry, an item or an update"
          className="block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500" />
        <button type="submit" className={buttonClass("primary")}>Search</button>
      </form>
      {view.client && (
        <p className="text-sm text-slate-600">
          Within {view.client.name}. <Link href={`/search?q=${encodeURIComponent(view.q)}`} className="font-medium text-brand-700 underline">Search everywhere you can see</Link>
        </p>
      )}
      {!searched ? (
        <EmptyState title={view.q ? "Type a word with letters or digits" : "What are you looking for?"}>
          Every word you type must appear (the start of a word is enough: “invoic” finds “invoices”).
        </EmptyState>
      ) : (
        <>
          <Results title="Entries" hits={view.entries} empty="No entry has these words."
            href={(h) => `/clients/${h.clientId}/hours?month=${h.date!.slice(0, 7)}#entry-${h.id}`} />
          <Results title="Roadmap items" hits={view.items} empty="No roadmap item has these words." href={(h) => `/clients/${h.clientId}/roadmap/${h.id}`} />
          <Results title="Weekly updates" hits={view.updates} empty="No update has these words." href={(h) => `/clients/${h.clientId}/updates#update-${h.id}`} />
          <Results title="Handbook pages" hits={view.pages} empty="No handbook page has these words." href={(h) => `/clients/${h.clientId}/handbook/${h.id}`} />
        </>
      )}
    </div>
  );
}
