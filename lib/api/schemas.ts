// What the token forms on /account and the API's own requests may send (issue 22). The API's bodies are JSON:
// minutes are an integer, billable a boolean; each is validated here before it becomes a command's input.
import { z } from "zod";
import { API_SCOPES, TOKEN_LIFETIMES, type ApiScope } from "@/lib/domain/api-scopes";
import { CATEGORIES } from "@/lib/domain/categories";
import { idOf, localDateField, optionalUuid, text } from "@/lib/schemas/fields";

/** The form: a name, a checkbox per scope (`scope.hours:read` = "on"), optionally one client, a lifetime. */
export const createApiTokenSchema = z
  .object({
    name: text({ empty: "Name the token (what will use it).", min: 1, short: "Name the token.", max: 100, tooLong: "Keep the name under 100 characters." }),
    clientId: optionalUuid("Choose a client from the list."),
    lifetimeDays: z.enum(TOKEN_LIFETIMES.map(String) as [string, ...string[]], { error: "Choose how long the token lasts." }).transform(Number),
  })
  .catchall(z.string().max(10))
  .transform((input, ctx) => {
    const scopes = API_SCOPES.filter((s) => ["on", "true", "1"].includes(String(input[`scope.${s}`] ?? "")));
    const unknown = Object.keys(input).filter((k) => k.startsWith("scope.") && !API_SCOPES.includes(k.slice(6) as ApiScope));
    if (unknown.length) ctx.addIssue({ code: "custom", path: ["scopes"], message: "Choose scopes from the list." });
    if (!scopes.length) ctx.addIssue({ code: "custom", path: ["scopes"], message: "Choose at least one thing the token may do." });
    return { name: input.name as string, clientId: input.clientId as string | null, lifetimeDays: input.lifetimeDays as number, scopes };
  });

export const revokeApiTokenSchema = z.object({ tokenId: idOf("That token") });

/** POST /api/v1/clients/:clientId/time-entries */
export const apiNewEntrySchema = z.strictObject({
  workDate: localDateField,
  minutes: z.number({ error: "minutes: a whole number of minutes, 1 to 1440." }).int({ error: "minutes: a whole number of minutes, 1 to 1440." })
    .min(1, { error: "minutes: a whole number of minutes, 1 to 1440." }).max(1440, { error: "minutes: a whole number of minutes, 1 to 1440." }),
  description: z.string({ error: "description: the work, in words." }).min(1, { error: "description: the work, in words." }).max(2000, { error: "description: at most 2,000 characters." }),
  category: z.enum(CATEGORIES, { error: `category: one of ${CATEGORIES.join(", ")}.` }),
  billable: z.boolean({ error: "billable: true or false." }).default(true),
  roadmapItemId: z.uuid({ error: "roadmapItemId: a roadmap item's id." }).nullable().default(null),
  confirmOverage: z.boolean({ error: "confirmOverage: true or false." }).default(false),
});

/** POST /api/v1/clients/:clientId/time-entries/:entryId/void */
export const apiVoidSchema = z.strictObject({
  reason: z.string({ error: "reason: why the entry is voided, 3 to 500 characters." }).trim()
    .min(3, { error: "reason: why the entry is voided, 3 to 500 characters." }).max(500, { error: "reason: why the entry is voided, 3 to 500 characters." }),
});

/** POST /api/v1/clients/:clientId/time-entries/:entryId/corrections (a closed month's entry, corrected in an open month) */
export const apiCorrectionSchema = z.strictObject({
  workDate: localDateField,
  minutes: z.number({ error: "minutes: the change in whole minutes, -1440 to 1440, not 0." }).int({ error: "minutes: the change in whole minutes, -1440 to 1440, not 0." })
    .min(-1440, { error: "minutes: the change in whole minutes, -1440 to 1440, not 0." }).max(1440, { error: "minutes: the change in whole minutes, -1440 to 1440, not 0." })
    .refine((m) => m !== 0, { error: "minutes: the change in whole minutes, -1440 to 1440, not 0." }),
  description: z.string({ error: "description: what the correction is, in words." }).min(1, { error: "description: what the correction is, in words." }).max(2000, { error: "description: at most 2,000 characters." }),
});

/** GET /api/v1/clients/:clientId/time-entries */
export const apiEntryListSchema = z.object({
  from: localDateField.optional(),
  to: localDateField.optional(),
  category: z.enum(CATEGORIES, { error: `category: one of ${CATEGORIES.join(", ")}.` }).optional(),
  billable: z.enum(["true", "false"], { error: "billable: true or false." }).transform((v) => v === "true").optional(),
  voided: z.enum(["true", "false"], { error: "voided: true (only voided entries) or false (only live ones)." }).transform((v) => v === "true").optional(),
  limit: z.coerce.number({ error: "limit: 1 to 500." }).int({ error: "limit: 1 to 500." }).min(1, { error: "limit: 1 to 500." }).max(500, { error: "limit: 1 to 500." }).default(100),
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, { error: "cursor: the next_cursor of the previous page." }).optional(),
});
