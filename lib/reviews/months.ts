// The owners' review of ended months, read for the pages and the close (issue 23): whether a month still holds
// its close, until when, who confirmed and how many questions are open. Reads only: the commands that confirm and
// question are lib/reviews/review.ts's (which send mail); this module loads without the mail templates, so the
// close and the pages' views stay free of them.
import { withServiceRole, type Tx } from "@/lib/db";
import { monthConfirmations, openQuestionCounts, reviewCounts } from "@/lib/db/reviews";
import { getPracticeSettings } from "@/lib/db/settings";
import { localDate, type LocalDate, type Month } from "@/lib/domain/dates";
import { reviewState } from "@/lib/domain/review";
import type { ClientRef } from "@/lib/types/clients";
import type { MonthReview } from "@/lib/types/reviews";

/**
 * The owners' review of the client's ended months, as the pages show it: per month, whether it still holds the
 * close, until when, who confirmed, and how many questions are open. Counts of owners are read as the service
 * role (a member sees the count, not the people).
 */
export async function monthReviews(tx: Tx, client: ClientRef, today: LocalDate, viewerId: string): Promise<(month: Month) => MonthReview> {
  // The role switch first and alone: statements sent beside it would run as the service role too.
  const counts = await withServiceRole(tx, () => reviewCounts(tx, { clientIds: [client.id] }));
  const [settings, confirmations, questions] = await Promise.all([
    getPracticeSettings(tx), monthConfirmations(tx, { clientId: client.id }), openQuestionCounts(tx, { clientIds: [client.id] }),
  ]);
  const reviewDays = settings?.reviewDays ?? 0;
  return (month) => {
    const state = reviewState({ month, today, reviewDays, owners: counts.owners.get(client.id) ?? 0, confirmed: counts.confirmed.get(`${client.id}:${month}`) ?? 0 });
    const mine = confirmations.filter((c) => c.month === month);
    return {
      month, reviewDays, ...state, confirmedBy: mine.map((c) => c.name), viewerConfirmed: mine.some((c) => c.userId === viewerId),
      openQuestions: questions.get(`${client.id}:${month}`) ?? 0,
    };
  };
}

/** The day each month's review holds its close until, or null (a month not held): for the "invoiced on" notices. */
export async function reviewUntilOf(tx: Tx, client: ClientRef, today: LocalDate): Promise<(month: Month) => LocalDate | null> {
  const review = await monthReviews(tx, client, today, "");
  return (month) => (review(month).open ? review(month).closesOn : null);
}

/** Of these due months, those not held by their owners' review (what "Close all" closes), one client's review at a time. */
export async function notInReview(tx: Tx, due: { clientId: string; month: Month }[], now: Date, clientOf: (id: string) => Promise<ClientRef>) {
  const open = new Set<string>();
  for (const clientId of new Set(due.map((d) => d.clientId))) {
    const client = await clientOf(clientId);
    const review = await monthReviews(tx, client, localDate(now, client.timezone), "");
    for (const d of due) if (d.clientId === clientId && review(d.month).open) open.add(`${d.clientId}:${d.month}`);
  }
  return due.filter((d) => !open.has(`${d.clientId}:${d.month}`));
}
