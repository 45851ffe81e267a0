// Input schemas for server actions: what the browser may send, with messages a person can act on.
// Actions take ids and intents; amounts and totals are always recomputed on the server.
import { z } from "zod";
import { isValidZone } from "@/lib/domain/dates";

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
