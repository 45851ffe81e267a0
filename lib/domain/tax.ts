// Tax and the legal fields of an invoice (issue 27). Pure. The practice (seller) has a country and tax
// registrations; each client (buyer) a country, address, tax id and a treatment. An invoice's tax is, per
// rate, the rate times the net of that rate's lines, rounded once (half away from zero) per rate per invoice —
// Japan's qualified-invoice rule, and a sum that adds up on paper everywhere else. Amounts are integer minor
// units; rates are basis points (1500 = 15%).
import { divRoundHalfUp } from "@/lib/domain/money";

export type TaxScheme = "eu_vat" | "gb_vat" | "nz_gst" | "au_abn" | "jp_qii" | "us_ein";

export interface TaxRegistration {
  scheme: TaxScheme;
  number: string;
}

export const TAX_SCHEMES: Record<TaxScheme, { label: string; pattern: RegExp; example: string }> = {
  eu_vat: { label: "EU VAT number", pattern: /^(AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|XI)[0-9A-Z+*]{2,12}$/, example: "DE123456789" },
  gb_vat: { label: "UK VAT number", pattern: /^GB(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/, example: "GB123456789" },
  nz_gst: { label: "NZ GST number", pattern: /^\d{8,9}$/, example: "123456789" },
  au_abn: { label: "Australian ABN", pattern: /^\d{11}$/, example: "51824753556" },
  jp_qii: { label: "Qualified invoice issuer number (適格請求書発行事業者登録番号)", pattern: /^T\d{13}$/, example: "T1234567890123" },
  us_ein: { label: "US EIN", pattern: /^\d{2}-\d{7}$/, example: "12-3456789" },
};

/** A tax number as it is compared and stored: upper case, no spaces, dots or (except the EIN's) dashes. */
export function normalizeTaxNumber(scheme: TaxScheme, number: string): string {
  const n = number.toUpperCase().replace(/[\s.]/g, "");
  return scheme === "us_ein" ? n : n.replace(/-/g, "");
}

export type TaxTreatment =
  | { kind: "none" }
  | { kind: "standard"; rateBp: number; label: string }
  | { kind: "reverse_charge"; note: string }
  | { kind: "exempt"; note: string };

/** A client's bill-to details and tax treatment (public.client_billing_details). */
export interface BillingDetails {
  /** Blank: the client's name. */
  legalName: string;
  address: string;
  country: string;
  taxId: string;
  treatment: TaxTreatment;
}

export const REVERSE_CHARGE_NOTE = "Reverse charge: the customer accounts for the VAT (Article 196, Council Directive 2006/112/EC).";
export const EXEMPT_NOTE = "No tax is charged on this supply.";

/** The wording an invoice prints for its treatment (a default where the practice wrote none). */
export function treatmentNote(t: TaxTreatment): string | null {
  if (t.kind === "reverse_charge") return t.note || REVERSE_CHARGE_NOTE;
  if (t.kind === "exempt") return t.note || EXEMPT_NOTE;
  return null;
}

/** The rate a line carries under a treatment: a number only where tax is charged. */
export function lineRateBp(t: TaxTreatment): number | null {
  return t.kind === "standard" ? t.rateBp : null;
}

export interface TaxedLine {
  amountCents: number;
  /** Null: no tax applies to the line. */
  taxRateBp: number | null;
}

export interface RateTotal {
  rateBp: number;
  netCents: number;
  taxCents: number;
}

export interface TaxTotals {
  netCents: number;
  byRate: RateTotal[];
  taxCents: number;
  grossCents: number;
}

/** Net, tax per rate (rounded once per rate) and gross of an invoice's lines. */
export function taxTotals(lines: readonly TaxedLine[]): TaxTotals {
  const nets = new Map<number, number>();
  let netCents = 0;
  for (const l of lines) {
    netCents += l.amountCents;
    if (l.taxRateBp !== null) nets.set(l.taxRateBp, (nets.get(l.taxRateBp) ?? 0) + l.amountCents);
  }
  const byRate = [...nets.entries()].sort(([a], [b]) => b - a).map(([rateBp, net]) => ({ rateBp, netCents: net, taxCents: divRoundHalfUp(net * rateBp, 10_000) }));
  const taxCents = byRate.reduce((s, r) => s + r.taxCents, 0);
  return { netCents, byRate, taxCents, grossCents: netCents + taxCents };
}

/** "15%", "10%", "8.5%". */
export function formatRate(bp: number): string {
  return `${(bp / 100).toFixed(2).replace(/\.?0+$/, "")}%`;
}

// ---------------------------------------------------------------------------------------------------------
// Jurisdictions: which rules an invoice follows is decided by where the practice is established.

export type Jurisdiction = "EU" | "UK" | "US" | "NZ" | "JP" | "other";

const EU = new Set(["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"]);

export function jurisdictionOf(country: string): Jurisdiction {
  if (EU.has(country)) return "EU";
  if (country === "GB") return "UK";
  if (country === "US" || country === "NZ" || country === "JP") return country;
  return "other";
}

/** The registration an invoice of this jurisdiction must show when it charges (or reverse-charges) tax. */
export const REGISTRATION_FOR: Record<Jurisdiction, TaxScheme | null> = { EU: "eu_vat", UK: "gb_vat", NZ: "nz_gst", JP: "jp_qii", US: null, other: null };

export interface Seller {
  name: string;
  legalName: string;
  address: string;
  country: string;
  registrations: TaxRegistration[];
}

export interface Buyer {
  name: string;
  address: string;
  country: string;
  taxId: string;
}

/** What an invoice says about the parties and the tax, as issued (stored on the invoice: invoices.legal). */
export interface InvoiceLegal {
  jurisdiction: Jurisdiction;
  seller: Seller;
  buyer: Buyer;
  treatment: TaxTreatment;
}

export function invoiceLegal(seller: Seller, buyer: Buyer, treatment: TaxTreatment): InvoiceLegal {
  return { jurisdiction: jurisdictionOf(seller.country), seller, buyer, treatment };
}

/** The registration the invoice prints for its jurisdiction (or the first one the practice has). */
export function sellerRegistration(l: InvoiceLegal): TaxRegistration | null {
  const scheme = REGISTRATION_FOR[l.jurisdiction];
  return l.seller.registrations.find((r) => r.scheme === scheme) ?? l.seller.registrations[0] ?? null;
}

export type LegalField =
  | "seller.address" | "seller.registration"
  | "buyer.name" | "buyer.address" | "buyer.taxId";

export interface MissingField {
  field: LegalField;
  message: string;
}

/**
 * What an invoice of `gross` (minor units of `currency`) issued with these details lacks under its
 * jurisdiction's rules; empty when it holds up. The rules (a practical reading, not legal advice):
 * - EU (Directive 2006/112/EC art. 226) and UK (VAT Regulations 1995 reg. 14): seller's name, address and VAT
 *   number; buyer's name and address; a reverse charge also the buyer's VAT number and the wording.
 * - NZ (GST Act, taxable supply information): seller's name and GST number when GST is charged; above
 *   NZ$1,000 the buyer's name and address.
 * - JP (qualified invoice system, 2023): the issuer's registration number T + 13 digits when consumption tax
 *   is charged, the buyer's name, and tax per rate rounded once (taxTotals).
 * - US: the seller's and buyer's names; no federal requirement for tax numbers.
 * A reverse charge is not only the EU's: Japan's (リバースチャージ) has a foreign supplier of B2B electronic services
 * charge no consumption tax either; the wording printed says so, so no jurisdiction refuses the treatment.
 * Number, issue date, supply period and the amounts are on every invoice this portal issues.
 */
export function missingLegalFields(l: InvoiceLegal, gross: number, currency: string): MissingField[] {
  const missing: MissingField[] = [];
  const need = (cond: boolean, field: LegalField, message: string) => {
    if (cond && !missing.some((m) => m.field === field)) missing.push({ field, message });
  };
  const taxes = l.treatment.kind !== "none";
  const reg = REGISTRATION_FOR[l.jurisdiction];
  const hasReg = reg !== null && l.seller.registrations.some((r) => r.scheme === reg && TAX_SCHEMES[reg].pattern.test(r.number));
  const regLabel = reg ? TAX_SCHEMES[reg].label : "";
  const buyerName = (l.buyer.name || "").trim() !== "";

  switch (l.jurisdiction) {
    case "EU":
    case "UK":
      need(!l.seller.address.trim(), "seller.address", "The practice's address (settings) must be on the invoice.");
      need(taxes && !hasReg, "seller.registration", `The practice's ${regLabel} (settings) must be on the invoice.`);
      need(!buyerName, "buyer.name", "The client's name must be on the invoice.");
      need(!l.buyer.address.trim(), "buyer.address", "The client's address (client settings) must be on the invoice.");
      need(l.treatment.kind === "reverse_charge" && !l.buyer.taxId.trim(), "buyer.taxId", "A reverse charge needs the client's VAT number (client settings).");
      break;
    case "NZ": {
      need(l.treatment.kind === "standard" && !hasReg, "seller.registration", `The practice's ${regLabel} (settings) must be on an invoice that charges GST.`);
      const overThreshold = currency !== "NZD" || gross > 100_000;
      need(overThreshold && !buyerName, "buyer.name", "Above NZ$1,000 the client's name must be on the invoice.");
      need(overThreshold && !l.buyer.address.trim(), "buyer.address", "Above NZ$1,000 the client's address (client settings) must be on the invoice.");
      break;
    }
    case "JP":
      need(l.treatment.kind === "standard" && !hasReg, "seller.registration", "A qualified invoice needs the practice's registration number, T and 13 digits (settings).");
      need(!buyerName, "buyer.name", "The client's name must be on the invoice.");
      break;
    case "US":
    case "other":
      need(!buyerName, "buyer.name", "The client's name must be on the invoice.");
      break;
  }
  return missing;
}
