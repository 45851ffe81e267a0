// The owners' review of a month (issue 23), as commands (lib/commands/command.ts).
import { command, type Refresh } from "@/lib/commands/command";
import { isStaffOf } from "@/lib/db/members";
import { formatMonth } from "@/lib/format";
import { clockNow } from "@/lib/platform/clock";
import { answerQuestion, askQuestion, confirmMonth } from "@/lib/reviews/review";
import { answerQuestionSchema, askQuestionSchema, confirmMonthSchema } from "@/lib/reviews/schemas";
import { LIMITS } from "@/lib/domain/limits";

const clientPages = ({ client }: { client: { id: string } }): Refresh[] => [[`/clients/${client.id}`, "layout"], "/billing", "/engineer"];

export const confirmReviewMonth = command({
  name: "review.confirm", schema: confirmMonthSchema, scope: "owner", forbidden: "Only the client's owners confirm a month.",
  run: ({ tx, viewer, client, input }) => confirmMonth(tx, viewer, client, input.month, clockNow()),
  message: (fresh, { input }) => (fresh ? `Confirmed ${formatMonth(input.month)}.` : `You had confirmed ${formatMonth(input.month)} already.`),
  refresh: clientPages,
});

export const askEntryQuestion = command({
  name: "review.ask", schema: askQuestionSchema, scope: "owner", limits: [LIMITS.comments], forbidden: "Only the client's owners question entries.",
  run: ({ tx, viewer, client, input }) => askQuestion(tx, viewer, client, input.entryId, input.body),
  message: "Question sent. The engineer answers here, and the month waits for the review window.",
  refresh: clientPages,
});

export const answerEntryQuestion = command({
  name: "review.answer", schema: answerQuestionSchema, scope: "billing", limits: [LIMITS.comments],
  run: async ({ tx, viewer, client, input }) => answerQuestion(tx, viewer, client, await isStaffOf(tx, { clientId: client.id }), input),
  message: (outcome) => (outcome === "resolved" ? "Question resolved." : "Answer posted."),
  refresh: clientPages,
});
