// Extra hours approved in advance (issue 23): asking for them, and an owner's decision. Amounts are typed in the
// currency's major unit and parsed to minor units without floats, so the request's schema is per currency.
import { z } from "zod";
import { decimalHoursToMinutes } from "@/lib/domain/duration";
import { parseAmount } from "@/lib/domain/money";
import { AppError } from "@/lib/platform/errors";
import { clientIdField, idOf, monthInputField, optionalUuid, text } from "@/lib/schemas/fields";

const hours = z.string({ error: "Enter the extra hours." }).transform((t, ctx) => {
  const s = t.trim();
  const minutes = /^\d{1,3}(\.\d{1,2})?$/.test(s) ? decimalHoursToMinutes(s) : null;
  if (minutes === null || minutes < 15 || minutes > 744 * 60 || minutes % 15 !== 0) {
    ctx.addIssue({ code: "custom", message: "Enter the extra hours in quarter hours, like 10 or 7.5 (at least 0.25)." });
    return z.NEVER;
  }
  return minutes;
});

const poNumber = text({ min: 0, max: 100, tooLong: "Keep the PO number under 100 characters." }).optional().transform((v) => v || null);
const note = text({ min: 0, max: 1000, tooLong: "Keep the note under 1,000 characters.", lines: "multi" }).optional().transform((v) => v || null);

export const requestExtraHoursSchema = z.object({
  clientId: clientIdField,
  month: monthInputField("Choose the month the extra hours are for."),
  hours,
  roadmapItemId: optionalUuid("Choose an item from the list."),
  reason: text({ empty: "Say what the extra hours are for.", max: 1000, tooLong: "Keep the reason under 1,000 characters.", lines: "multi" }),
  pricing: z.enum(["rate", "quoted"], { error: "Choose how the hours are priced." }),
  /** The quoted price in the currency's major unit (read with the client's currency: `quotedCents`). */
  quoted: z.string().max(40).optional(),
  poNumber,
});

/** The quoted price in minor units (null at the overage rate), or the refusal on its field. */
export function quotedCents(input: { pricing: "rate" | "quoted"; quoted?: string }, currencyDigits: number): number | null {
  if (input.pricing === "rate") return null;
  const cents = parseAmount(input.quoted ?? "", currencyDigits);
  if (cents === null || cents > 100_000_000_000) {
    const message = currencyDigits === 0 ? "Enter the quoted price as a whole amount, like 150000." : "Enter the quoted price as an amount, like 1500 or 1500.50.";
    throw new AppError("invalid", message, { quoted: [message] });
  }
  return cents;
}

export const decideExtraHoursSchema = z.object({
  clientId: clientIdField,
  requestId: idOf("That request"),
  decision: z.enum(["approve", "decline"], { error: "Choose approve or decline." }),
  poNumber,
  note,
});

export const withdrawExtraHoursSchema = z.object({ clientId: clientIdField, requestId: idOf("That request") });
