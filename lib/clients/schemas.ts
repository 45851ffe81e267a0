// What the client settings forms may send: details, members, engineers, retainer terms, AI drafting.
import { z } from "zod";
import { decimalHoursToMinutes } from "@/lib/domain/duration";
import { parseAmount } from "@/lib/domain/money";
import { booleanField, clientIdField, emailField, localDateField, monthInputField, text, zoneField } from "@/lib/schemas/fields";

const currencies = new Set(Intl.supportedValuesOf("currency"));

const slugify = (s: string) =>
  s.toLowerCase().normalize("NFKD").replace(/[^\w\s-]/g, "").trim().replace(/[\s_-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 64);

export const clientSchema = z.object({
  name: text({ empty: "Enter the client's name.", max: 200, tooLong: "Keep the name under 200 characters." }),
  timezone: zoneField,
  currency: z
    .string({ error: "Choose a currency." })
    .trim()
    .toUpperCase()
    .refine((c) => /^[A-Z]{3}$/.test(c) && currencies.has(c), "Choose a currency code from the list, like USD or JPY."),
  billingEmail: z.union([z.literal(""), emailField]).default(""),
  /** When the fee is invoiced; absent on an update: unchanged (a new client is billed in advance). */
  billingTiming: z.enum(["advance", "arrears"], { error: "Choose when the fee is invoiced: in advance or in arrears." }).optional(),
  /** The day the retainer starts; blank: no start date (the first terms month starts whole); absent: unchanged. */
  startDate: z.union([z.literal(""), localDateField]).optional().transform((d) => (d === undefined ? undefined : d || null)),
});

export const newClientSchema = clientSchema.transform((c) => ({
  ...c, billingTiming: c.billingTiming ?? "advance", startDate: c.startDate ?? null, slug: slugify(c.name) || "client",
}));

export const updateClientSchema = clientSchema.extend({ clientId: clientIdField });

export const invitationSchema = z.object({
  clientId: clientIdField,
  email: emailField,
  role: z.enum(["owner", "member"], { error: "Choose owner or member." }),
});

export const revokeInvitationSchema = z.object({
  clientId: clientIdField,
  invitationId: z.uuid({ error: "Choose an invitation from the list." }),
});

export const invitationIdSchema = revokeInvitationSchema;

export const memberSchema = z.object({
  clientId: clientIdField,
  userId: z.uuid({ error: "Choose a person from the list." }),
});

export const memberRoleSchema = memberSchema.extend({
  role: z.enum(["owner", "member"], { error: "Choose owner or member." }),
});

export const engineerAssignmentSchema = z.object({
  clientId: clientIdField,
  userId: z.uuid({ error: "Choose an engineer." }),
});

export const archiveSchema = z.object({ clientId: clientIdField, archived: booleanField });

export const aiDraftingSchema = z.object({ clientId: clientIdField, enabled: booleanField });

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
      effectiveMonth: monthInputField("Choose the first month these terms apply to."),
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
