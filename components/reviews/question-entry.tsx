"use client";
// An owner questions one ledger entry before its month closes (issue 23): a dialog with their question.
import { ActionDialog, type EntryAction } from "@/components/hours/entry-actions";
import { ActionForm, SubmitButton, TextAreaField } from "@/components/ui/action-form";

export function QuestionEntry({ clientId, entryId, title, action }: { clientId: string; entryId: string; title: string; action: EntryAction }) {
  return (
    <ActionDialog label="Question" title={title}>
      {(close) => (
        <ActionForm action={action} onSuccess={close} ariaLabel="Question this entry">
          <input type="hidden" name="clientId" value={clientId} />
          <input type="hidden" name="entryId" value={entryId} />
          <p className="text-sm text-slate-600">{title}</p>
          <TextAreaField name="body" label="Your question" rows={3} maxLength={2000} hint="The engineer answers here; the month waits for its review window before it is invoiced." />
          <SubmitButton pendingLabel="Sending…">Send the question</SubmitButton>
        </ActionForm>
      )}
    </ActionDialog>
  );
}
