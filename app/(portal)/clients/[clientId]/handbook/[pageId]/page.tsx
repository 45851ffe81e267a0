import type { Metadata } from "next";
import Link from "next/link";
import { MermaidDiagram } from "@/components/handbook/mermaid-diagram";
import { Badge } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { Markdown } from "@/components/ui/markdown";
import { FileList, pageImage } from "@/components/handbook/files";
import { PrintButton } from "@/components/ui/print-button";
import { sectionLabel, VISIBILITY_LABELS } from "@/lib/domain/handbook";
import { formatInstant } from "@/lib/format";
import { authorizePage } from "@/lib/pages/access";
import { viewHandbookPageWithFiles } from "@/lib/pages/handbook";

export const metadata: Metadata = { title: "Handbook page" };

// GET /clients/:clientId/handbook/:pageId — one page, with its mark (internal or visible to the client), what it
// documents, and its diagrams drawn. Prints as the client's name and the page alone (the shell and the sections
// hide when printing); the print dialog's "Save as PDF" makes its PDF.
export default async function HandbookPageView({ params }: { params: Promise<{ clientId: string; pageId: string }> }) {
  const { clientId, pageId } = await params;
  const access = await authorizePage("member", clientId);
  const { client, isStaff } = access;
  const { page, files } = await viewHandbookPageWithFiles(access, pageId);
  const base = `/clients/${clientId}/handbook`;
  return (
    <article aria-labelledby="handbook-title" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6 print:shadow-none print:ring-0">
      <nav aria-label="Handbook" className="mb-3 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm print:hidden">
        <Link href={base} className="text-brand-700 underline">Handbook</Link>
        <span className="text-slate-500">{sectionLabel(page.section)}</span>
        <span className="flex-1" />
        {/* Staff see how many versions there are; owners and members only read the versions that were visible to them. */}
        <Link href={`${base}/${page.id}/history`} className="text-brand-700 underline">{isStaff ? `History (${page.version} ${page.version === 1 ? "version" : "versions"})` : "History"}</Link>
        <PrintButton variant="secondary" size="sm" />
        <a href={`${base}/${page.id}/pdf`} className={buttonClass("secondary", "sm")} download>Download PDF</a>
        {isStaff && <Link href={`${base}/${page.id}/edit`} className={buttonClass("secondary", "sm")}>Edit</Link>}
      </nav>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h2 id="handbook-title" className="text-xl font-semibold text-slate-900">{page.title}</h2>
        <Badge tone={page.visibility === "client" ? "green" : "amber"}>{VISIBILITY_LABELS[page.visibility]}</Badge>
      </div>
      <p className="mt-1 text-xs text-slate-500">
        {isStaff ? `Version ${page.version}, saved` : "Saved"} {formatInstant(page.updatedAt, client.timezone)}{page.updatedByName ? ` by ${page.updatedByName}` : ""}
        {page.roadmapItemId && page.roadmapItemTitle && <> · documents <Link className="text-brand-700 underline" href={`/clients/${clientId}/roadmap/${page.roadmapItemId}`}>{page.roadmapItemTitle}</Link></>}
        {isStaff && page.versionSource !== "person" && <> · <span className="font-medium text-amber-800">{page.versionSource === "claude" ? "drafted by Claude" : "drafted from the work"}, not yet saved by a person</span></>}
      </p>
      <div className="mt-4">
        {page.bodyMd
          ? <Markdown diagram={(source) => <MermaidDiagram source={source} />} image={pageImage(files)}>{page.bodyMd}</Markdown>
          : <p className="text-sm text-slate-600">This page is empty.</p>}
      </div>
      <FileList files={files} />
    </article>
  );
}
