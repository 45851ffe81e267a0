// What the hours forms may send: logging, editing, voiding and correcting entries, and the ledger's filter.
import { z } from "zod";
import { CATEGORIES } from "@/lib/domain/categories";
import { readDuration } from "@/lib/domain/duration";
import { MONTH_INPUT, checkbox, clientIdField, idOf, localDateField, optionalUuid, text } from "@/lib/schemas/fields";

const entryIdField = idOf("That entry");

const durationField = z
  .string({ error: "Enter how long you worked." })
  .transform((text, ctx) => {
    // The same reading, and the same words, the dialog shows beside the field as the person types.
    const reading = readDuration(text);
    if (!reading.ok) {
      ctx.addIssue({ code: "custom", message: reading.message });
      return z.NEVER;
    }
    return reading.minutes;
  });

export const entryFields = {
  workDate: localDateField,
  minutes: durationField,
  description: text({ empty: "Describe the work.", short: "Describe the work in a few words.", max: 2000, tooLong: "Keep the description under 2,000 characters.", lines: "multi" }),
  category: z.enum(CATEGORIES, { error: "Choose a category." }),
  billable: checkbox,
  roadmapItemId: optionalUuid("Choose a roadmap item from the list."),
};

export const logEntrySchema = z.object({ clientId: clientIdField, ...entryFields, confirmOverage: checkbox });

/** Starting a timer: what the entry will be, without its duration or date (the timer decides both). */
export const startTimerSchema = z.object({
  clientId: clientIdField,
  description: entryFields.description, category: entryFields.category, billable: entryFields.billable, roadmapItemId: entryFields.roadmapItemId,
});

/**
 * Stopping it: `confirm` says yes to a timer that ran past 10 hours or past midnight, `minutes` (optional, the
 * same reading as the dialog's) saves another duration than the one it ran, `confirmOverage` as when logging.
 */
export const stopTimerSchema = z.object({
  clientId: clientIdField,
  confirm: checkbox,
  minutes: z.string().optional().transform((text, ctx) => {
    if (text === undefined || text.trim() === "") return null;
    const reading = readDuration(text);
    if (!reading.ok) {
      ctx.addIssue({ code: "custom", message: reading.message });
      return z.NEVER;
    }
    return reading.minutes;
  }),
  confirmOverage: checkbox,
});

export const discardTimerSchema = z.object({});

/**
 * Changing several entries at once (the ledger's selection): their ids as one comma-separated value, what to change,
 * and the new value of it. The service checks the value the change needs is there.
 */
export const bulkEntriesSchema = z.object({
  clientId: clientIdField,
  entryIds: z.string({ error: "Select the entries to change." })
    .transform((s) => [...new Set(s.split(",").map((x) => x.trim()).filter(Boolean))])
    .pipe(z.array(z.uuid({ error: "That entry could not be found." })).min(1, "Select the entries to change.").max(200, "Change at most 200 entries at once.")),
  change: z.enum(["category", "roadmapItem", "billable", "void"], { error: "Choose what to change." }),
  category: z.union([z.enum(CATEGORIES), z.literal("")], { error: "Choose a category." }).optional(),
  roadmapItemId: optionalUuid("Choose a roadmap item from the list."),
  billable: z.enum(["yes", "no", ""], { error: "Choose billable or not billable." }).optional(),
  reason: z.string().max(500, "Keep the reason under 500 characters.").optional(),
});

export const editEntrySchema = z.object({ clientId: clientIdField, entryId: entryIdField, ...entryFields });

export const voidEntrySchema = z.object({
  clientId: clientIdField,
  entryId: entryIdField,
  reason: text({ empty: "Say why this entry is voided.", min: 3, short: "Say why this entry is voided (a few words).", max: 500, tooLong: "Keep the reason under 500 characters." }),
});

export const adjustEntrySchema = z.object({
  clientId: clientIdField,
  entryId: entryIdField,
  workDate: localDateField,
  minutes: z.string({ error: "Enter the correction." }).transform((text, ctx) => {
    const t = text.trim();
    const sign = t.startsWith("-") || t.startsWith("−") ? -1 : 1;
    const reading = readDuration(t.replace(/^[+\-−]/, ""), sign < 0 ? "-" : t.startsWith("+") ? "+" : "");
    if (!reading.ok) {
      // A question about the unit ("Did you mean -30m?") or hours given twice says what to type; anything
      // else gets the correction's own example.
      const specific = reading.problem !== "unreadable" && reading.problem !== "empty";
      ctx.addIssue({ code: "custom", message: specific ? reading.message : "Enter the correction like -1:30 (hours removed) or +30m (hours added)." });
      return z.NEVER;
    }
    return sign * reading.minutes;
  }),
  description: entryFields.description,
});

export const entryFilterSchema = z.object({
  month: z.string().regex(MONTH_INPUT).transform((m) => `${m}-01`).optional().catch(undefined),
  category: z.enum(CATEGORIES).optional().catch(undefined),
  item: z.uuid().optional().catch(undefined),
  billable: z.enum(["yes", "no"]).optional().catch(undefined),
});

/** Which page of a ledger view: older than the entry `after`, or newer than the entry `before`; the newest without. */
export const ledgerCursorSchema = z.object({
  after: z.uuid().optional().catch(undefined),
  before: z.uuid().optional().catch(undefined),
}).transform((c) => (c.after ? { after: c.after } : c.before ? { before: c.before } : {}));
