// Getting paid without Stripe and the printed invoice (issue 27): the supply period as a person reads it, what
// an invoice offers (Pay / How to pay / nothing), which instructions apply, and the settings form's fields.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { practiceSettingsSchema } from "@/lib/billing/schemas";
import { localDate, monthOf } from "@/lib/domain/dates";
import { howToPay, paymentOption } from "@/lib/domain/payment";
import { formatSupplyPeriod } from "@/lib/format";

describe("the supply period", () => {
  it("runs from the 1st to the month's last day", () => {
    expect(formatSupplyPeriod("2026-11-01")).toBe("1–30 November 2026");
    expect(formatSupplyPeriod("2026-12-01")).toBe("1–31 December 2026");
    expect(formatSupplyPeriod("2027-01-01")).toBe("1–31 January 2027");
    expect(formatSupplyPeriod("2026-04-01")).toBe("1–30 April 2026");
  });

  it("knows February, leap years included", () => {
    expect(formatSupplyPeriod("2027-02-01")).toBe("1–28 February 2027");
    expect(formatSupplyPeriod("2028-02-01")).toBe("1–29 February 2028");
    expect(formatSupplyPeriod("2100-02-01")).toBe("1–28 February 2100"); // not a leap year
    expect(formatSupplyPeriod("2000-02-01")).toBe("1–29 February 2000");
  });

  it("is the client's month: the same instant is November in Auckland and still October in UTC", () => {
    const instant = new Date("2026-10-31T12:00:00Z"); // 1 November, 01:00 in Auckland (NZDT, +13)
    expect(formatSupplyPeriod(monthOf(localDate(instant, "Pacific/Auckland")))).toBe("1–30 November 2026");
    expect(formatSupplyPeriod(monthOf(localDate(instant, "UTC")))).toBe("1–31 October 2026");
    // The last instant of February 2028 in Auckland is 29 February there, 28 February 11:00 in UTC: both February.
    const leap = new Date("2028-02-29T10:59:59Z");
    expect(formatSupplyPeriod(monthOf(localDate(leap, "Pacific/Auckland")))).toBe("1–29 February 2028");
    expect(formatSupplyPeriod(monthOf(localDate(leap, "UTC")))).toBe("1–29 February 2028");
    // …and an hour later Auckland is in March while UTC is still in February.
    const march = new Date("2028-02-29T11:00:00Z");
    expect(formatSupplyPeriod(monthOf(localDate(march, "Pacific/Auckland")))).toBe("1–31 March 2028");
    expect(formatSupplyPeriod(monthOf(localDate(march, "UTC")))).toBe("1–29 February 2028");
  });
});

describe("how to pay", () => {
  const practice = { name: "Rivera Fractional Engineering", invoiceEmail: "billing@practice.test" };
  const instructions = { general: "SWIFT to IBAN GB33", byCurrency: { NZD: "ANZ 01-0123-0456789-00" } };

  it("takes the currency's own instructions, else the general text, else whom to ask", () => {
    expect(howToPay(instructions, "NZD", practice)).toEqual({ kind: "instructions", text: "ANZ 01-0123-0456789-00" });
    expect(howToPay(instructions, "JPY", practice)).toEqual({ kind: "instructions", text: "SWIFT to IBAN GB33" });
    expect(howToPay({ general: "", byCurrency: { NZD: "ANZ" } }, "USD", practice))
      .toEqual({ kind: "contact", practiceName: "Rivera Fractional Engineering", email: "billing@practice.test" });
    expect(howToPay({ general: " ", byCurrency: { USD: "  " } }, "USD", { ...practice, invoiceEmail: "" }))
      .toEqual({ kind: "contact", practiceName: "Rivera Fractional Engineering", email: "" });
  });

  it("offers Pay only with Stripe's page, How to pay for a local invoice, and nothing once settled", () => {
    const how = howToPay(instructions, "NZD", practice);
    const local = { status: "open", hostedInvoiceUrl: null, stripeInvoiceId: null };
    const stripe = { status: "open", hostedInvoiceUrl: "https://invoice.stripe.com/i/x", stripeInvoiceId: "in_1" };
    expect(paymentOption(stripe, how)).toEqual({ kind: "pay", url: "https://invoice.stripe.com/i/x" });
    expect(paymentOption(local, how)).toEqual({ kind: "how-to-pay", howToPay: how });
    expect(paymentOption({ ...local, status: "uncollectible" }, how)).toEqual({ kind: "how-to-pay", howToPay: how });
    // A Stripe invoice whose page has not come back yet: no bank transfer meanwhile (it would be paid twice).
    expect(paymentOption({ ...stripe, hostedInvoiceUrl: null }, how)).toBeNull();
    for (const status of ["paid", "void", "draft"]) {
      expect(paymentOption({ ...local, status }, how)).toBeNull();
      expect(paymentOption({ ...stripe, status }, how)).toBeNull();
    }
  });
});

describe("the practice settings form", () => {
  const base = { name: "P", daysUntilDue: "14" };
  const errors = (r: z.ZodSafeParseResult<unknown>) => (r.success ? null : z.flattenError(r.error).fieldErrors);

  it("gathers one text per currency and a general one; an empty text is none", () => {
    const r = practiceSettingsSchema.safeParse({ ...base, paymentInstructions: " SWIFT ", paymentInstructions_NZD: "ANZ\r\nref: INV", paymentInstructions_USD: "  ", other: "ignored" });
    expect(r.success && r.data.paymentInstructions).toEqual({ general: "SWIFT", byCurrency: { NZD: "ANZ\r\nref: INV" } });
    expect(practiceSettingsSchema.parse(base).paymentInstructions).toEqual({ general: "", byCurrency: {} });
  });

  it("refuses too-long or control-character text on the field it is in, beside the other fields' errors", () => {
    expect(errors(practiceSettingsSchema.safeParse({ ...base, name: "", paymentInstructions_JPY: "x".repeat(2001), paymentInstructions: "a\u0000b" }))).toEqual({
      name: ["Enter the practice name."],
      paymentInstructions_JPY: ["Keep the payment instructions under 2,000 characters."],
      paymentInstructions: ["Remove the control characters (such as NUL) from this text."],
    });
    expect(practiceSettingsSchema.safeParse({ ...base, paymentInstructions_EUR: "x".repeat(2000) }).success).toBe(true);
    expect(errors(practiceSettingsSchema.safeParse({ ...base, paymentInstructions_XYZ: "beads" }))).toEqual({ paymentInstructions_XYZ: ["That is not a currency code."] });
  });
});
