// Tax and legal fields per jurisdiction (issue 27): what each requires and how the sums come out.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  invoiceLegal, missingLegalFields, normalizeTaxNumber, taxTotals, TAX_SCHEMES, treatmentNote, REVERSE_CHARGE_NOTE,
  type Buyer, type InvoiceLegal, type LegalField, type Seller, type TaxTreatment,
} from "@/lib/domain/tax";
import { printedParties } from "@/lib/pages/print-invoice";
import { billingDetailsSchema } from "@/lib/schemas/tax";

const seller = (country: string, registrations: Seller["registrations"]): Seller => ({
  name: "Rivera Engineering", legalName: "Rivera Engineering Ltd", address: "1 Main Street\nSomewhere", country, registrations,
});
const buyer = (country: string, taxId = ""): Buyer => ({ name: "Client Ltd", address: "2 High Street\nElsewhere", country, taxId });

interface Case {
  jurisdiction: string;
  legal: InvoiceLegal;
  currency: string;
  /** Lines (net amounts) and the rate they carry. */
  lines: number[];
  expected: { net: number; tax: number; gross: number };
  /** Fields that, removed one at a time, make the check name them. */
  required: LegalField[];
}

const standard = (rateBp: number, label: string): TaxTreatment => ({ kind: "standard", rateBp, label });

const CASES: Case[] = [
  {
    jurisdiction: "EU (Germany, reverse charge to a French business)",
    legal: invoiceLegal(seller("DE", [{ scheme: "eu_vat", number: "DE123456789" }]), buyer("FR", "FR12345678901"), { kind: "reverse_charge", note: "" }),
    currency: "EUR", lines: [400_000, 45_000],
    expected: { net: 445_000, tax: 0, gross: 445_000 },
    required: ["seller.address", "seller.registration", "buyer.name", "buyer.address", "buyer.taxId"],
  },
  {
    jurisdiction: "UK (VAT 20%)",
    legal: invoiceLegal(seller("GB", [{ scheme: "gb_vat", number: "GB123456789" }]), buyer("GB"), standard(2000, "VAT")),
    currency: "GBP", lines: [333_333, 12_345, -1_000],
    // 344,678 × 20% = 68,935.6 → 68,936 (once for the invoice)
    expected: { net: 344_678, tax: 68_936, gross: 413_614 },
    required: ["seller.address", "seller.registration", "buyer.name", "buyer.address"],
  },
  {
    jurisdiction: "US (no sales tax on services)",
    legal: invoiceLegal(seller("US", [{ scheme: "us_ein", number: "12-3456789" }]), buyer("US"), { kind: "none" }),
    currency: "USD", lines: [400_000, 16_875],
    expected: { net: 416_875, tax: 0, gross: 416_875 },
    required: ["buyer.name"],
  },
  {
    jurisdiction: "NZ (GST 15%, above NZ$1,000)",
    legal: invoiceLegal(seller("NZ", [{ scheme: "nz_gst", number: "123456789" }]), buyer("NZ"), standard(1500, "GST")),
    currency: "NZD", lines: [780_000, 14_001],
    // 794,001 × 15% = 119,100.15 → 119,100
    expected: { net: 794_001, tax: 119_100, gross: 913_101 },
    required: ["seller.registration", "buyer.name", "buyer.address"],
  },
  {
    jurisdiction: "JP (consumption tax 10%, qualified invoice)",
    legal: invoiceLegal(seller("JP", [{ scheme: "jp_qii", number: "T1234567890123" }]), buyer("JP"), standard(1000, "消費税")),
    currency: "JPY", lines: [33_335, 33_335, 33_335],
    // Once per rate: 100,005 × 10% = 10,000.5 → 10,001. Per line it would be 3 × 3,334 (3,333.5 rounded) = 10,002.
    expected: { net: 100_005, tax: 10_001, gross: 110_006 },
    required: ["seller.registration", "buyer.name"],
  },
];

const without = (l: InvoiceLegal, field: LegalField): InvoiceLegal => {
  const c = structuredClone(l);
  if (field === "seller.address") c.seller.address = " ";
  if (field === "seller.registration") c.seller.registrations = [];
  if (field === "buyer.name") c.buyer.name = "";
  if (field === "buyer.address") c.buyer.address = "";
  if (field === "buyer.taxId") c.buyer.taxId = "";
  return c;
};

