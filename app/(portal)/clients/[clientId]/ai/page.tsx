import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card, EmptyState } from "@/components/ui/card";
import { SearchForm } from "@/components/ui/search-form";
import { formatInstant } from "@/lib/format";
import { authorizePage } from "@/lib/pages/access";
import { viewAiRequests } from "@/lib/pages/ai";
import type { AiOutcome, AiRequestRow } from "@/lib/types/ai";

export const metadata: Metadata = { title: "What AI saw" };

const OUTCOME: Record<AiOutcome, { tone: "green" | "amber" | "red"; label: string }> = {
  accepted: { tone: "green", label: "Answer accepted" },
  refused: { tone: "amber", label: "Answer refused by the check" },
  failed: { tone: "red", label: "No answer" },
};

// GET /clients/:clientId/ai — every request sent to a model about this client (issue 26). Owners and staff only.
export default async function AiRequestsPage({ params, searchParams }: {
  params: Promise<{ clientId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { clientId } = await params;
  const access = await authorizePage("billing", clientId);
  const { client, isStaff } = access;
  const { q, requests, older, paged } = await viewAiRequests(access, await searchParams);
  const base = `/clients/${clientId}/ai`;
  const withQ = (extra: Record<string, string>) => `${base}?${new URLSearchParams({ ...(q ? { q } : {}), ...extra })}`;

  return (
    <div className="space-y-6">
      <Card title="What AI saw">
        <div className="space-y-2 text-sm text-slate-700">
          <p>
            Every request the portal sent to a model about {client.name}, exactly as sent and answered. Before anything is sent,
            email addresses, phone numbers, addresses with passwords in them and anything that looks like a key, token, password or
            IBAN are replaced by placeholders such as <code className="rounded bg-slate-100 px-1">[email 1]</code>; each record lists
            what was masked, never the value itself.
          </p>
          <p>
            Claude drafting is <strong>{client.aiDraftingEnabled ? "on" : "off"}</strong>: owners switch it on the{" "}
            <Link className="font-medium text-brand-700 underline" href={`/clients/${clientId}/settings`}>settings page</Link>
            {client.aiDraftingEnabled ? "." : ", and while it is off nothing is sent."}
          </p>
        </div>
        <SearchForm action={base} id="ai-q" label="Search what was sent and answered" placeholder="A word from a prompt or an answer" defaultValue={q} />
      </Card>

      {requests.length === 0 ? (
        q ? (
          <EmptyState title="Nothing found" action={<Link className="text-sm font-medium text-brand-700 underline" href={base}>Show every request</Link>}>
            No request about {client.name} contains “{q}”.
          </EmptyState>
        ) : paged ? (
          <EmptyState title="No older requests" action={<Link className="text-sm font-medium text-brand-700 underline" href={base}>Back to the newest</Link>}>
            You have reached the first request.
          </EmptyState>
        ) : (
          <EmptyState title="Nothing sent yet">
            Nothing about {client.name} has been sent to a model. When your engineer drafts a weekly update with Claude, the exact
            request and answer appear here.
          </EmptyState>
        )
      ) : (
        <ol className="space-y-4" aria-label="Requests, newest first">
          {requests.map((r) => <li key={r.id}><Request r={r} zone={client.timezone} clientId={clientId} isStaff={isStaff} /></li>)}
        </ol>
      )}

      {(older || paged) && (
        <nav aria-label="More requests" className="flex flex-wrap gap-4 text-sm">
          {paged && <Link className="font-medium text-brand-700 underline" href={q ? withQ({}) : base}>Back to the newest</Link>}
          {older && <Link className="font-medium text-brand-700 underline" href={withQ({ before: older })}>Older requests</Link>}
        </nav>
      )}
    </div>
  );
}

function Request({ r, zone, clientId, isStaff }: { r: AiRequestRow; zone: string; clientId: string; isStaff: boolean }) {
  const outcome = OUTCOME[r.outcome];
  const count = (n: number) => `${n.toLocaleString("en-US")} token${n === 1 ? "" : "s"}`;
  const tokens = r.inputTokens !== null ? `${count(r.inputTokens)} in, ${count(r.outputTokens ?? 0)} out` : null;
  const labelId = `ai-${r.id}`;
  return (
    <article aria-labelledby={labelId} className="min-w-0 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h2 id={labelId} className="min-w-0 font-medium text-slate-900">{r.purpose}{r.attempt > 1 ? ` (attempt ${r.attempt})` : ""}</h2>
        <Badge tone={outcome.tone}>{outcome.label}</Badge>
      </div>
      <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-1 text-sm text-slate-600 sm:grid-cols-2">
        <div><dt className="inline">When: </dt><dd className="inline"><time dateTime={r.createdAt.toISOString()}>{formatInstant(r.createdAt, zone)}</time></dd></div>
        <div><dt className="inline">Asked by: </dt><dd className="inline">{r.requestedByName ?? "someone no longer here"}</dd></div>
        <div><dt className="inline">Model: </dt><dd className="inline break-all">{r.model}{r.answeredBy && r.answeredBy !== r.model ? ` (answered by ${r.answeredBy})` : ""}</dd></div>
        <div className="min-w-0"><dt className="inline">Sent to: </dt><dd className="inline break-all">{r.endpoint}</dd></div>
        <div><dt className="inline">HTTP requests: </dt><dd className="inline">{r.httpAttempts}{r.httpAttempts > 1 ? " (retried)" : ""}</dd></div>
        {tokens && <div><dt className="inline">Tokens: </dt><dd className="inline">{tokens}</dd></div>}
        <div className="sm:col-span-2"><dt className="inline">Prompt version: </dt><dd className="inline break-all">{r.promptVersion}</dd></div>
      </dl>
      <p className="mt-2 text-sm text-slate-700">
        {r.masked.length === 0
          ? "Nothing needed masking."
          : <>Masked before sending: {r.masked.map((m, i) => <span key={m.placeholder}>{i > 0 && ", "}<code className="rounded bg-slate-100 px-1">{m.placeholder}</code> ({m.kind === "url-credentials" ? "address with credentials" : m.kind}, {m.preview})</span>)}.</>}
      </p>
      {r.feedback && (
        <p className="mt-2 text-sm text-slate-700">
          {r.outcome === "refused" ? "The check refused the answer and asked again with these reasons: " : "What went wrong: "}{r.feedback}
        </p>
      )}
      {r.updateId && r.outcome === "accepted" && (
        <p className="mt-2 text-sm text-slate-700">
          It became {isStaff ? <Link className="font-medium text-brand-700 underline" href={`/clients/${clientId}/updates/${r.updateId}`}>a weekly update&apos;s draft</Link> : "a weekly update's draft"}; a person edited it before it was published.
        </p>
      )}
      {r.handbookPageId && r.outcome === "accepted" && (
        <p className="mt-2 text-sm text-slate-700">
          It became {isStaff ? <Link className="font-medium text-brand-700 underline" href={`/clients/${clientId}/handbook/${r.handbookPageId}`}>a handbook page&apos;s first draft</Link> : "a handbook page's first draft"}, internal to the practice until a person corrects it and shares it.
        </p>
      )}
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer font-medium text-brand-700">The prompt as sent</summary>
        <h3 className="mt-2 text-xs font-medium uppercase tracking-wide text-slate-500">Instructions (system prompt)</h3>
        <pre className="mt-1 max-h-96 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-3 text-xs text-slate-800">{r.request.system}</pre>
        {(r.request.messages ?? []).map((m, i) => (
          <div key={i}>
            <h3 className="mt-2 text-xs font-medium uppercase tracking-wide text-slate-500">Message</h3>
            <pre className="mt-1 max-h-96 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-3 text-xs text-slate-800">{m.content}</pre>
          </div>
        ))}
      </details>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer font-medium text-brand-700">The answer as received</summary>
        {r.response === null
          ? <p className="mt-2 text-slate-600">No answer came back.</p>
          : <pre className="mt-2 max-h-96 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-3 text-xs text-slate-800">{r.response}</pre>}
      </details>
    </article>
  );
}
