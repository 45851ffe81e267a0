// Owners' questions on a month's entries (issue 23): each with the entry, the thread, and (for the client's staff
// and the owner who asked, while it is open) a reply that can also resolve it.
import { ActionForm, CheckboxField, SubmitButton, TextAreaField } from "@/components/ui/action-form";
import { Badge, Card } from "@/components/ui/card";
import { formatDate, formatInstant, formatMinutes } from "@/lib/format";
import type { EntryQuestion } from "@/lib/types/reviews";
import type { ActionState } from "@/lib/commands/state";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

export function Questions({ clientId, questions, viewerId, isStaff, zone, answerAction }: {
  clientId: string; questions: EntryQuestion[]; viewerId: string; isStaff: boolean; zone: string; answerAction: Action;
}) {
  return (
    <Card title={`Questions about this month's entries (${questions.filter((q) => q.status === "open").length} open)`}>
      <ul className="space-y-5" aria-label="Questions about entries">
        {questions.map((q) => (
          <li key={q.id} id={`q-${q.id}`} className="scroll-mt-24 border-b border-slate-100 pb-5 last:border-0 last:pb-0">
            <div className="flex flex-wrap items-start justify-between gap-2">
              <p className="min-w-0 text-sm text-slate-900">
                <span className="font-medium">{formatDate(q.entryDate, { month: "short", day: "numeric" })} · {formatMinutes(q.entryMinutes)}</span>
                <span className="break-words text-slate-600"> · {q.entryDescription}</span>
              </p>
              <Badge tone={q.status === "open" ? "amber" : "green"}>{q.status === "open" ? "Open" : "Resolved"}</Badge>
            </div>
            <ol className="mt-2 space-y-2 text-sm">
              {q.messages.map((m, i) => (
                <li key={i} className="rounded-md bg-slate-50 px-3 py-2">
                  <p className="whitespace-pre-line break-words text-slate-800">{m.body}</p>
                  <p className="mt-1 text-xs text-slate-500">{m.authorName} · {formatInstant(m.createdAt, zone)}</p>
                </li>
              ))}
            </ol>
            {q.status === "resolved" && q.resolvedByName && q.resolvedAt && (
              <p className="mt-2 text-xs text-slate-500">Resolved by {q.resolvedByName} · {formatInstant(q.resolvedAt, zone)}</p>
            )}
            {q.status === "open" && (isStaff || q.openedBy === viewerId) && (
              <ActionForm action={answerAction} ariaLabel={`Answer the question about ${formatDate(q.entryDate, { month: "short", day: "numeric" })}`} className="mt-3 space-y-3">
                <input type="hidden" name="clientId" value={clientId} />
                <input type="hidden" name="questionId" value={q.id} />
                <TextAreaField name="body" label={isStaff ? "Your answer" : "Your reply"} rows={2} maxLength={2000}
                  hint={isStaff ? "Explain, or fix the entry (edit, void or correct it) and say so here." : undefined} />
                <CheckboxField name="resolve" label="Mark the question resolved" defaultChecked={false} />
                <SubmitButton pendingLabel="Posting…">Post</SubmitButton>
              </ActionForm>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
