// What the weekly update forms may send.
import { z } from "zod";
import { clientIdField, idOf, localDateField } from "@/lib/schemas/fields";

const updateIdField = idOf("That update");

export const draftUpdateSchema = z.object({
  clientId: clientIdField,
  weekStart: localDateField.refine((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1, "Choose a week (it starts on a Monday)."),
});

export const editUpdateSchema = z.object({
  clientId: clientIdField,
  updateId: updateIdField,
  title: z.string({ error: "Give the update a title." }).trim().min(1, "Give the update a title.").max(200, "Keep the title under 200 characters."),
  bodyMd: z.string({ error: "Write the update." }).trim().min(1, "The update is empty.").max(50000, "Keep the update under 50,000 characters."),
});
