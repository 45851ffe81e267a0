// What the billing forms may send: months to close, invoices to push or mark paid, the practice's invoice details.
import { z } from "zod";
import { MAX_REMINDER_DAYS, MAX_REMINDER_RUNGS } from "@/lib/domain/reminders";
import { checkbox, clientIdField, emailField, idOf, monthField, text } from "@/lib/schemas/fields";
import { countryField, gatherRegistrations, taxRegistrationsShape } from "@/lib/schemas/tax";

export const closeSchema = z.object({ clientId: clientIdField, month: monthField("Choose a month.") });

export const invoiceSchema = z.object({ clientId: clientIdField, invoiceId: idOf("That invoice") });

/** The form field of one currency's payment instructions: `paymentInstructions_NZD`. */
export const paymentInstructionsField = (currency: string) => `paymentInstructions_${currency}`;
const PAYMENT_FIELD = /^paymentInstructions_([A-Z]{3})$/;
const currencies = new Set(Intl.supportedValuesOf("currency"));
const instructionsText = text({ min: 0, max: 2000, tooLong: "Keep the payment instructions under 2,000 characters.", lines: "multi" });

/**
 * The reminder ladder as typed: whole days after the due date, separated by commas or spaces ("3, 7, 14"),
 * each 1 to 365 and listed once, at most 6; saved in ascending order. Empty: no reminders.
 */
export const reminderDaysField = z
  .string({ error: "Enter the reminder days, like 3, 7, 14, or leave it empty." })
  .max(200, "Enter at most 6 reminder days, like 3, 7, 14.")
  .transform((s, ctx) => {
    const parts = s.split(/[\s,;]+/).filter(Boolean);
    const refuse = (message: string) => {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    };
    if (parts.some((p) => !/^\d{1,3}$/.test(p))) return refuse("Use whole numbers of days, separated by commas, like 3, 7, 14.");
    const days = parts.map(Number);
    if (days.some((d) => d < 1 || d > MAX_REMINDER_DAYS)) return refuse(`Each reminder is 1 to ${MAX_REMINDER_DAYS} days after the due date.`);
    if (new Set(days).size !== days.length) return refuse("List each day once.");
    if (days.length > MAX_REMINDER_RUNGS) return refuse(`Enter at most ${MAX_REMINDER_RUNGS} reminder days.`);
    return days.sort((a, b) => a - b);
  });

/**
 * The practice's details, and its payment instructions: `paymentInstructions` (the general text) and one
 * `paymentInstructions_<CUR>` field per currency, each checked where it stands (its errors are its own), then
 * gathered into `{ general, byCurrency }` (an empty text: none for that currency).
 */
export const practiceSettingsSchema = z.object({
  name: text({ empty: "Enter the practice name.", max: 200, tooLong: "Keep the name under 200 characters." }),
  address: text({ min: 0, max: 1000, tooLong: "Keep the address under 1,000 characters.", lines: "multi" }).default(""),
  invoiceEmail: z.union([z.literal(""), emailField]).default(""),
  daysUntilDue: z.coerce
    .number({ error: "Enter the payment terms in days." })
    .int("Payment terms are a whole number of days.")
    .min(0, "Payment terms cannot be negative.")
    .max(120, "Payment terms can be at most 120 days."),
  invoiceFooter: text({ min: 0, max: 2000, tooLong: "Keep the footer under 2,000 characters.", lines: "multi" }).default(""),
  paymentInstructions: instructionsText.default(""),
  legalName: text({ min: 0, max: 200, tooLong: "Keep the legal name under 200 characters." }).default(""),
  country: countryField,
  stripeAutomaticTax: checkbox,
  ...taxRegistrationsShape,
  // Absent (a caller that does not send it): the ladder stays as it is. The box unticked sends nothing: off.
  reminderDays: reminderDaysField.optional(),
  stripeSendsReminders: checkbox,
  ownersTwoStep: checkbox,
  membersTwoStep: checkbox,
  // Absent (a caller that does not send it): the choice stays as it is.
  firstMonth: z.enum(["prorate", "next_month"], { error: "Choose how a retainer that starts after the 1st is billed." }).optional(),
  // Absent (a caller that does not send it): the window stays as it is.
  reviewDays: z.coerce
    .number({ error: "Enter the review window in days." })
    .int("The review window is a whole number of days.")
    .min(0, "The review window cannot be negative.")
    .max(14, "The review window can be at most 14 days.")
    .optional(),
})
  // Any other field is a currency's instructions (or nothing the command reads): checked as their text.
  .catchall(instructionsText)
  .transform(({ name, address, invoiceEmail, daysUntilDue, invoiceFooter, paymentInstructions, legalName, country, stripeAutomaticTax, reminderDays, stripeSendsReminders, ownersTwoStep, membersTwoStep, firstMonth, reviewDays, ...rest }, ctx) => {
    const byCurrency: Record<string, string> = {};
    for (const [key, value] of Object.entries(rest)) {
      const currency = PAYMENT_FIELD.exec(key)?.[1];
      if (!currency) continue;
      if (!currencies.has(currency)) ctx.addIssue({ code: "custom", path: [key], message: "That is not a currency code." });
      else if (value) byCurrency[currency] = value;
    }
    return {
      name, address, invoiceEmail, daysUntilDue, invoiceFooter, legalName, country, stripeAutomaticTax, reminderDays, stripeSendsReminders, ownersTwoStep, membersTwoStep,
      firstMonth, reviewDays, taxRegistrations: gatherRegistrations(rest as Record<string, string>), paymentInstructions: { general: paymentInstructions, byCurrency },
    };
  });
