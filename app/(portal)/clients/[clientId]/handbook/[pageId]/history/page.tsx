import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { Badge, Card } from "@/components/ui/card";
import { sectionLabel, VISIBILITY_LABELS } from "@/lib/domain/handbook";
import { formatInstant } from "@/lib/format";
import { authorizePage } from "@/lib/pages/access";
import { viewHandbookHistory } from "@/lib/pages/handbook";
import { restoreVersionAction } from "../../actions";

export const metadata: Metadata = { title: "Handbook page history" };

// GET /clients/:clientId/handbook/:pageId/history[?version=N] — every version the reader may see (owners and
// members: the versions that were visible to them), who saved it and when, and what it changed, line by line.
// The client's engineers restore a version: it is saved as the newest, nothing is lost.
export default async function HandbookHistory({ params, searchParams }: {
  params: Promise<{ clientId: string; pageId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { clientId, pageId } = await params;
  const access = await authorizePage("member", clientId);
  const { client, isStaff } = access;
  const { page, versions, shown, previous, diff } = await viewHandbookHistory(access, pageId, await searchParams);
  const base = `/clients/${clientId}/handbook/${page.id}`;
  return (
    <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-3">
      <Card title={`History of “${page.title}”`} className="lg:col-span-1"
        action={<Link href={base} className="text-sm text-brand-700 underline">Back to the page</Link>}>
        <ol className="space-y-2 text-sm" aria-label="Versions, newest first">
          {versions.map((v) => (
            <li key={v.version}>
              <Link href={`${base}/history?version=${v.version}`} aria-current={v.version === shown?.version ? "true" : undefined}
                className={`block rounded-md px-2 py-1.5 ${v.version === shown?.version ? "bg-brand-50 ring-1 ring-inset ring-brand-200" : "hover:bg-slate-50"}`}>
                <span className="font-medium text-slate-900">Version {v.version}</span>
                {v.restoredFrom !== null && <span className="text-slate-600"> (restored version {v.restoredFrom})</span>}
                {v.source !== "person" && <span className="text-slate-600"> ({v.source === "claude" ? "drafted by Claude" : "drafted from the work"})</span>}
                <span className="block text-xs text-slate-600">{formatInstant(v.savedAt, client.timezone)}{v.savedByName ? ` · ${v.savedByName}` : ""}</span>
              </Link>
            </li>
          ))}
        </ol>
      </Card>
      <Card title={shown ? `Version ${shown.version}${previous ? `, against version ${previous.version}` : ""}` : "No versions"} className="lg:col-span-2">
        {shown && (
          <>
            <p className="mb-3 flex flex-wrap items-center gap-2 text-sm text-slate-700">
              {sectionLabel(shown.section)} <Badge tone={shown.visibility === "client" ? "green" : "amber"}>{VISIBILITY_LABELS[shown.visibility]}</Badge>
            </p>
            <div role="region" aria-label="What changed" className="overflow-x-auto rounded-md ring-1 ring-slate-200">
              <table className="w-full text-xs">
                <caption className="sr-only">Lines removed (−) and added (+) in version {shown.version}</caption>
                <tbody className="font-mono">
                  {diff.map((line, i) => line.kind === "skipped" ? (
                    <tr key={i}><td colSpan={2} className="bg-slate-50 px-3 py-1 text-slate-500">{line.lines} unchanged lines</td></tr>
                  ) : (
                    <tr key={i} className={line.kind === "added" ? "bg-emerald-50" : line.kind === "removed" ? "bg-red-50" : ""}>
                      <td className="w-6 select-none px-2 text-center text-slate-500">
                        {line.kind === "added" ? <><span aria-hidden="true">+</span><span className="sr-only">added</span></> : line.kind === "removed" ? <><span aria-hidden="true">−</span><span className="sr-only">removed</span></> : ""}
                      </td>
                      <td className="whitespace-pre-wrap break-words px-2 py-0.5 text-slate-800">{line.text || " "}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {isStaff && shown.version !== page.version && (
              <ActionForm action={restoreVersionAction} className="mt-4" ariaLabel={`Restore version ${shown.version}`}>
                <input type="hidden" name="clientId" value={clientId} />
                <input type="hidden" name="pageId" value={page.id} />
                <input type="hidden" name="version" value={shown.version} />
                <input type="hidden" name="baseVersion" value={page.version} />
                <SubmitButton variant="secondary" pendingLabel="Restoring…">Restore version {shown.version}</SubmitButton>
                <p className="mt-1 text-xs text-slate-600">It is saved as version {page.version + 1}; every version stays in the history.</p>
              </ActionForm>
            )}
          </>
        )}
      </Card>
    </div>
  );
}
