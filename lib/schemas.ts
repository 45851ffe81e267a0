// Input schemas for server actions: what the browser may send, with messages a person can act on.
// Actions take ids and intents; amounts and totals are always recomputed on the server.
import { z } from "zod";
import { CATEGORIES } from "@/lib/domain/categories";
import { isLocalDate, isValidZone } from "@/lib/domain/dates";
import { decimalHoursToMinutes, parseDuration } from "@/lib/domain/duration";
import { parseAmount } from "@/lib/domain/money";

const currencies = new Set(Intl.supportedValuesOf("currency"));

export const emailField = z
  .string({ error: "Enter an email address." })
  .trim()
  .toLowerCase()
  .max(320, "That email address is too long.")
  .pipe(z.email({ error: "Enter a valid email address, like name@company.com." }));

export const signInRequestSchema = z.object({ email: emailField });

export const signInVerifySchema = z.object({
  email: emailField,
  code: z
    .string({ error: "Enter the 6-digit code from the email." })
    .trim()
    .regex(/^\d{6}$/, "The code is the 6 digits from the email."),
});

export const clientIdField = z.uuid({ error: "That client could not be found." });

const slugify = (s: string) =>
  s.toLowerCase().normalize("NFKD").replace(/[^\w\s-]/g, "").trim().replace(/[\s_-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 64);

export const clientSchema = z.object({
  name: z.string({ error: "Enter the client's name." }).trim().min(1, "Enter the client's name.").max(200, "Keep the name under 200 characters."),
  timezone: z
    .string({ error: "Choose a time zone." })
    .trim()
    .refine(isValidZone, "Choose a time zone from the list, like Europe/Berlin."),
  currency: z
    .string({ error: "Choose a currency." })
    .trim()
    .toUpperCase()
    .refine((c) => /^[A-Z]{3}$/.test(c) && currencies.has(c), "Choose a currency code from the list, like USD or JPY."),
  billingEmail: z.union([z.literal(""), emailField]).default(""),
});

export const newClientSchema = clientSchema.transform((c) => ({ ...c, slug: slugify(c.name) || "client" }));

export const updateClientSchema = clientSchema.extend({ clientId: clientIdField });

export const practiceSettingsSchema = z.object({
  name: z.string().trim().min(1, "Enter the practice name.").max(200, "Keep the name under 200 characters."),
  address: z.string().trim().max(1000, "Keep the address under 1,000 characters.").default(""),
  invoiceEmail: z.union([z.literal(""), emailField]).default(""),
  daysUntilDue: z.coerce
    .number({ error: "Enter the payment terms in days." })
    .int("Payment terms are a whole number of days.")
    .min(0, "Payment terms cannot be negative.")
    .max(120, "Payment terms can be at most 120 days."),
  invoiceFooter: z.string().trim().max(2000, "Keep the footer under 2,000 characters.").default(""),
});

export const invitationSchema = z.object({
  clientId: clientIdField,
  email: emailField,
  role: z.enum(["owner", "member"], { error: "Choose owner or member." }),
});

export const engineerAssignmentSchema = z.object({
  clientId: clientIdField,
  userId: z.uuid({ error: "Choose an engineer." }),
});

// ---------------------------------------------------------------------------------------------------------
// Hours


const localDateField = z
  .string({ error: "Choose a date." })
  .trim()
  .refine(isLocalDate, "Choose a valid date.");

const durationField = z
  .string({ error: "Enter how long you worked." })
  .transform((text, ctx) => {
    const minutes = parseDuration(text);
    if (minutes === null) {
      ctx.addIssue({ code: "custom", message: "Enter a duration like 1:30, 1h30, 1.5 or 90m (up to 24 hours)." });
      return z.NEVER;
    }
    return minutes;
  });

const checkbox = z.union([z.literal("on"), z.literal("true"), z.literal("1"), z.literal("")]).optional().transform((v) => Boolean(v));
const optionalUuid = (message: string) =>
  z.union([z.literal(""), z.uuid({ error: message })]).optional().transform((v) => v || null);

export const entryFields = {
  workDate: localDateField,
  minutes: durationField,
  description: z.string({ error: "Describe the work." }).trim().min(1, "Describe the work in a few words.").max(2000, "Keep the description under 2,000 characters."),
  category: z.enum(CATEGORIES, { error: "Choose a category." }),
  billable: checkbox,
  roadmapItemId: optionalUuid("Choose a roadmap item from the list."),
};

export const logEntrySchema = z.object({ clientId: clientIdField, ...entryFields, confirmOverage: checkbox });

export const editEntrySchema = z.object({ clientId: clientIdField, entryId: z.uuid({ error: "That entry could not be found." }), ...entryFields });

export const voidEntrySchema = z.object({
  clientId: clientIdField,
  entryId: z.uuid({ error: "That entry could not be found." }),
  reason: z.string({ error: "Say why this entry is voided." }).trim().min(3, "Say why this entry is voided (a few words).").max(500, "Keep the reason under 500 characters."),
});

export const adjustEntrySchema = z.object({
  clientId: clientIdField,
  entryId: z.uuid({ error: "That entry could not be found." }),
  workDate: localDateField,
  minutes: z.string({ error: "Enter the correction." }).transform((text, ctx) => {
    const t = text.trim();
    const sign = t.startsWith("-") || t.startsWith("−") ? -1 : 1;
    const minutes = parseDuration(t.replace(/^[+\-−]/, ""));
    if (minutes === null) {
      ctx.addIssue({ code: "custom", message: "Enter the correction like -1:30 (hours removed) or +30m (hours added)." });
      return z.NEVER;
    }
    return sign * minutes;
  }),
  description: entryFields.description,
});

export const entryFilterSchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).transform((m) => `${m}-01`).optional().catch(undefined),
  category: z.enum(CATEGORIES).optional().catch(undefined),
  item: z.uuid().optional().catch(undefined),
  billable: z.enum(["yes", "no"]).optional().catch(undefined),
});
export type LedgerFilter = z.output<typeof entryFilterSchema>;

