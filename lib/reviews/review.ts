// The owners' review of a month (issue 23), over lib/db/reviews: owners confirm an ended month that is not closed;
// owners question an entry of a month not closed yet (one open question per entry), which mails the client's
// engineers; the client's staff and the owner who asked answer in the thread, and resolve it (an answer from
// staff mails the owner who asked). Whether the close waits is lib/domain/review's.
import { withServiceRole, type Tx } from "@/lib/db";
import { getEntry } from "@/lib/db/entries";
import { closedMonths } from "@/lib/db/periods";
import { getQuestion, insertConfirmation, insertQuestion, insertQuestionMessage, monthConfirmations, openQuestionCounts, openQuestionOf, reviewCounts, resolveQuestion } from "@/lib/db/reviews";
import { getPracticeSettings } from "@/lib/db/settings";
import { localDate, monthOf, type LocalDate, type Month } from "@/lib/domain/dates";
import { reviewState } from "@/lib/domain/review";
import { formatDate, formatMinutes, formatMonth } from "@/lib/format";
import { entryQuestionAnsweredMail, entryQuestionedMail } from "@/lib/mail/templates";
import { notify } from "@/lib/notifications/notify";
import { AppError, found } from "@/lib/platform/errors";
import type { ClientRef, ClientRow } from "@/lib/types/clients";
import type { MonthReview } from "@/lib/types/reviews";
import type { Viewer } from "@/lib/types/viewer";

const isClosed = async (tx: Tx, clientId: string, month: string) => (await closedMonths(tx, { clientId })).some((c) => c.month === month);

/** An owner confirms an ended month's statement; false when they had already. */
export async function confirmMonth(tx: Tx, viewer: Viewer, client: ClientRow, month: string, now: Date): Promise<boolean> {
  if (month >= monthOf(localDate(now, client.timezone))) throw new AppError("invalid", `${formatMonth(month)} has not ended yet: confirm it once it has.`);
  if (await isClosed(tx, client.id, month)) throw new AppError("conflict", `${formatMonth(month)} is closed already.`);
  return insertConfirmation(tx, { clientId: client.id, month, userId: viewer.userId });
}

/** An owner questions an entry before its month closes; the client's engineers hear of it. */
export async function askQuestion(tx: Tx, viewer: Viewer, client: ClientRow, entryId: string, body: string): Promise<string> {
  const entry = found(await getEntry(tx, { clientId: client.id, entryId }), "That entry");
  const month = monthOf(entry.workDate);
  if (entry.voidedAt) throw new AppError("conflict", "That entry is voided: it is not billed.");
  if (await isClosed(tx, client.id, month)) throw new AppError("month_closed", `${formatMonth(month)} is closed: ask the engineer for a correction instead.`);
  if (await openQuestionOf(tx, { clientId: client.id, entryId })) throw new AppError("conflict", "This entry has an open question already: reply there.");
  const questionId = await insertQuestion(tx, { clientId: client.id, entryId, month, userId: viewer.userId, body });
  const askedBy = viewer.fullName || viewer.email;
  await notify(tx, {
    client, kind: "entry.questioned", actorId: viewer.userId, audience: { engineers: true }, key: `question:${questionId}`,
    title: `${askedBy} questions ${formatMinutes(entry.minutes)} on ${formatDate(entry.workDate, { month: "short", day: "numeric" })}`, body,
    href: `/clients/${client.id}/hours?month=${month.slice(0, 7)}#q-${questionId}`,
    mail: (to) => entryQuestionedMail({
      to: to.email, clientId: client.id, clientName: client.name, questionId, month, askedBy,
      entryDate: entry.workDate, entryMinutes: entry.minutes, entryDescription: entry.description, body,
    }),
  });
  return questionId;
}

/** Staff, or the owner who asked, answer (and may resolve) an open question. */
export async function answerQuestion(tx: Tx, viewer: Viewer, client: ClientRow, isStaff: boolean, { questionId, body, resolve }: {
  questionId: string; body: string | null; resolve: boolean;
}): Promise<"answered" | "resolved"> {
  const q = found(await getQuestion(tx, { clientId: client.id, questionId }), "That question");
  if (!isStaff && q.openedBy !== viewer.userId) throw new AppError("forbidden", "Only the engineer and the owner who asked take part in this question.");
  if (q.status !== "open") throw new AppError("conflict", "That question is resolved already.");
  const messageId = body ? await insertQuestionMessage(tx, { clientId: client.id, questionId, userId: viewer.userId, body }) : null;
  if (resolve && !(await resolveQuestion(tx, { clientId: client.id, questionId, userId: viewer.userId }))) {
    throw new AppError("conflict", "That question was resolved a moment ago.");
  }
  if (body || resolve) {
    // The practice's answer goes to the owner who asked; the owner's reply to the client's engineers.
    const answeredBy = viewer.fullName || viewer.email;
    const key = messageId ? `question-message:${messageId}` : `question:${questionId}:resolved`;
    await notify(tx, {
      client, kind: "entry.question_answered", actorId: viewer.userId, audience: isStaff ? { users: [q.openedBy] } : { engineers: true }, key,
      title: `${answeredBy} ${body ? "answered" : "resolved"} the question on an entry of ${formatMonth(q.month)}${body && resolve ? " and resolved it" : ""}`,
      body: body ?? "", href: `/clients/${client.id}/hours?month=${q.month.slice(0, 7)}#q-${questionId}`,
      mail: isStaff && body ? (to) => entryQuestionAnsweredMail({
        to: to.email, clientId: client.id, clientName: client.name, questionId, month: q.month, answeredBy, body, resolved: resolve,
      }) : undefined,
    });
  }
  return resolve ? "resolved" : "answered";
}

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
