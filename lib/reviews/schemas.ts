// The owners' review of a month (issue 23): confirming it, questioning an entry, answering and resolving.
import { z } from "zod";
import { checkbox, clientIdField, idOf, monthField, text } from "@/lib/schemas/fields";

const body = text({ empty: "Write your question or answer.", max: 2000, tooLong: "Keep it under 2,000 characters.", lines: "multi" });

export const confirmMonthSchema = z.object({ clientId: clientIdField, month: monthField("Choose a month to confirm.") });

export const askQuestionSchema = z.object({ clientId: clientIdField, entryId: idOf("That entry"), body });

export const answerQuestionSchema = z.object({
  clientId: clientIdField,
  questionId: idOf("That question"),
  body: text({ min: 0, max: 2000, tooLong: "Keep it under 2,000 characters.", lines: "multi" }).optional().transform((v) => v || null),
  /** Also mark it resolved (the engineer's answer, or the owner who asked closing it). */
  resolve: checkbox,
}).refine((v) => v.resolve || v.body, { path: ["body"], message: "Write an answer, or mark the question resolved." });
