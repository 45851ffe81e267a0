import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { FileField } from "@/components/ui/file-field";
import { formatInstant } from "@/lib/format";
import { authorizePage } from "@/lib/pages/access";
import { viewImports } from "@/lib/pages/import";
import { uploadImportAction } from "./actions";

export const metadata: Metadata = { title: "Import time" };

// GET /import — bring a practice's history in: upload a Harvest, Toggl or Clockify export (or our own hours
// export), then map and preview it before anything is written. Admins only.
export default async function ImportPage() {
  const session = await authorizePage("admin");
  const { files } = await viewImports(session);
  const zone = session.viewer.timezone ?? "UTC";
  return (
    <>
      <PageHeader
        title="Import time"
        description="Bring your history in from Harvest, Toggl Track or Clockify, or restore a Retainer Portal export into a new practice. Nothing is written until you have seen the preview, and importing the same file twice adds nothing."
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <Card title="Upload an export">
          <ActionForm action={uploadImportAction} ariaLabel="Upload an export">
            <FileField name="file" label="Time export (CSV) or Retainer Portal export (ZIP)" accept=".csv,text/csv,.zip,application/zip"
              hint="Harvest: Reports → Detailed time → Export CSV. Toggl Track: Reports → Detailed → CSV. Clockify: Reports → Detailed → Export CSV. A Retainer Portal export restores into an empty practice. Up to 20 MB." />
            <SubmitButton pendingLabel="Reading…">Upload and preview</SubmitButton>
          </ActionForm>
        </Card>
        <Card title="Recent uploads" className="lg:col-span-2">
          {files.length === 0 ? (
            <p className="text-sm text-slate-600">No uploads yet. Each file you upload stays here with what it imported.</p>
          ) : (
            <ul className="divide-y divide-slate-100" aria-label="Recent uploads">
              {files.map((f) => (
                <li key={f.id} className="flex flex-col gap-1 py-3 text-sm sm:flex-row sm:items-center sm:justify-between">
                  <div className="min-w-0">
                    <Link href={`/import/${f.id}`} className="break-words font-medium text-brand-700 hover:underline">{f.fileName}</Link>
                    <p className="text-xs text-slate-500">Uploaded {formatInstant(f.uploadedAt, zone)}{f.uploadedBy ? ` by ${f.uploadedBy}` : ""}</p>
                  </div>
                  {f.format === "archive"
                    ? (f.importedAt ? <Badge tone="green">Restored</Badge> : <Badge>Not restored</Badge>)
                    : f.importedAt ? <Badge tone="green">{f.added} added</Badge> : <Badge>Not imported</Badge>}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
