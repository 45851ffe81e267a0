// What the billing forms may send: months to close, invoices to push or mark paid, the practice's invoice details.
import { z } from "zod";
import { clientIdField, emailField, idOf, monthField } from "@/lib/schemas/fields";

export const closeSchema = z.object({ clientId: clientIdField, month: monthField("Choose a month.") });

export const invoiceSchema = z.object({ clientId: clientIdField, invoiceId: idOf("That invoice") });

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
