// A handbook page's attachments (issue 26): the list every reader of the page sees (images as thumbnails, PDFs to
// download), the way an image is drawn in the page's Markdown (only the page's own files), and the editor's card:
// attach an image or a PDF, copy the Markdown that shows it, remove it.
import { FileField } from "@/components/ui/file-field";
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { formatBytes } from "@/lib/format";
import type { ShownFile } from "@/lib/types/handbook";
import type { ActionState } from "@/lib/commands/state";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

const KIND: Record<string, string> = { "image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF", "image/webp": "WebP", "application/pdf": "PDF" };
const about = (f: ShownFile) => `${KIND[f.contentType] ?? f.contentType}, ${formatBytes(f.sizeBytes)}`;

/** Draws `src` if it is one of `files`' images: the only images a handbook page shows. */
export function pageImage(files: ShownFile[]) {
  const images = new Map(files.filter((f) => f.image).map((f) => [f.href, f]));
  return function attachedImage(src: string | undefined, alt: string) {
    // eslint-disable-next-line @next/next/no-img-element -- the page's own attachment, served by the portal with its size unknown
    return src && images.has(src) ? <img src={src} alt={alt} loading="lazy" className="my-2 h-auto max-w-full rounded border border-slate-200" /> : null;
  };
}

export function FileList({ files }: { files: ShownFile[] }) {
  if (!files.length) return null;
  return (
    <section aria-labelledby="handbook-files" className="mt-6 border-t border-slate-200 pt-4">
      <h3 id="handbook-files" className="text-sm font-semibold text-slate-900">Files</h3>
      <ul className="mt-2 grid grid-cols-1 gap-3 sm:grid-cols-2">
        {files.map((f) => (
          <li key={f.id} className="flex min-w-0 items-center gap-3 text-sm">
            {f.image
              // eslint-disable-next-line @next/next/no-img-element -- a thumbnail of the page's own attachment
              ? <img src={f.href} alt="" loading="lazy" className="h-12 w-12 shrink-0 rounded border border-slate-200 object-cover" />
              : <span aria-hidden className="flex h-12 w-12 shrink-0 items-center justify-center rounded border border-slate-200 bg-slate-50 text-xs font-semibold text-slate-600">PDF</span>}
            <span className="min-w-0">
              <a href={f.href} className="block truncate font-medium text-brand-700 underline" {...(f.image ? {} : { download: f.name })}>{f.name}</a>
              <span className="text-xs text-slate-600">{about(f)}{f.image ? "" : " · downloads"}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function FilesEditor({ clientId, pageId, files, attach, remove }: { clientId: string; pageId: string; files: ShownFile[]; attach: Action; remove: Action }) {
  return (
    <section id="files" aria-labelledby="files-title" className="mt-6 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <h2 id="files-title" className="font-semibold text-slate-900">Files</h2>
      <p className="mt-1 text-sm text-slate-600">
        Images (PNG, JPEG, GIF, WebP) and PDFs up to 10 MB. They are read by whoever reads the page. To show an image in the page, paste its Markdown into the text.
      </p>
      {files.length > 0 && (
        <ul className="mt-3 divide-y divide-slate-100">
          {files.map((f) => (
            <li key={f.id} className="flex flex-wrap items-center gap-3 py-2 text-sm">
              <span className="min-w-0 flex-1">
                <a href={f.href} className="block truncate font-medium text-brand-700 underline">{f.name}</a>
                <span className="text-xs text-slate-600">{about(f)}</span>
                {f.image && <code className="mt-1 block break-all rounded bg-slate-100 px-1 text-xs text-slate-800">{`![${f.name.replace(/[[\]]/g, "")}](${f.href})`}</code>}
              </span>
              <ActionForm action={remove} className="shrink-0" ariaLabel={`Remove ${f.name}`} showSuccess={false}>
                <input type="hidden" name="clientId" value={clientId} />
                <input type="hidden" name="pageId" value={pageId} />
                <input type="hidden" name="fileId" value={f.id} />
                <SubmitButton variant="secondary" pendingLabel="Removing…" ariaLabel={`Remove ${f.name}`}>Remove</SubmitButton>
              </ActionForm>
            </li>
          ))}
        </ul>
      )}
      <ActionForm action={attach} className="mt-4 space-y-3" ariaLabel="Attach a file">
        <input type="hidden" name="clientId" value={clientId} />
        <input type="hidden" name="pageId" value={pageId} />
        <FileField name="file" label="Image or PDF" accept="image/png,image/jpeg,image/gif,image/webp,application/pdf,.png,.jpg,.jpeg,.gif,.webp,.pdf" />
        <SubmitButton pendingLabel="Attaching…">Attach file</SubmitButton>
      </ActionForm>
    </section>
  );
}
