// Field schemas every feature shares: ids, emails, dates, months, checkboxes. Each feature's schemas
// (lib/<feature>/schemas.ts) build on these; the messages are for a person, not a developer.
import { z } from "zod";
import { isLocalDate } from "@/lib/domain/dates";

/** A row id from a form or URL; another tenant's id is refused later, as "not found", like a missing one. */
export const idField = z.uuid();

/** An id field whose refusal names the thing: "That entry could not be found." */
export const idOf = (what: string) => z.uuid({ error: `${what} could not be found.` });

export const clientIdField = idOf("That client");

export const emailField = z
  .string({ error: "Enter an email address." })
  .trim()
  .toLowerCase()
  .max(320, "That email address is too long.")
  .pipe(z.email({ error: "Enter a valid email address, like name@company.com." }));

export const localDateField = z
  .string({ error: "Choose a date." })
  .trim()
  .refine(isLocalDate, "Choose a valid date.");

/** A month as a form's <input type="month"> sends it ('YYYY-MM'). */
export const MONTH_INPUT = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A month from a month input ('YYYY-MM'), as the first day of the month ('YYYY-MM-01'). */
export const monthInputField = (message: string) =>
  z.string({ error: message }).regex(MONTH_INPUT, message).transform((m) => `${m}-01`);

/** A month as the app writes it in hidden fields and URLs ('YYYY-MM-01'). */
export const monthField = (message: string) => z.string({ error: message }).regex(/^\d{4}-(0[1-9]|1[0-2])-01$/, message);

export const checkbox = z.union([z.literal("on"), z.literal("true"), z.literal("1"), z.literal("")]).optional().transform((v) => Boolean(v));

/** "true" / "false" from a toggle's hidden field. */
export const booleanField = z.enum(["true", "false"]).transform((v) => v === "true");

export const optionalUuid = (message: string) =>
  z.union([z.literal(""), z.uuid({ error: message })]).optional().transform((v) => v || null);

/** A `?page=` number from a URL: anything unusable is the first page. */
export const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);