/** A `?page=` number from a URL: anything unusable is the first page. */
export const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

// ---------------------------------------------------------------------------------------------------------
// Retainer terms. Money is typed in the currency's major unit and parsed to minor units without floats.

const hoursField = (label: string) =>
  z.string({ error: `Enter ${label}.` }).transform((text, ctx) => {
    const t = text.trim();
    const minutes = t === "0" ? 0 : /^\d{1,3}(\.\d{1,2})?$/.test(t) ? decimalHoursToMinutes(t) : null;
    if (minutes === null || minutes > 744 * 60) {
      ctx.addIssue({ code: "custom", message: `Enter ${label} in hours, like 20 or 12.5.` });
      return z.NEVER;
    }
    return minutes;
  });

export const INCREMENTS = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60] as const;

export function termsSchema(currencyDigits: number) {
  const amount = (label: string) =>
    z.string({ error: `Enter ${label}.` }).transform((text, ctx) => {
      const minor = parseAmount(text, currencyDigits);
      if (minor === null || minor > 100_000_000_000) {
        ctx.addIssue({
          code: "custom",
          message: currencyDigits === 0 ? `Enter ${label} as a whole amount, like 600000.` : `Enter ${label} as an amount, like 4000 or 4000.50.`,
        });
        return z.NEVER;
      }
      return minor;
    });
  return z
    .object({
      clientId: clientIdField,
      effectiveMonth: z.string({ error: "Choose the first month these terms apply to." }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Choose the first month these terms apply to.").transform((m) => `${m}-01`),
      includedHours: hoursField("the included hours"),
      monthlyFee: amount("the monthly fee"),
      overageRate: amount("the overage rate per hour"),
      overageIncrementMinutes: z.coerce
        .number({ error: "Choose the overage increment." })
        .int("The overage increment is a whole number of minutes.")
        .refine((n) => (INCREMENTS as readonly number[]).includes(n), "The overage increment must divide 60 evenly: 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60 minutes."),
      rolloverCapHours: hoursField("the rollover cap"),
      rolloverExpiryMonths: z.coerce.number({ error: "Enter how many months rollover lasts." }).int("Rollover lasts a whole number of months.").min(0, "Rollover cannot last a negative number of months.").max(24, "Rollover can last at most 24 months."),
      preapprovedHours: hoursField("the pre-approved overage"),
    })
    .refine((t) => !(t.rolloverCapHours > 0 && t.rolloverExpiryMonths === 0), {
      path: ["rolloverExpiryMonths"],
      message: "With a rollover cap, unused hours must stay spendable for at least 1 month.",
      // Report this alongside other fields' errors, as long as the two fields it compares are valid.
      when: ({ value }) => {
        const v = value as { rolloverCapHours?: unknown; rolloverExpiryMonths?: unknown };
        return typeof v.rolloverCapHours === "number" && typeof v.rolloverExpiryMonths === "number";
      },
    })
    .transform((t) => ({
      clientId: t.clientId,
      terms: {
        effectiveMonth: t.effectiveMonth,
        includedMinutes: t.includedHours,
        monthlyFeeCents: t.monthlyFee,
        overageRateCentsPerHour: t.overageRate,
        overageIncrementMinutes: t.overageIncrementMinutes,
        rolloverCapMinutes: t.rolloverCapHours,
        rolloverExpiryMonths: t.rolloverCapHours > 0 ? t.rolloverExpiryMonths : 0,
        overagePreapprovedMinutes: t.preapprovedHours,
      },
    }));
}

// ---------------------------------------------------------------------------------------------------------
// Roadmap

const itemIdField = z.uuid({ error: "That roadmap item could not be found." });
const titleField = z.string({ error: "Give the item a title." }).trim().min(1, "Give the item a title.").max(200, "Keep the title under 200 characters.");
const descriptionField = z.string().trim().max(20000, "Keep the description under 20,000 characters.").default("");
const targetMonthField = z
  .union([z.literal(""), z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Choose a target month.")])
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
  reason: z.string().trim().max(2000, "Keep the reason under 2,000 characters.").optional().transform((r) => r || undefined),
});

export const commentSchema = z.object({
  clientId: clientIdField,
  itemId: itemIdField,
  body: z.string({ error: "Write a comment." }).trim().min(1, "Write a comment first.").max(5000, "Keep comments under 5,000 characters."),
});

// ---------------------------------------------------------------------------------------------------------
// Weekly updates

const updateIdField = z.uuid({ error: "That update could not be found." });

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

export const aiDraftingSchema = z.object({ clientId: clientIdField, enabled: z.enum(["true", "false"]).transform((v) => v === "true") });

// ---------------------------------------------------------------------------------------------------------
// Staff (the practice's people): the Staff page and `npm run staff`

export const STAFF_ROLES = ["admin", "engineer"] as const;
export type StaffRoleName = (typeof STAFF_ROLES)[number];

export const staffRoleField = z.enum(STAFF_ROLES, { error: "Choose admin or engineer." });

const staffUserIdField = z.uuid({ error: "That person could not be found." });

export const staffInviteSchema = z.object({ email: emailField, role: staffRoleField });

export const staffRoleSchema = z.object({ userId: staffUserIdField, role: staffRoleField });

export const staffMemberSchema = z.object({ userId: staffUserIdField });

export const staffAssignmentSchema = z.object({
  userId: staffUserIdField,
  clientId: z.uuid({ error: "Choose a client from the list." }),
});

export const staffInvitationIdSchema = z.object({ invitationId: z.uuid({ error: "That invitation could not be found." }) });
