import { describe, expect, it } from "vitest";
import { z } from "zod";
import { invitationSchema, newClientSchema, termsSchema } from "@/lib/clients/schemas";
import { practiceSettingsSchema } from "@/lib/billing/schemas";
import { signInVerifySchema } from "@/lib/auth/schemas";

const errors = (r: { success: boolean; error?: z.ZodError }) => (r.error ? z.flattenError(r.error).fieldErrors : {});

describe("action input schemas", () => {
  it("accepts a client and derives its slug", () => {
    const r = newClientSchema.safeParse({ name: "  Harbor & Pine Bakery ", timezone: "America/Los_Angeles", currency: "usd", billingEmail: "" });
    expect(r.success && r.data).toEqual({
      name: "Harbor & Pine Bakery", slug: "harbor-pine-bakery", timezone: "America/Los_Angeles", currency: "USD", billingEmail: "",
      billingTiming: "advance", startDate: null,
    });
  });

  it("bills a new client in advance unless told otherwise, and leaves an update's timing and start alone when absent", async () => {
    const { updateClientSchema } = await import("@/lib/clients/schemas");
    const base = { name: "Acme", timezone: "UTC", currency: "USD" };
    expect(newClientSchema.parse({ ...base, billingTiming: "arrears", startDate: "2026-12-05" })).toMatchObject({ billingTiming: "arrears", startDate: "2026-12-05" });
    const id = "7d0c4b5e-0000-4000-8000-000000000001";
    const unchanged = updateClientSchema.parse({ ...base, clientId: id });
    expect([unchanged.billingTiming, unchanged.startDate]).toEqual([undefined, undefined]);
    expect(updateClientSchema.parse({ ...base, clientId: id, startDate: "" })).toMatchObject({ startDate: null });
    expect(errors(newClientSchema.safeParse({ ...base, billingTiming: "monthly", startDate: "2026-02-30" }))).toEqual({
      billingTiming: ["Choose when the fee is invoiced: in advance or in arrears."],
      startDate: ["Choose a valid date."],
    });
  });

  it("explains what is wrong with a client, field by field", () => {
    const r = newClientSchema.safeParse({ name: "", timezone: "Mars/Olympus", currency: "ABC", billingEmail: "nope" });
    expect(errors(r)).toEqual({
      name: ["Enter the client's name."],
      timezone: ["Choose a time zone from the list, like Europe/Berlin."],
      currency: ["Choose a currency code from the list, like USD or JPY."],
      billingEmail: ["Enter a valid email address, like name@company.com."],
    });
  });

  it("requires a 6-digit code", () => {
    expect(errors(signInVerifySchema.safeParse({ code: "12345" }))).toEqual({ code: ["The code is the 6 digits from the email."] });
    expect(signInVerifySchema.safeParse({ code: " 123456 " }).success).toBe(true);
  });

  it("rejects unknown roles and malformed client ids in invitations", () => {
    expect(errors(invitationSchema.safeParse({ clientId: "1", email: "x@y.test", role: "admin" }))).toEqual({
      clientId: ["That client could not be found."],
      role: ["Choose owner or member."],
    });
  });

  it("bounds payment terms", () => {
    expect(errors(practiceSettingsSchema.safeParse({ name: "P", daysUntilDue: "200" }))).toEqual({ daysUntilDue: ["Payment terms can be at most 120 days."] });
    expect(errors(practiceSettingsSchema.safeParse({ name: "P", daysUntilDue: "1.5" }))).toEqual({ daysUntilDue: ["Payment terms are a whole number of days."] });
  });
});

