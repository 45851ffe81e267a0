// What the roadmap forms may send: items, moves between lanes, proposals and comments.
import { z } from "zod";
import { decimalHoursToMinutes } from "@/lib/domain/duration";
import { MONTH_INPUT, clientIdField, idOf, text } from "@/lib/schemas/fields";

const itemIdField = idOf("That roadmap item");
const titleField = text({ empty: "Give the item a title.", max: 200, tooLong: "Keep the title under 200 characters." });
const descriptionField = text({ min: 0, max: 20000, tooLong: "Keep the description under 20,000 characters.", lines: "multi" }).default("");
const targetMonthField = z
  .union([z.literal(""), z.string().regex(MONTH_INPUT, "Choose a target month.")])
  .optional()
  .transform((m) => (m ? `${m}-01` : null));
const estimateField = z
  .string()
  .optional()
  .transform((text, ctx) => {
    const t = (text ?? "").trim();
    if (!t) return null;
    const minutes = /^\d{1,4}(\.\d{1,2})?$/.test(t) ? decimalHoursToMinutes(t) : null;
    if (minutes === null) {
      ctx.addIssue({ code: "custom", message: "Enter the estimate in hours, like 8 or 12.5." });
      return z.NEVER;
    }
    return minutes;
  });

export const itemFields = { title: titleField, description: descriptionField, targetMonth: targetMonthField, estimateMinutes: estimateField };

export const createItemSchema = z.object({
  clientId: clientIdField,
  ...itemFields,
  status: z.enum(["proposed", "planned", "in_progress"], { error: "Choose where the item starts." }).default("planned"),
});

export const updateItemSchema = z.object({ clientId: clientIdField, itemId: itemIdField, ...itemFields });

export const proposeItemSchema = z.object({ clientId: clientIdField, title: titleField, description: descriptionField });

export const moveItemSchema = z.object({
  clientId: clientIdField,
  itemId: itemIdField,
  status: z.enum(["proposed", "planned", "in_progress", "shipped", "dropped"], { error: "Choose a status." }),
  index: z.coerce.number({ error: "Choose a position." }).int("Choose a position.").min(0, "Choose a position.").max(10000, "Choose a position."),
  reason: text({ min: 0, max: 2000, tooLong: "Keep the reason under 2,000 characters.", lines: "multi" }).optional().transform((r) => r || undefined),
});

export const commentSchema = z.object({
  clientId: clientIdField,
  itemId: itemIdField,
  body: text({ empty: "Write a comment.", short: "Write a comment first.", max: 5000, tooLong: "Keep comments under 5,000 characters.", lines: "multi" }),
});
