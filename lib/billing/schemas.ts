// What the billing forms may send: months to close, invoices to push or mark paid, the practice's invoice details.
import { z } from "zod";
import { clientIdField, emailField, idOf, monthField, text } from "@/lib/schemas/fields";

export const closeSchema = z.object({ clientId: clientIdField, month: monthField("Choose a month.") });

export const invoiceSchema = z.object({ clientId: clientIdField, invoiceId: idOf("That invoice") });

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
});
