import type { Metadata } from "next";
import Link from "next/link";
import { Markdown } from "@/components/ui/markdown";
import { ActionForm, SelectField, SubmitButton } from "@/components/ui/action-form";
import { Badge, Card, EmptyState } from "@/components/ui/card";
import { authorizePage } from "@/lib/pages/access";
import { keyedAccess, renderKey, type RenderKey } from "@/lib/pages/rendered";
import { pageSchema } from "@/lib/schemas/fields";
import { viewUpdates } from "@/lib/pages/updates";
import { formatDate, formatInstant, formatMinutes } from "@/lib/format";
import { commentOnUpdateAction, draftUpdateAction } from "./actions";
import { UpdateComments } from "@/components/updates/update-comments";
import { PaceDecision } from "@/components/updates/pace-decision";
import { clockNow } from "@/lib/platform/clock";

export const metadata: Metadata = { title: "Weekly updates" };

// GET /clients/:clientId/updates — published updates, newest first; staff also draft from here.

export default async function UpdatesPage({ params, searchParams }: {
  params: Promise<{ clientId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { clientId } = await params;
  const key = renderKey(await authorizePage("member", clientId), clockNow());
  return <Updates view={key} page={pageSchema.parse((await searchParams).page)} />;
}

/** Rendered once per person, client, data version, day and page (lib/pages/rendered). */
async function Updates({ view: key, page: asked }: { view: RenderKey; page: number }) {
  "use cache";
  const { client, isStaff, memberRole } = key;
  const clientId = client.id;
  const { page, published, older, drafts, weeks, aiReady } = await viewUpdates(keyedAccess(key), { page: asked }, clockNow());
  const pageLink = (n: number) => `/clients/${clientId}/updates${n > 1 ? `?page=${n}` : ""}`;

  return (
    <div className={isStaff ? "grid grid-cols-1 items-start gap-6 lg:grid-cols-3" : "mx-auto max-w-3xl"}>
      <div className="space-y-6 lg:col-span-2">
        {published.length === 0 && (page === 1
          ? <EmptyState title="No updates yet">
              {isStaff
                ? "Nothing is published yet. Draft this week's update from the logged work, edit it, then publish it for the client."
                : "Your engineer publishes a short update on the week's work every week."}
            </EmptyState>
          : <EmptyState title="No older updates" action={<Link className="text-sm font-medium text-brand-700 underline" href={pageLink(1)}>Back to the latest</Link>}>You have gone past the first update this client published.</EmptyState>)}
        {published.map(({ update: u, facts, entriesById, comments, pace }) => {
          return (
            <article key={u.id} className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6" aria-labelledby={`u-${u.id}`}>
              <p className="text-xs font-medium uppercase tracking-wide text-slate-500">
                Week of {formatDate(u.weekStart, { month: "long", day: "numeric", year: "numeric" })} · {formatMinutes(facts.totalMinutes)} of work
              </p>
              <h2 id={`u-${u.id}`} className="mt-1 text-lg font-semibold text-slate-900">{u.title}</h2>
              <div className="mt-3"><Markdown>{u.bodyMd}</Markdown></div>
              {u.citations.length > 0 && (
                <details className="mt-4 text-sm">
                  <summary className="cursor-pointer font-medium text-brand-700">The entries behind these highlights</summary>
                  <ul className="mt-2 space-y-2">
                    {u.citations.map((c, i) => (
                      <li key={i}>
                        <p className="text-slate-700">{c.highlight}</p>
                        <ul className="ml-4 list-disc text-slate-600">
                          {c.entryIds.map((id) => {
                            const e = entriesById.get(id);
                            return e ? (
                              <li key={id}>
                                <Link className="hover:underline" href={`/clients/${clientId}/hours?month=${e.date.slice(0, 7)}#entry-${id}`}>
                                  {formatDate(e.date, { month: "short", day: "numeric" })} · {formatMinutes(e.minutes)} · {e.description}
                                </Link>
                              </li>
                            ) : null;
                          })}
                        </ul>
                      </li>
                    ))}
                  </ul>
                </details>
              )}
              {pace && <PaceDecision clientId={clientId} month={pace.month} requests={pace.requests} role={isStaff ? "staff" : memberRole === "owner" ? "owner" : "member"} />}
              <p className="mt-4 text-xs text-slate-500">Published {u.publishedAt ? formatInstant(u.publishedAt, client.timezone) : ""}</p>
              <UpdateComments clientId={clientId} updateId={u.id} title={u.title} comments={comments} zone={client.timezone} action={commentOnUpdateAction} />
            </article>
          );
        })}
        {published.length > 0 && (page > 1 || older) && (
          <nav aria-label="Update pages" className="flex items-center justify-between text-sm font-medium">
            {page > 1 ? <Link href={pageLink(page - 1)} className="text-brand-700 hover:underline">← Newer updates</Link> : <span />}
            {older && <Link href={pageLink(page + 1)} className="text-brand-700 hover:underline">Older updates →</Link>}
          </nav>
        )}
      </div>

      {isStaff && (
        <div className="space-y-6">
          <Card title="Draft an update">
            <ActionForm action={draftUpdateAction} ariaLabel="Draft an update">
              <input type="hidden" name="clientId" value={clientId} />
              <SelectField name="weekStart" label="Week" defaultValue={weeks[1]}
                options={weeks.map((w, i) => ({ value: w, label: `${i === 0 ? "This week" : i === 1 ? "Last week" : `${i} weeks ago`} (from ${formatDate(w, { month: "short", day: "numeric" })})` }))} />
              <p className="text-sm text-slate-600">
                {aiReady
                  ? "Claude drafts it from the week's logged entries; you edit and publish."
                  : !client.aiDraftingEnabled
                    ? "The owners turned AI drafting off: the draft comes from a template of the week's facts."
                    : "No Claude API key is set: the draft comes from a template of the week's facts."}
              </p>
              <SubmitButton pendingLabel={aiReady ? "Claude is drafting…" : "Drafting…"}>Draft update</SubmitButton>
            </ActionForm>
          </Card>
          <Card title="Drafts">
            {drafts.length === 0 ? (
              <p className="text-sm text-slate-600">No drafts. Drafts are visible to staff only.</p>
            ) : (
              <ul className="space-y-2 text-sm">
                {drafts.map((d) => (
                  <li key={d.id} className="flex items-start justify-between gap-2">
                    <Link href={`/clients/${clientId}/updates/${d.id}`} className="font-medium text-brand-700 hover:underline">{d.title || "Untitled draft"}</Link>
                    <Badge tone={d.source === "ai" ? "brand" : "slate"}>{d.source === "ai" ? "Claude" : d.source}</Badge>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      )}
    </div>
  );
}
