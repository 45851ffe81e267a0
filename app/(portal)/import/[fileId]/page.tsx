import type { Metadata } from "next";
import Link from "next/link";
import { RestorePreview } from "@/components/import/restore-preview";
import { ActionForm, CheckboxField, SelectField, SubmitButton } from "@/components/ui/action-form";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { formatInstant, formatMinutes, formatMonth, plural } from "@/lib/format";
import { authorizePage } from "@/lib/pages/access";
import { orNotFound, requireId } from "@/lib/pages/found";
import { viewImport, viewRestore, type MappedSource } from "@/lib/pages/import";
import { runImportAction } from "../actions";

export const metadata: Metadata = { title: "Import preview" };

const originHint = (s: MappedSource) =>
  s.origin === "remembered" ? "As at the last import." : s.origin === "matched" ? "Matched by name." : s.origin === "email" ? "Matched by email." : "Not mapped yet.";

// GET /import/:fileId — one upload: map its clients and people, see what an import would write per client and
// month and which rows it refuses (row, column, reason), then import. Admins only.
export default async function ImportPreviewPage({ params }: { params: Promise<{ fileId: string }> }) {
  const { fileId } = await params;
  requireId(fileId);
  const session = await authorizePage("admin");
  const zone = session.viewer.timezone ?? "UTC";
  const restore = await viewRestore(session, fileId);
  if (restore) {
    return (
      <>
        <PageHeader
          title={`Restore ${restore.file.fileName}`}
          description={`Retainer Portal export · uploaded ${formatInstant(restore.file.uploadedAt, zone)}${restore.file.uploadedBy ? ` by ${restore.file.uploadedBy}` : ""}`}
          actions={<Link href="/import" className="text-sm font-medium text-brand-700 hover:underline">All uploads</Link>}
        />
        <RestorePreview preview={restore} zone={zone} />
      </>
    );
  }
  const v = await orNotFound(viewImport(session, fileId));
  const { plan } = v;
  const unmapped = [...v.accounts, ...v.persons].filter((s) => s.id === undefined).length;
  const toAdd = plan.toWrite - v.before;
  const history = v.months.filter((m) => m.history).reduce((s, m) => s + m.entries, 0);

  return (
    <>
      <PageHeader
        title={`Import ${v.file.fileName}`}
        description={`${v.formatLabel} · uploaded ${formatInstant(v.file.uploadedAt, zone)}${v.file.uploadedBy ? ` by ${v.file.uploadedBy}` : ""}`}
        actions={<Link href="/import" className="text-sm font-medium text-brand-700 hover:underline">All uploads</Link>}
      />
      {v.file.importedAt && (
        <p role="status" className="mb-6 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-inset ring-emerald-200">
          Imported {formatInstant(v.file.importedAt, zone)}: {plural(v.file.added ?? 0, "entry", "entries")} added. Importing it again adds only rows that are new.
        </p>
      )}

      <Card title="What this file holds">
        <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-3 lg:grid-cols-6">
          <Figure label="Rows read" value={plan.rowsRead} />
          <Figure label="Will be added" value={toAdd} strong />
          <Figure label="Imported before" value={v.before} />
          <Figure label="Left out" value={plan.leftOutCount} />
          <Figure label="Can't be imported" value={plan.refusedCount} tone={plan.refusedCount ? "red" : undefined} />
          <Figure label="Waiting for a mapping" value={plan.unmappedCount} tone={plan.unmappedCount ? "amber" : undefined} />
        </dl>
        {plan.ignoredCount > 0 && <p className="mt-3 text-xs text-slate-500">{plural(plan.ignoredCount, "row")} read but not work (breaks, or voided before export).</p>}
        {history > 0 && <p className="mt-1 text-xs text-slate-500">{plural(history, "entry", "entries")} fall before their client&apos;s first retainer month: kept as history, never billed.</p>}
      </Card>

      <ActionForm action={runImportAction} ariaLabel="Map and import" className="mt-6 space-y-6">
        <input type="hidden" name="fileId" value={v.file.id} />
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <Card title="Clients and projects">
            {v.accounts.length === 0 ? <p className="text-sm text-slate-600">No rows to map.</p> : (
              <ul className="space-y-4">
                {v.accounts.map((a, n) => (
                  <li key={a.key}>
                    <input type="hidden" name={`account.${n}`} value={a.key} />
                    <SelectField
                      name={`accountTo.${n}`}
                      label={`${a.key || "This file's client"} · ${plural(a.entries, "row")}, ${formatMinutes(a.minutes)}`}
                      hint={originHint(a)}
                      defaultValue={a.id === undefined ? "" : a.id === null ? "skip" : a.id}
                      options={[
                        { value: "", label: "Choose a client…" },
                        ...v.clients.map((c) => ({ value: c.id, label: c.name })),
                        { value: "skip", label: "Leave these rows out" },
                      ]}
                    />
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="People">
            {v.persons.length === 0 ? <p className="text-sm text-slate-600">No rows to map.</p> : (
              <ul className="space-y-4">
                {v.persons.map((p, n) => (
                  <li key={p.key}>
                    <input type="hidden" name={`person.${n}`} value={p.key} />
                    <SelectField
                      name={`personTo.${n}`}
                      label={`${p.name}${p.email ? ` (${p.email})` : ""} · ${plural(p.entries, "row")}`}
                      hint={originHint(p)}
                      defaultValue={p.id ?? ""}
                      options={[{ value: "", label: "Choose who did this work…" }, ...v.staff.map((s) => ({ value: s.id, label: `${s.name} (${s.email})` }))]}
                    />
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>

        <Card title="What an import writes, per client and month">
          {v.months.length === 0 ? (
            <p className="text-sm text-slate-600">{unmapped ? "Map the clients and people above to see the months this file fills." : "Nothing from this file would be written."}</p>
          ) : (
            <div className="-mx-4 sm:-mx-5">
              <table className="w-full text-sm">
                <caption className="sr-only">Minutes per client and month</caption>
                <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
                  <tr>
                    <th scope="col" className="px-4 py-2 font-medium sm:px-5">Client and month</th>
                    <th scope="col" className="px-2 py-2 text-right font-medium">Entries</th>
                    <th scope="col" className="px-2 py-2 text-right font-medium">Billable</th>
                    <th scope="col" className="px-4 py-2 text-right font-medium sm:pr-5">Not billable</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {v.months.map((m) => (
                    <tr key={`${m.clientId} ${m.month}`}>
                      <td className="px-4 py-2 sm:px-5">
                        <span className="font-medium text-slate-900">{m.clientName}</span> · {formatMonth(m.month)}
                        {m.history && <span className="ml-2"><Badge>History, not billed</Badge></span>}
                      </td>
                      <td className="px-2 py-2 text-right tabular-nums">{m.entries}</td>
                      <td className="px-2 py-2 text-right tabular-nums">{formatMinutes(m.billableMinutes)}</td>
                      <td className="px-4 py-2 text-right tabular-nums sm:pr-5">{formatMinutes(m.otherMinutes)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>

        {plan.refusedCount > 0 && (
          <Card title={`Rows that can't be imported (${plan.refusedCount.toLocaleString("en-US")})`}>
            <ol className="divide-y divide-slate-100 text-sm" aria-label="Rows that can't be imported">
              {plan.refusals.map((r) => (
                <li key={`${r.row} ${r.column}`} className="py-2">
                  <span className="font-medium text-slate-900">Row {r.row}</span>
                  {r.column && <span className="text-slate-600"> · {r.column}</span>}: {r.reason}
                </li>
              ))}
            </ol>
            {plan.refusedCount > plan.refusals.length && (
              <p className="mt-2 text-xs text-slate-500">The first {plan.refusals.length} are listed.</p>
            )}
            {(plan.toWrite > 0 || plan.unmappedCount > 0) && <div className="mt-4">
              <CheckboxField name="skipRefused" label={`Skip these ${plural(plan.refusedCount, "row")} and import the rest`} defaultChecked={false}
                hint="Otherwise fix them in the file and upload it again: a file with any row that can't be imported writes nothing." />
            </div>}
          </Card>
        )}

        <div className="flex flex-wrap gap-3">
          <SubmitButton name="intent" value="import" pendingLabel="Importing…">
            {toAdd > 0 ? `Import ${plural(toAdd, "entry", "entries")}` : "Import"}
          </SubmitButton>
          <SubmitButton name="intent" value="preview" variant="secondary" pendingLabel="Saving…">Save mapping and preview</SubmitButton>
        </div>
      </ActionForm>
    </>
  );
}

function Figure({ label, value, strong, tone }: { label: string; value: number; strong?: boolean; tone?: "red" | "amber" }) {
  const color = tone === "red" ? "text-red-700" : tone === "amber" ? "text-amber-700" : "text-slate-900";
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className={`tabular-nums ${strong ? "text-lg font-semibold" : "text-base font-medium"} ${color}`}>{value.toLocaleString("en-US")}</dd>
    </div>
  );
}
