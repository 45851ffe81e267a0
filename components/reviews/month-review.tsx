// An ended month in its owners' review (issue 23): until when it waits, who confirmed, the questions still open,
// and for an owner who has not yet, the button to confirm it.
import Link from "next/link";
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { formatDate, formatMonth } from "@/lib/format";
import type { MonthReview as Review } from "@/lib/types/reviews";
import { confirmMonthAction } from "@/app/(portal)/clients/[clientId]/statements/actions";

export function MonthReview({ clientId, review: r, owner }: { clientId: string; review: Review; owner: boolean }) {
  const until = formatDate(r.closesOn, { weekday: "long", month: "long", day: "numeric" });
  const questions = r.openQuestions > 0 && (
    <Link href={`/clients/${clientId}/hours?month=${r.month.slice(0, 7)}#questions`} className="font-medium text-brand-700 underline">
      {r.openQuestions} question{r.openQuestions === 1 ? "" : "s"} open
    </Link>
  );
  return (
    <section aria-label={`Review of ${formatMonth(r.month)}`} className="mt-4 rounded-md bg-slate-50 p-3 text-sm text-slate-700 ring-1 ring-inset ring-slate-200">
      {r.open ? (
        <p>
          <strong className="font-semibold text-slate-900">In review until {until}.</strong>{" "}
          {r.confirmed} of {r.owners} owner{r.owners === 1 ? "" : "s"} confirmed{r.confirmedBy.length ? ` (${r.confirmedBy.join(", ")})` : ""}; it is invoiced once every owner
          has confirmed, or when the review ends.{questions && <> {questions}.</>}
        </p>
      ) : (
        <p>
          {r.confirmedBy.length ? `Confirmed by ${r.confirmedBy.join(", ")}.` : "Not confirmed by an owner."}{" "}
          {r.owners > 0 && r.confirmed >= r.owners ? "Every owner confirmed: it is invoiced at the next close." : "It is invoiced at the next close."}
          {questions && <> {questions}.</>}
        </p>
      )}
      {owner && !r.viewerConfirmed && (
        <ActionForm action={confirmMonthAction} ariaLabel={`Confirm ${formatMonth(r.month)}`} className="mt-3">
          <input type="hidden" name="clientId" value={clientId} />
          <input type="hidden" name="month" value={r.month} />
          <p className="mb-2 text-slate-600">Confirm that {formatMonth(r.month)}&apos;s entries are right, or question an entry from its hours first.</p>
          <SubmitButton pendingLabel="Confirming…">{`Confirm ${formatMonth(r.month)}`}</SubmitButton>
        </ActionForm>
      )}
    </section>
  );
}
