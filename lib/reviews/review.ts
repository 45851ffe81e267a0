// The owners' review of a month (issue 23), over lib/db/reviews: owners confirm an ended month that is not closed;
// owners question an entry of a month not closed yet (one open question per entry), which mails the client's
// engineers; the client's staff and the owner who asked answer in the thread, and resolve it (an answer from
// staff mails the owner who asked). Whether the close waits is lib/domain/review's;
// the reviews as pages and the close read them are lib/reviews/months.ts's.
import type { Tx } from "@/lib/db";
import { getEntry } from "@/lib/db/entries";
import { closedMonths } from "@/lib/db/periods";
import { getQuestion, insertConfirmation, insertQuestion, insertQuestionMessage, openQuestionOf, resolveQuestion } from "@/lib/db/reviews";
import { localDate, monthOf } from "@/lib/domain/dates";
import { formatDate, formatMinutes, formatMonth } from "@/lib/format";
import { entryQuestionAnsweredMail, entryQuestionedMail } from "@/lib/mail/templates";
import { notify } from "@/lib/notifications/notify";
import { AppError, found } from "@/lib/platform/errors";
import type { ClientRow } from "@/lib/types/clients";
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