describe.each(CASES)("$jurisdiction", ({ legal, currency, lines, expected, required }) => {
  const rate = legal.treatment.kind === "standard" ? legal.treatment.rateBp : null;
  const totals = taxTotals(lines.map((amountCents) => ({ amountCents, taxRateBp: rate })));

  it("sums net, tax once per rate and gross in minor units", () => {
    expect({ net: totals.netCents, tax: totals.taxCents, gross: totals.grossCents }).toEqual(expected);
    expect(totals.byRate.reduce((s, r) => s + r.netCents, 0)).toBe(rate === null ? 0 : expected.net);
  });

  it("holds up with every field present", () => {
    expect(missingLegalFields(legal, totals.grossCents, currency)).toEqual([]);
  });

  it.each(required)("names %s when it is missing", (field) => {
    const missing = missingLegalFields(without(legal, field), totals.grossCents, currency);
    expect(missing.map((m) => m.field)).toContain(field);
    expect(missing.every((m) => m.message.length > 10)).toBe(true);
  });

  it("requires nothing else", () => {
    const optional = (["seller.address", "seller.registration", "buyer.name", "buyer.address", "buyer.taxId"] as LegalField[]).filter((f) => !required.includes(f));
    for (const f of optional) expect(missingLegalFields(without(legal, f), totals.grossCents, currency).map((m) => m.field)).not.toContain(f);
  });
});

describe("tax", () => {
  it("NZ: a small invoice needs no address, a large one does", () => {
    const l = without(CASES[3].legal, "buyer.address");
    expect(missingLegalFields(l, 100_000, "NZD")).toEqual([]);
    expect(missingLegalFields(l, 100_001, "NZD").map((m) => m.field)).toEqual(["buyer.address"]);
  });

  it("JP: an invoice without consumption tax needs no registration number", () => {
    const l = { ...without(CASES[4].legal, "seller.registration"), treatment: { kind: "exempt" as const, note: "" } };
    expect(missingLegalFields(l, 100_000, "JPY")).toEqual([]);
  });

  it("a malformed registration does not count", () => {
    const l = structuredClone(CASES[4].legal);
    l.seller.registrations = [{ scheme: "jp_qii", number: "T123" }];
    expect(missingLegalFields(l, 1, "JPY").map((m) => m.field)).toEqual(["seller.registration"]);
  });

  it("reverse charge and exempt print their wording; a practice's own wording wins", () => {
    expect(treatmentNote({ kind: "reverse_charge", note: "" })).toBe(REVERSE_CHARGE_NOTE);
    expect(treatmentNote({ kind: "exempt", note: "Zero-rated export" })).toBe("Zero-rated export");
    expect(treatmentNote({ kind: "standard", rateBp: 1500, label: "GST" })).toBeNull();
  });

  it("rounds half away from zero, credits symmetric with charges", () => {
    expect(taxTotals([{ amountCents: 5, taxRateBp: 1000 }]).taxCents).toBe(1); // 0.5 → 1
    expect(taxTotals([{ amountCents: -5, taxRateBp: 1000 }]).taxCents).toBe(-1);
    expect(taxTotals([{ amountCents: 4, taxRateBp: 1000 }]).taxCents).toBe(0);
  });

  it("property: gross = net + Σ tax per rate, each rate's tax within half a minor unit of exact", () => {
    fc.assert(fc.property(
      fc.array(fc.record({ amountCents: fc.integer({ min: -1_000_000, max: 10_000_000 }), taxRateBp: fc.option(fc.constantFrom(500, 800, 1000, 1500, 2000, 2500), { nil: null }) }), { maxLength: 30 }),
      (lines) => {
        const t = taxTotals(lines);
        expect(t.grossCents).toBe(t.netCents + t.taxCents);
        expect(t.netCents).toBe(lines.reduce((s, l) => s + l.amountCents, 0));
        for (const r of t.byRate) {
          expect(Number.isInteger(r.taxCents)).toBe(true);
          expect(Math.abs(r.taxCents - (r.netCents * r.rateBp) / 10_000)).toBeLessThanOrEqual(0.5);
        }
      },
    ), { numRuns: 2000 });
  });

  it("normalizes and validates numbers per scheme", () => {
    expect(normalizeTaxNumber("gb_vat", "gb 123 4567 89")).toBe("GB123456789");
    expect(normalizeTaxNumber("nz_gst", "123-456-789")).toBe("123456789");
    expect(normalizeTaxNumber("us_ein", "12-3456789")).toBe("12-3456789");
    expect(TAX_SCHEMES.jp_qii.pattern.test(normalizeTaxNumber("jp_qii", "t1234567890123"))).toBe(true);
    expect(TAX_SCHEMES.eu_vat.pattern.test("GB123456789")).toBe(false);
  });
});

