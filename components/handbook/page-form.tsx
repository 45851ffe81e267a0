// The handbook's editor (issue 26): title, section, who can read it (shown as the mark on the page), the roadmap
// item it documents, and the Markdown with its diagrams. A save names the version it was edited from; if someone
// saved since, the form keeps the text and says so (lib/handbook/pages).
import { ActionForm, SelectField, SubmitButton, TextAreaField, TextField } from "@/components/ui/action-form";
import { HANDBOOK_SECTIONS, VISIBILITY_LABELS } from "@/lib/domain/handbook";
import type { ActionState } from "@/lib/commands/state";
import type { HandbookPageRow } from "@/lib/types/handbook";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

export function PageForm({ action, clientId, page, items, defaults }: {
  action: Action; clientId: string; page: HandbookPageRow | null; items: { id: string; title: string }[];
  defaults?: { roadmapItemId?: string; title?: string; section?: string };
}) {
  return (
    <ActionForm action={action} ariaLabel={page ? "Edit the page" : "New page"}>
      <input type="hidden" name="clientId" value={clientId} />
      {page && <input type="hidden" name="pageId" value={page.id} />}
      {page && <input type="hidden" name="baseVersion" value={page.version} />}
      <TextField name="title" label="Title" defaultValue={page?.title ?? defaults?.title ?? ""} maxLength={200} required />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <SelectField name="section" label="Section" defaultValue={page?.section ?? defaults?.section ?? "runbooks"}
          options={HANDBOOK_SECTIONS.map((s) => ({ value: s.value, label: s.label }))} />
        <SelectField name="visibility" label="Who can read it" defaultValue={page?.visibility ?? "internal"}
          hint="Internal pages are for the client's engineers only. The mark shows on the page."
          options={(["internal", "client"] as const).map((v) => ({ value: v, label: VISIBILITY_LABELS[v] }))} />
        <SelectField name="roadmapItemId" label="Documents roadmap item" defaultValue={page?.roadmapItemId ?? defaults?.roadmapItemId ?? ""}
          options={[{ value: "", label: "None" }, ...items.map((i) => ({ value: i.id, label: i.title }))]} />
      </div>
      <TextAreaField name="bodyMd" label="Page (Markdown)" rows={18} defaultValue={page?.bodyMd ?? ""} maxLength={100_000}
        hint={"Markdown: # headings, **bold**, lists, `code`, links to portal pages. A diagram is a ```mermaid block (flowchart, sequence, and so on)."} />
      <SubmitButton pendingLabel="Saving…">{page ? `Save as version ${page.version + 1}` : "Save page"}</SubmitButton>
    </ActionForm>
  );
}
