import { describe, expect, it } from "vitest";
import { currencyDigits, decimalHours, formatInstant, formatMinutes, formatMoney, minorToDecimal, plural } from "@/lib/format";

describe("money formatting from integer minor units", () => {
  it("knows each currency's minor unit", () => {
    expect(currencyDigits("USD")).toBe(2);
    expect(currencyDigits("JPY")).toBe(0);
    expect(currencyDigits("BHD")).toBe(3);
  });

  it.each([
    [123456, 2, "1234.56"], [5, 2, "0.05"], [-5, 2, "-0.05"], [600000, 0, "600000"], [1, 3, "0.001"],
  ])("%i with %i digits is %s", (amount, digits, text) => expect(minorToDecimal(amount, digits)).toBe(text));

  it("formats without floating point drift", () => {
    expect(formatMoney(400000, "USD")).toBe("$4,000.00");
    expect(formatMoney(600000, "JPY")).toBe("¥600,000");
    expect(formatMoney(780000, "NZD")).toBe("NZ$7,800.00");
    // 2^53 + 1 cents cannot be represented as a float; as a bigint it formats exactly.
    expect(formatMoney(9007199254740993n, "USD")).toBe("$90,071,992,547,409.93");
  });
});

describe("durations", () => {
  it.each([
    [0, "0m"], [45, "45m"], [60, "1h"], [90, "1h 30m"], [750, "12h 30m"], [-30, "−30m"],
  ])("%i minutes is %s", (m, text) => expect(formatMinutes(m)).toBe(text));

  it("shows decimal hours with two places", () => {
    expect(decimalHours(90)).toBe("1.50");
    expect(decimalHours(20)).toBe("0.33");
  });
});

describe("instants", () => {
  it("carry the zone they are shown in, across DST", () => {
    expect(formatInstant(new Date("2026-11-01T09:00:00Z"), "America/Los_Angeles")).toBe("Nov 1, 2026, 1:00 AM PST");
    expect(formatInstant(new Date("2026-10-20T02:00:00Z"), "America/Los_Angeles")).toBe("Oct 19, 2026, 7:00 PM PDT");
    // Zones whose short name is only an offset read as their city (issue 28, item 15), in summer and winter.
    expect(formatInstant(new Date("2026-12-01T20:00:00Z"), "Pacific/Auckland")).toBe("Dec 2, 2026, 9:00 AM Auckland time");
    expect(formatInstant(new Date("2026-06-01T20:00:00Z"), "Pacific/Auckland")).toBe("Jun 2, 2026, 8:00 AM Auckland time");
    expect(formatInstant(new Date("2026-12-01T20:00:00Z"), "Asia/Tokyo")).toBe("Dec 2, 2026, 5:00 AM Tokyo time");
    expect(formatInstant(new Date("2026-12-01T20:00:00Z"), "America/Argentina/Buenos_Aires")).toBe("Dec 1, 2026, 5:00 PM Buenos Aires time");
    expect(formatInstant(new Date("2026-12-01T20:00:00Z"), "UTC")).toBe("Dec 1, 2026, 8:00 PM UTC");
    expect(formatInstant(new Date("2026-12-01T20:00:00Z"), "Etc/GMT-3")).toBe("Dec 1, 2026, 11:00 PM Etc/GMT-3");
  });
});

describe("counts", () => {
  it("say one or many, with thousands separated", () => {
    expect([plural(1, "entry", "entries"), plural(0, "entry", "entries"), plural(1234, "row"), plural(2, "client")]).toEqual(["1 entry", "0 entries", "1,234 rows", "2 clients"]);
  });
});