describe("the client's billing details form", () => {
  const base = { legalName: "", address: "", country: "", taxId: "", taxTreatment: "none", taxRate: "", taxLabel: "", taxNote: "" };
  const errors = (input: Record<string, string>) => {
    const r = billingDetailsSchema.safeParse({ ...base, ...input });
    return r.success ? null : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
  };

  it("reads a rate typed as a person types it", () => {
    for (const [typed, bp] of [["15", 1500], ["8.5", 850], ["10 %", 1000], ["7,25", 725], ["100", 10_000]] as const) {
      const r = billingDetailsSchema.parse({ ...base, taxTreatment: "standard", taxRate: typed, taxLabel: "GST" });
      expect(r.treatment).toEqual({ kind: "standard", rateBp: bp, label: "GST" });
    }
  });

  it("refuses what cannot be a rate, a reverse charge without a tax number and an unknown country", () => {
    for (const taxRate of ["", "0", "101", "abc", "1.234"]) expect(errors({ taxTreatment: "standard", taxRate })).toHaveProperty("taxRate");
    expect(errors({ taxTreatment: "reverse_charge" })).toHaveProperty("taxId");
    expect(errors({ country: "XX" })).toHaveProperty("country");
    expect(errors({ taxTreatment: "sales" })).toHaveProperty("taxTreatment");
    expect(errors({ country: "nz", address: "Tāmaki Makaurau" })).toBeNull();
  });
});

describe("the printed parties", () => {
  const practice = { name: "Rivera", address: "", invoiceEmail: "", daysUntilDue: 14, invoiceFooter: "", legalName: "", country: "", taxRegistrations: [],
    stripeAutomaticTax: false, reminderDays: [], stripeSendsReminders: false, firstMonth: "prorate" as const, reviewDays: 0, ownersTwoStep: false, membersTwoStep: false };
  const buyerLines = (address: string, country: string) =>
    printedParties(invoiceLegal(seller("US", []), { name: "B", address, country, taxId: "" }, { kind: "none" }), practice, "B").buyer.lines;

  it("close the address with the country, unless it already names it", () => {
    expect(buyerLines("548 Market St\nSan Francisco, CA 94104, USA", "US")).toEqual(["548 Market St", "San Francisco, CA 94104, USA"]);
    expect(buyerLines("1 Queen St\nAuckland 1010", "NZ")).toEqual(["1 Queen St", "Auckland 1010", "New Zealand"]);
    expect(buyerLines("Taitō-ku, Tokyo, Japan", "JP")).toEqual(["Taitō-ku, Tokyo, Japan"]);
    expect(buyerLines("Tāmaki Makaurau Auckland 1052\nNew Zealand", "NZ")).toEqual(["Tāmaki Makaurau Auckland 1052", "New Zealand"]);
    expect(buyerLines("", "DE")).toEqual(["Germany"]);
    expect(buyerLines("10 Downing St\nLondon", "")).toEqual(["10 Downing St", "London"]);
  });

  it("print the seller's registration for its jurisdiction and the buyer's tax number", () => {
    const l = invoiceLegal(seller("JP", [{ scheme: "us_ein", number: "12-3456789" }, { scheme: "jp_qii", number: "T1234567890123" }]), buyer("JP", "T4010401000000"), { kind: "none" });
    const { seller: s, buyer: b } = printedParties(l, practice, "B");
    expect(s.taxNumber).toBe(`${TAX_SCHEMES.jp_qii.label} T1234567890123`);
    expect(b.taxNumber).toBe("Tax number T4010401000000");
  });
});

describe("a reverse charge outside the EU", () => {
  it("is a treatment like any other: a US practice reverse-charging a Japanese business lacks nothing", () => {
    const l = invoiceLegal(seller("US", [{ scheme: "us_ein", number: "12-3456789" }]), buyer("JP", "T4010401000000"), { kind: "reverse_charge", note: "Reverse charge (リバースチャージ方式)" });
    expect(missingLegalFields(l, 600_000, "JPY")).toEqual([]);
  });
});
