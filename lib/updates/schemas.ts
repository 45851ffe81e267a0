// What the weekly update forms may send.
import { z } from "zod";
import { clientIdField, idOf, localDateField, text } from "@/lib/schemas/fields";

const updateIdField = idOf("That update");

export const draftUpdateSchema = z.object({
  clientId: clientIdField,
  weekStart: localDateField.refine((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1, "Choose a week (it starts on a Monday)."),
});

export const editUpdateSchema = z.object({
  clientId: clientIdField,
  updateId: updateIdField,
  title: text({ empty: "Give the update a title.", max: 200, tooLong: "Keep the title under 200 characters." }),
  bodyMd: text({ empty: "Write the update.", short: "The update is empty.", max: 50000, tooLong: "Keep the update under 50,000 characters.", lines: "multi" }),
});

/** A comment on a published update (issue 23). */
export const updateCommentSchema = z.object({
  clientId: clientIdField,
  updateId: idOf("That update"),
  body: text({ empty: "Write a comment first.", max: 5000, tooLong: "Keep a comment under 5,000 characters.", lines: "multi" }),
});
