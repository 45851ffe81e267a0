// An uploaded Retainer Portal export, before it is restored (issue 22's round trip): when and by whom it was
// exported, what each client brings, and the one button, or why this practice can't take it.
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import { formatInstant, plural } from "@/lib/format";
import type { RestorePreview as Preview } from "@/lib/types/restore";
import { restoreExportAction } from "@/app/(portal)/import/actions";

export function RestorePreview({ preview: v, zone }: { preview: Preview; zone: string }) {
  const entries = v.clients.reduce((s, c) => s + c.entries, 0);
  return (
    <>
      {v.file.importedAt && (
        <p role="status" className="mb-6 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-inset ring-emerald-200">
          Restored {formatInstant(v.file.importedAt, zone)}: {plural(v.file.added ?? 0, "entry", "entries")} with their clients, months and invoices.
        </p>
      )}
      <Card title={v.meta.scope === "practice" ? "A whole practice's export" : "One client's export"}>
        <p className="text-sm text-slate-700">
          Exported {formatInstant(new Date(v.meta.exported_at), zone)} by {v.meta.exported_by}. A restore brings back
          {v.meta.scope === "practice" ? " the practice's settings and staff, and for each client" : " the client with"} its terms and people,
          roadmap, every entry with its voids and corrections, the closed months with the statements they were billed with, invoices with
          their lines, updates and the audit trail, under the ids they had.
        </p>
        <div className="-mx-4 mt-4 overflow-x-auto sm:-mx-5">
          <table className="w-full text-sm">
            <caption className="sr-only">What each client of the export brings</caption>
            <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium sm:px-5">Client</th>
                <th scope="col" className="px-2 py-2 text-right font-medium">Entries</th>
                <th scope="col" className="px-2 py-2 text-right font-medium">Closed months</th>
                <th scope="col" className="px-2 py-2 text-right font-medium">Invoices</th>
                <th scope="col" className="hidden px-2 py-2 text-right font-medium sm:table-cell">Roadmap items</th>
                <th scope="col" className="hidden px-4 py-2 text-right font-medium sm:table-cell sm:pr-5">Updates</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {v.clients.map((c) => (
                <tr key={c.name}>
                  <td className="px-4 py-2 font-medium text-slate-900 sm:px-5">{c.name}</td>
                  <td className="px-2 py-2 text-right tabular-nums">{c.entries.toLocaleString("en-US")}</td>
                  <td className="px-2 py-2 text-right tabular-nums">{c.closedMonths}</td>
                  <td className="px-2 py-2 text-right tabular-nums">{c.invoices}</td>
                  <td className="hidden px-2 py-2 text-right tabular-nums sm:table-cell">{c.roadmapItems}</td>
                  <td className="hidden px-4 py-2 text-right tabular-nums sm:table-cell sm:pr-5">{c.updates}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      {!v.file.importedAt && (
        v.refusal ? (
          <p className="mt-6 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">{v.refusal}</p>
        ) : (
          <ActionForm action={restoreExportAction} ariaLabel="Restore this export" className="mt-6 space-y-3">
            <input type="hidden" name="fileId" value={v.file.id} />
            <p className="text-sm text-slate-600">
              One step, all or nothing: if any row can&apos;t be restored, nothing is. People get their access back and sign in with a code
              sent to their email, as before.
            </p>
            <SubmitButton pendingLabel="Restoring…">{`Restore ${plural(v.clients.length, "client")} and ${plural(entries, "entry", "entries")}`}</SubmitButton>
          </ActionForm>
        )
      )}
    </>
  );
}
