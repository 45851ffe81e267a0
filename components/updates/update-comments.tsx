// The comments under a published update (issue 23): written here by the client's people and staff, or by replying
// to the update's email (marked "by email"). Plain text, as written.
import { ActionForm, SubmitButton, TextAreaField } from "@/components/ui/action-form";
import { formatInstant } from "@/lib/format";
import type { UpdateCommentRow } from "@/lib/types/updates";

type Action = Parameters<typeof ActionForm>[0]["action"];

export function UpdateComments({ clientId, updateId, title, comments, zone, action }: {
  clientId: string; updateId: string; title: string; comments: UpdateCommentRow[]; zone: string; action: Action;
}) {
  return (
    <section aria-label={`Comments on “${title}”`} className="mt-5 border-t border-slate-100 pt-4">
      <h3 className="text-sm font-semibold text-slate-900">{comments.length ? `Comments (${comments.length})` : "Comments"}</h3>
      {comments.length > 0 && (
        <ul className="mt-2 space-y-3">
          {comments.map((c) => (
            <li key={c.id} className="text-sm">
              <p className="text-xs text-slate-500">
                <span className="font-medium text-slate-700">{c.authorName}</span> · {formatInstant(c.createdAt, zone)}{c.via === "email" ? " · by email" : ""}
              </p>
              <p className="mt-0.5 whitespace-pre-line break-words text-slate-800">{c.body}</p>
            </li>
          ))}
        </ul>
      )}
      <ActionForm action={action} ariaLabel={`Comment on “${title}”`} className="mt-3 space-y-2">
        <input type="hidden" name="clientId" value={clientId} />
        <input type="hidden" name="updateId" value={updateId} />
        <TextAreaField name="body" label="Add a comment" rows={2} maxLength={5000} />
        <SubmitButton variant="secondary" pendingLabel="Posting…">Post comment</SubmitButton>
      </ActionForm>
    </section>
  );
}
