// Field schemas every feature shares: ids, emails, dates, months, checkboxes. Each feature's schemas
// (lib/<feature>/schemas.ts) build on these; the messages are for a person, not a developer.
import { z } from "zod";
import { isLocalDate, isValidZone } from "@/lib/domain/dates";

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
/** An IANA time zone from the list (a client's, a person's). */
export const zoneField = z
  .string({ error: "Choose a time zone." })
  .trim()
  .refine(isValidZone, "Choose a time zone from the list, like Europe/Berlin.");

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

// Text a person typed: NFC-normalized and trimmed; never NUL or other control characters (line breaks only
// where the field has lines), never the bidi overrides that make text display other than it reads.
const CONTROLS = {
  single: /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/,
  multi: /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/,
};
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

export function text(o: {
  /** What to say when it is missing or empty (for required text). */
  empty?: string;
  /** Shortest allowed length after trimming (default 1; 0 for optional text). */
  min?: number;
  /** What to say when it is shorter than `min` (default: `empty`). */
  short?: string;
  max: number;
  tooLong: string;
  lines?: "single" | "multi";
}) {
  const lines = o.lines ?? "single";
  const min = o.min ?? 1;
  return z
    .string({ error: o.empty ?? "Enter some text." })
    .transform((s) => s.normalize("NFC").trim())
    .pipe(
      z
        .string()
        .refine((s) => !CONTROLS[lines].test(s), lines === "single"
          ? "Keep this to one line, without control characters (line breaks, tabs, NUL)."
          : "Remove the control characters (such as NUL) from this text.")
        .refine((s) => !BIDI_CONTROLS.test(s), "Remove the text-direction override characters: they make text display differently from what it says.")
        .min(min, o.short ?? o.empty ?? `Enter at least ${min} characters.`)
        .max(o.max, o.tooLong),
    );
}
