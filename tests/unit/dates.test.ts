import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, addMonths, daysBetween, daysInMonth, isLocalDate, localDate, monthOf, weekStart, weekStartOn, weekday } from "@/lib/domain/dates";

describe("local dates in a client's zone", () => {
  it.each([
    // The same instant is a different calendar day around the world.
    ["2026-11-30T23:30:00Z", "Pacific/Auckland", "2026-12-01"],
    ["2026-11-30T23:30:00Z", "UTC", "2026-11-30"],
    ["2026-12-01T09:00:00Z", "Pacific/Honolulu", "2026-11-30"],
    ["2026-03-08T10:30:00Z", "America/Los_Angeles", "2026-03-08"], // DST starts that morning
    ["2026-01-01T14:59:59Z", "Asia/Tokyo", "2026-01-01"],
    ["2026-01-01T15:00:00Z", "Asia/Tokyo", "2026-01-02"],
  ])("%s in %s is %s", (instant, zone, day) => {
    expect(localDate(new Date(instant), zone)).toBe(day);
  });

  it.each([
    ["2026-02-01", 28], ["2028-02-01", 29], ["2026-04-01", 30], ["2026-12-01", 31],
  ])("%s has %i days", (m, n) => expect(daysInMonth(m)).toBe(n));

  it("adds months across years in both directions", () => {
    expect(addMonths("2026-11-01", 2)).toBe("2027-01-01");
    expect(addMonths("2026-01-01", -1)).toBe("2025-12-01");
    expect(addMonths("2026-01-01", -25)).toBe("2023-12-01");
  });

  it("finds the Monday of a week and the month of a day", () => {
    expect(weekday("2026-11-26")).toBe(3); // Thursday
    expect(weekStart("2026-11-26")).toBe("2026-11-23");
    expect(weekStart("2026-11-23")).toBe("2026-11-23");
    expect(weekStart("2026-11-29")).toBe("2026-11-23");
    expect(monthOf("2026-11-26")).toBe("2026-11-01");
  });

  it("validates ISO dates strictly", () => {
    expect(isLocalDate("2026-02-29")).toBe(false);
    expect(isLocalDate("2028-02-29")).toBe(true);
    expect(isLocalDate("2026-2-1")).toBe(false);
    expect(isLocalDate("2026-13-01")).toBe(false); // found by the action fuzzer: used to throw
    expect(isLocalDate("2026-00-10")).toBe(false);
  });

  it("addDays is invertible and preserves validity", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40000 }), fc.integer({ min: -1000, max: 1000 }), (offset, n) => {
        const d = addDays("1990-01-01", offset);
        expect(isLocalDate(addDays(d, n))).toBe(true);
        expect(addDays(addDays(d, n), -n)).toBe(d);
      }),
    );
  });
});

describe("weeks across daylight-saving changes", () => {
  it("keeps calendar weeks 7 days long whatever the clocks do", () => {
    // US clocks go forward on 2026-03-08 and back on 2026-11-01; Auckland goes back on 2026-04-05.
    expect(weekStart("2026-03-08")).toBe("2026-03-02");
    expect(weekStart("2026-03-09")).toBe("2026-03-09");
    expect(weekStart("2026-11-01")).toBe("2026-10-26");
    expect(addDays("2026-03-07", 1)).toBe("2026-03-08");
    expect(addDays("2026-04-04", 2)).toBe("2026-04-06");
  });

  it("reads the local day right on both sides of a change", () => {
    expect(localDate(new Date("2026-03-08T09:59:00Z"), "America/Los_Angeles")).toBe("2026-03-08"); // 01:59 PST
    expect(localDate(new Date("2026-03-08T10:01:00Z"), "America/Los_Angeles")).toBe("2026-03-08"); // 03:01 PDT
    expect(localDate(new Date("2026-11-01T07:30:00Z"), "America/Los_Angeles")).toBe("2026-11-01"); // 00:30 PDT
    expect(localDate(new Date("2026-04-04T13:30:00Z"), "Pacific/Auckland")).toBe("2026-04-05"); // 02:30 NZDT, before the change
    expect(localDate(new Date("2026-04-05T11:30:00Z"), "Pacific/Auckland")).toBe("2026-04-05"); // 23:30 NZST
    expect(localDate(new Date("2026-12-01T09:59:00Z"), "Pacific/Honolulu")).toBe("2026-11-30");
  });
});

describe("weekStartOn", () => {
  it("is the week's first day on or before the date, for weeks from Monday, Saturday or Sunday", () => {
    // Wednesday 18 November 2026; a leap day (Tuesday 29 February 2028); a Sunday.
    expect(weekStartOn("2026-11-18", 0)).toBe("2026-11-16");
    expect(weekStartOn("2026-11-18", 6)).toBe("2026-11-15");
    expect(weekStartOn("2026-11-18", 5)).toBe("2026-11-14");
    expect(weekStartOn("2028-02-29", 0)).toBe("2028-02-28");
    expect(weekStartOn("2028-03-01", 6)).toBe("2028-02-27");
    expect(weekStartOn("2026-11-15", 6)).toBe("2026-11-15");
    expect(weekStartOn("2026-11-15", 0)).toBe("2026-11-09");
    fc.assert(fc.property(fc.integer({ min: 0, max: 30_000 }), fc.constantFrom(0, 5, 6), (n, first) => {
      const d = addDays("2000-01-01", n);
      const s = weekStartOn(d, first);
      return weekday(s) === first && daysBetween(s, d) >= 0 && daysBetween(s, d) < 7;
    }));
  });
});
