import { describe, expect, it } from "vitest";
import { z } from "zod";
import { invitationSchema, newClientSchema, practiceSettingsSchema, signInVerifySchema } from "@/lib/schemas";

const errors = (r: { success: boolean; error?: z.ZodError }) => (r.error ? z.flattenError(r.error).fieldErrors : {});

describe("action input schemas", () => {
  it("accepts a client and derives its slug", () => {
    const r = newClientSchema.safeParse({ name: "  Harbor & Pine Bakery ", timezone: "America/Los_Angeles", currency: "usd", billingEmail: "" });
    expect(r.success && r.data).toEqual({ name: "Harbor & Pine Bakery", slug: "harbor-pine-bakery", timezone: "America/Los_Angeles", currency: "USD", billingEmail: "" });
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
    expect(errors(signInVerifySchema.safeParse({ email: "a@b.test", code: "12345" }))).toEqual({ code: ["The code is the 6 digits from the email."] });
    expect(signInVerifySchema.safeParse({ email: "a@b.test", code: " 123456 " }).success).toBe(true);
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
