// Which month a weekly update's figures come from (issue 28, bug 1): a week ending on a month's last day reads
// that month in every zone, UTC−11 to UTC+14, the half- and quarter-hour ones and across DST changes.
import { describe, expect, it } from "vitest";
import { addDays, instantOnDay, localDate } from "@/lib/domain/dates";
import { weekFactsAsOf } from "@/lib/domain/weekly";

// Etc/GMT±N has the sign inverted: Etc/GMT+11 is UTC−11, Etc/GMT-14 is UTC+14.
const WHOLE_HOURS = Array.from({ length: 26 }, (_, i) => i - 11).map((h) => (h === 0 ? "Etc/UTC" : `Etc/GMT${h > 0 ? "-" : "+"}${Math.abs(h)}`));
const NAMED = ["Pacific/Pago_Pago", "Pacific/Honolulu", "America/Los_Angeles", "America/New_York", "America/St_Johns", "Europe/London",
  "Asia/Kolkata", "Asia/Kathmandu", "Asia/Tokyo", "Australia/Adelaide", "Pacific/Auckland", "Pacific/Chatham", "Pacific/Kiritimati"];
const ZONES = [...WHOLE_HOURS, ...NAMED];

// Mondays of weeks that end on a month's last day: May 2026 (Auckland's reported case), February 2032 (a leap
// year ends on Sunday the 29th), and March 2024 (Europe changes its clocks that Sunday).
const WEEKS = [{ monday: "2026-05-25", month: "2026-05" }, { monday: "2032-02-23", month: "2032-02" }, { monday: "2024-03-25", month: "2024-03" }];

describe("weekFactsAsOf", () => {
  it.each(ZONES)("reads a past week's month on the week's last day in %s", (zone) => {
    for (const { monday, month } of WEEKS) {
      const now = new Date(`${addDays(monday, 30)}T12:00:00Z`); // weeks later
      const asOf = weekFactsAsOf(monday, zone, now);
      expect(localDate(asOf, zone), `${zone} ${monday}`).toBe(addDays(monday, 6));
      expect(localDate(asOf, zone).slice(0, 7)).toBe(month);
    }
  });

  it("reads now while the week is still on in the client's zone", () => {
    // Sunday 31 May 2026, 23:00 in Auckland is 11:00 UTC: still the week of the 25th there.
    const now = new Date("2026-05-31T11:00:00Z");
    expect(weekFactsAsOf("2026-05-25", "Pacific/Auckland", now)).toBe(now);
    // An hour and a bit later it is Monday 1 June there: the week is over and reads its last day.
    const later = new Date("2026-05-31T12:30:00Z");
    expect(localDate(weekFactsAsOf("2026-05-25", "Pacific/Auckland", later), "Pacific/Auckland")).toBe("2026-05-31");
  });

  it("instantOnDay lands on the day asked for in every zone", () => {
    for (const zone of ZONES) {
      for (const day of ["2026-01-01", "2026-04-05", "2026-09-27", "2026-12-31", "2028-02-29"]) {
        expect(localDate(instantOnDay(day, zone), zone), `${zone} ${day}`).toBe(day);
      }
    }
  });
});
