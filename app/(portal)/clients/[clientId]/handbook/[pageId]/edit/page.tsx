import type { Metadata } from "next";
import Link from "next/link";
import { PageForm } from "@/components/handbook/page-form";
import { Card } from "@/components/ui/card";
import { authorizePage } from "@/lib/pages/access";
import { FilesEditor } from "@/components/handbook/files";
import { viewHandbookEditor, viewHandbookPageWithFiles } from "@/lib/pages/handbook";
import { attachFileAction, removeFileAction, savePageAction } from "../../actions";

export const metadata: Metadata = { title: "Edit handbook page" };

// GET /clients/:clientId/handbook/:pageId/edit — the client's engineers edit a page; the save names this version.
export default async function EditHandbookPage({ params }: { params: Promise<{ clientId: string; pageId: string }> }) {
  const { clientId, pageId } = await params;
  const access = await authorizePage("engineer", clientId);
  const [{ page, files }, { items }] = await Promise.all([viewHandbookPageWithFiles(access, pageId), viewHandbookEditor(access)]);
  return (
    <>
    <Card title={`Edit “${page.title}” (version ${page.version})`}
      action={<Link href={`/clients/${clientId}/handbook/${page.id}`} className="text-sm text-brand-700 underline">Back to the page</Link>}>
      {page.versionSource !== "person" && (
        <p className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {page.versionSource === "claude" ? "Claude drafted this version" : "The portal drafted this version"} from the work logged on {page.roadmapItemTitle ? `“${page.roadmapItemTitle}”` : "a roadmap item"}.
          Check each section against the entries it links to, write what only you know, and save it; it stays internal until you choose otherwise.
        </p>
      )}
      <PageForm action={savePageAction} clientId={clientId} page={page} items={items} />
    </Card>
    <FilesEditor clientId={clientId} pageId={page.id} files={files} attach={attachFileAction} remove={removeFileAction} />
    </>
  );
}