describe("retainer terms input", () => {
  const base = {
    clientId: "0b7c6f5e-4d3c-4b2a-8a19-0f1e2d3c4b5a", effectiveMonth: "2026-11", includedHours: "20", monthlyFee: "4,000.50",
    overageRate: "225", overageIncrementMinutes: "15", rolloverCapHours: "10", rolloverExpiryMonths: "2", preapprovedHours: "2.5",
  };

  it("parses hours to minutes and money to minor units without floats", () => {
    const r = termsSchema(2).parse(base);
    expect(r.terms).toEqual({
      effectiveMonth: "2026-11-01", includedMinutes: 1200, monthlyFeeCents: 400_050, overageRateCentsPerHour: 22_500,
      overageIncrementMinutes: 15, rolloverCapMinutes: 600, rolloverExpiryMonths: 2, overagePreapprovedMinutes: 150,
    });
    expect(termsSchema(0).parse({ ...base, monthlyFee: "600000" }).terms.monthlyFeeCents).toBe(600_000);
  });

  it("says the increment must divide 60, and refuses fractions of a yen", () => {
    expect(errors(termsSchema(2).safeParse({ ...base, overageIncrementMinutes: "7" }))).toEqual({
      overageIncrementMinutes: ["The overage increment must divide 60 evenly: 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60 minutes."],
    });
    expect(errors(termsSchema(0).safeParse({ ...base, monthlyFee: "600000.5" }))).toEqual({
      monthlyFee: ["Enter the monthly fee as a whole amount, like 600000."],
    });
  });

  it("reports every problem at once, including the rollover expiry", () => {
    expect(Object.keys(errors(termsSchema(2).safeParse({ ...base, includedHours: "-3", monthlyFee: "x", rolloverExpiryMonths: "0", effectiveMonth: "2026-13" })))).toEqual(
      ["effectiveMonth", "includedHours", "monthlyFee", "rolloverExpiryMonths"],
    );
  });
});

describe("month filters", () => {
  it("ignore impossible months instead of passing them to the database", async () => {
    const { entryFilterSchema } = await import("@/lib/hours/schemas");
    expect(entryFilterSchema.parse({ month: "2026-13" }).month).toBeUndefined();
    expect(entryFilterSchema.parse({ month: "2026-11" }).month).toBe("2026-11-01");
  });
});

describe("text a person typed", () => {
  it("refuses NUL, control characters and bidi overrides with a field error, in every kind of text field", async () => {
    const { logEntrySchema } = await import("@/lib/hours/schemas");
    const { newClientSchema } = await import("@/lib/clients/schemas");
    const { commentSchema } = await import("@/lib/roadmap/schemas");
    const entry = { clientId: "8d3c2f1e-1111-4222-8333-444455556666", workDate: "2026-11-18", minutes: "1h", category: "build" };
    const refused = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }, field: string) => {
      expect(r.success).toBe(false);
      return r.error!.issues.find((i) => i.path[0] === field)?.message;
    };
    expect(refused(logEntrySchema.safeParse({ ...entry, description: "Fixed\u0000 the import" }), "description")).toMatch(/control characters/);
    expect(refused(newClientSchema.safeParse({ name: "Acme\r\nBcc: x", timezone: "UTC", currency: "USD" }), "name")).toMatch(/one line/);
    expect(refused(newClientSchema.safeParse({ name: "Acme \u202Egnp.exe", timezone: "UTC", currency: "USD" }), "name")).toMatch(/text-direction/);
    expect(refused(commentSchema.safeParse({ clientId: entry.clientId, itemId: entry.clientId, body: "ok \u2066hidden\u2069" }), "body")).toMatch(/text-direction/);
  });

  it("keeps line breaks where a field has lines, and trims and NFC-normalizes names", async () => {
    const { logEntrySchema } = await import("@/lib/hours/schemas");
    const { newClientSchema } = await import("@/lib/clients/schemas");
    const ok = logEntrySchema.parse({ clientId: "8d3c2f1e-1111-4222-8333-444455556666", workDate: "2026-11-18", minutes: "1h", category: "build", description: "Line one\nLine two\r\n" });
    expect(ok.description).toBe("Line one\nLine two");
    const client = newClientSchema.parse({ name: "  Cafe\u0301 Nord ", timezone: "UTC", currency: "EUR" });
    expect(client.name).toBe("Café Nord");
    expect(client.name).toBe(client.name.normalize("NFC"));
  });
});
