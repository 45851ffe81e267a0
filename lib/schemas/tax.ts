// Form fields of the legal and tax details: a country, the practice's tax registrations (one field per
// scheme: `taxRegistration_<scheme>`), and a client's tax treatment. Each checked where it stands, with errors a
// person can act on (the example of a valid number).
import { z } from "zod";
import { text } from "@/lib/schemas/fields";
import { normalizeTaxNumber, TAX_SCHEMES, type TaxRegistration, type TaxScheme, type TaxTreatment } from "@/lib/domain/tax";

const regions = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });

/** Countries a person picks from, by English name (ISO 3166-1 alpha-2 codes that Intl knows by a name). */
export const COUNTRIES: { code: string; name: string }[] = (() => {
  const out: { code: string; name: string }[] = [];
  for (let a = 65; a <= 90; a++) for (let b = 65; b <= 90; b++) {
    const code = String.fromCharCode(a, b);
    const name = regions.of(code);
    if (name && name !== code && !["EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"].includes(code)) out.push({ code, name });
  }
  return out.sort((x, y) => x.name.localeCompare(y.name));
})();
const COUNTRY_CODES = new Set(COUNTRIES.map((c) => c.code));

export const countryField = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => c === "" || COUNTRY_CODES.has(c), "Choose a country from the list.")
  .default("");

export const taxRegistrationField = (scheme: TaxScheme) => `taxRegistration_${scheme}`;
export const SCHEME_ORDER: TaxScheme[] = ["eu_vat", "gb_vat", "nz_gst", "au_abn", "jp_qii", "us_ein"];

/** One scheme's number: empty (none), or valid for the scheme once spaces and dots are dropped. */
const schemeNumber = (scheme: TaxScheme) =>
  z
    .string()
    .default("")
    .transform((s) => normalizeTaxNumber(scheme, s.trim()))
    .refine((n) => n === "" || TAX_SCHEMES[scheme].pattern.test(n), `That is not a valid ${TAX_SCHEMES[scheme].label}; it looks like ${TAX_SCHEMES[scheme].example}.`);

/** The registration fields of the practice form, gathered into a list (in SCHEME_ORDER). */
export const taxRegistrationsShape = Object.fromEntries(SCHEME_ORDER.map((s) => [taxRegistrationField(s), schemeNumber(s)])) as Record<string, ReturnType<typeof schemeNumber>>;

export function gatherRegistrations(fields: Record<string, string>): TaxRegistration[] {
  return SCHEME_ORDER.flatMap((scheme) => (fields[taxRegistrationField(scheme)] ? [{ scheme, number: fields[taxRegistrationField(scheme)] }] : []));
}

/** A percentage typed by a person ("15", "8.5", "10 %") as basis points. */
const rateField = z
  .string()
  .trim()
  .default("")
  .transform((s) => s.replace(/\s*%$/, "").replace(",", "."));

/** A client's bill-to details and tax treatment as the client settings form sends them. */
export const billingDetailsSchema = z
  .object({
    legalName: text({ min: 0, max: 200, tooLong: "Keep the legal name under 200 characters." }).default(""),
    address: text({ min: 0, max: 1000, tooLong: "Keep the address under 1,000 characters.", lines: "multi" }).default(""),
    country: countryField,
    taxId: text({ min: 0, max: 40, tooLong: "Keep the tax number under 40 characters." }).default(""),
    taxTreatment: z.enum(["none", "standard", "reverse_charge", "exempt"], { error: "Choose how the invoices are taxed." }),
    taxRate: rateField,
    taxLabel: text({ min: 0, max: 40, tooLong: "Keep the tax name under 40 characters." }).default(""),
    taxNote: text({ min: 0, max: 300, tooLong: "Keep the wording under 300 characters.", lines: "multi" }).default(""),
  })
  .transform(({ taxTreatment, taxRate, taxLabel, taxNote, ...d }, ctx) => {
    let treatment: TaxTreatment = { kind: "none" };
    if (taxTreatment === "standard") {
      const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(taxRate);
      const bp = m ? Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0")) : NaN;
      if (!m || bp < 1 || bp > 10_000) {
        ctx.addIssue({ code: "custom", path: ["taxRate"], message: "Enter the tax rate as a percentage between 0.01 and 100, such as 15 or 8.5." });
        return z.NEVER;
      }
      treatment = { kind: "standard", rateBp: bp, label: taxLabel };
    } else if (taxTreatment === "reverse_charge" || taxTreatment === "exempt") {
      treatment = { kind: taxTreatment, note: taxNote };
    }
    if (taxTreatment === "reverse_charge" && !d.taxId) {
      ctx.addIssue({ code: "custom", path: ["taxId"], message: "A reverse charge needs the client's VAT or tax number." });
      return z.NEVER;
    }
    return { ...d, treatment };
  });
