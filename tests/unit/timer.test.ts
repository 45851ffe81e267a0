// The timer's rule (lib/domain/timer): what stopping saves, for the day it started in the client's zone, at
// month ends, a leap day and both DST changes, with startOfDay (lib/domain/dates) where midnight itself is skipped.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { localDate, startOfDay } from "@/lib/domain/dates";
import { readTimer } from "@/lib/domain/timer";

const at = (iso: string) => new Date(iso);
const later = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);

describe("startOfDay", () => {
  it("is local midnight, or the first instant of a day whose midnight a DST change skips", () => {
    expect(startOfDay("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(startOfDay("2028-02-29", "Pacific/Auckland").toISOString()).toBe("2028-02-28T11:00:00.000Z");
    expect(startOfDay("2026-12-31", "UTC").toISOString()).toBe("2026-12-31T00:00:00.000Z");
    // Chile springs forward at midnight: 6 September 2026 starts at 01:00 local.
    expect(startOfDay("2026-09-06", "America/Santiago").toISOString()).toBe("2026-09-06T04:00:00.000Z");
  });

  it("is on the day, and a millisecond before it is the day before, in any zone", () => {
    const zones = ["UTC", "America/New_York", "Europe/London", "Asia/Kolkata", "Pacific/Auckland", "America/Santiago", "Australia/Lord_Howe", "Pacific/Chatham"];
    fc.assert(fc.property(fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 11, 31) }), fc.constantFrom(...zones), (ms, zone) => {
      const day = localDate(new Date(ms), zone);
      const s = startOfDay(day, zone);
      return localDate(s, zone) === day && localDate(new Date(s.getTime() - 1), zone) < day;
    }), { numRuns: 300 });
  });
});

describe("readTimer", () => {
  it("saves what ran, rounded up to whole minutes and at least one, without asking", () => {
    const start = at("2026-12-07T09:00:00Z");
    expect(readTimer({ startedAt: start, now: start, zone: "UTC" })).toEqual({ workDate: "2026-12-07", elapsedMinutes: 1, capMinutes: 900, minutes: 1, ask: null });
    expect(readTimer({ startedAt: start, now: new Date(start.getTime() + 61_000), zone: "UTC" }).minutes).toBe(2);
    expect(readTimer({ startedAt: start, now: later(start, 600), zone: "UTC" })).toMatchObject({ minutes: 600, ask: null });
  });

  it("asks past 10 hours on the same day", () => {
    const start = at("2026-12-07T06:00:00Z");
    expect(readTimer({ startedAt: start, now: later(start, 601), zone: "UTC" })).toMatchObject({ minutes: 601, ask: "long" });
  });

  it("asks past midnight in the client's zone, and caps at the rest of the start's day: a month's and a year's end", () => {
    const start = at("2026-12-31T23:30:00Z");
    expect(readTimer({ startedAt: start, now: later(start, 45), zone: "UTC" })).toEqual({
      workDate: "2026-12-31", elapsedMinutes: 45, capMinutes: 30, minutes: 30, ask: "past-midnight",
    });
    // The same instants in Auckland (13 hours ahead) are the morning of 1 January: no midnight crossed there.
    expect(readTimer({ startedAt: start, now: later(start, 45), zone: "Pacific/Auckland" })).toMatchObject({ workDate: "2027-01-01", minutes: 45, ask: null });
  });

  it("a leap day: a timer started at 23:00 on 29 February in Auckland holds an hour of that day", () => {
    const start = at("2028-02-29T10:00:00Z"); // 23:00 NZDT
    expect(readTimer({ startedAt: start, now: later(start, 90), zone: "Pacific/Auckland" })).toMatchObject({
      workDate: "2028-02-29", capMinutes: 60, minutes: 60, ask: "past-midnight",
    });
  });

  it("DST: a day of 23 hours caps at 23; a day of 25 at 24 (an entry's most)", () => {
    const spring = startOfDay("2026-03-08", "America/New_York");
    expect(readTimer({ startedAt: spring, now: later(spring, 30 * 60), zone: "America/New_York" })).toMatchObject({ workDate: "2026-03-08", capMinutes: 23 * 60, ask: "past-midnight" });
    const fall = startOfDay("2026-11-01", "America/New_York");
    expect(readTimer({ startedAt: fall, now: later(fall, 24 * 60 + 30), zone: "America/New_York" })).toMatchObject({ workDate: "2026-11-01", capMinutes: 24 * 60, minutes: 24 * 60, ask: "long" });
  });

  it("never saves more than its day holds or than ran, and asks whenever it crossed midnight or 10 hours", () => {
    fc.assert(fc.property(
      fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 11, 31) }), fc.integer({ min: 0, max: 3 * 24 * 60 }),
      fc.constantFrom("UTC", "America/New_York", "Pacific/Auckland", "Asia/Kathmandu", "America/Santiago"),
      (ms, ran, zone) => {
        const startedAt = new Date(ms);
        const now = later(startedAt, ran);
        const r = readTimer({ startedAt, now, zone });
        const crossed = localDate(now, zone) !== localDate(startedAt, zone);
        return r.minutes <= r.capMinutes && r.minutes <= Math.max(1, ran) && r.capMinutes <= 24 * 60 && r.minutes >= 1
          && r.workDate === localDate(startedAt, zone)
          && (r.ask === null) === (!crossed && r.elapsedMinutes <= 600)
          && localDate(later(startedAt, r.capMinutes - 1), zone) === r.workDate;
      },
    ), { numRuns: 500 });
  });
});
