// The roadmap's flags and planned work (issue 28, item 18): overdue once the target month has ended in the
// client's zone, "started" for a planned item with time logged, and the open estimates against the retainer.
import { describe, expect, it } from "vitest";
import { localDate } from "@/lib/domain/dates";
import { itemFlags, plannedWork, type FlaggableItem } from "@/lib/domain/roadmap";

const item = (over: Partial<FlaggableItem> = {}): FlaggableItem => ({ status: "in_progress", targetMonth: "2026-11-01", actualMinutes: 0, ...over });

describe("itemFlags", () => {
  it.each([
    // status, target, today, overdue
    ["in_progress", "2026-11-01", "2026-11-30", false], // the target month's last day: still on time
    ["in_progress", "2026-11-01", "2026-12-01", true], // the 1st of the next month: overdue
    ["planned", "2026-10-01", "2026-12-15", true],
    ["planned", "2027-01-01", "2026-12-15", false],
    ["shipped", "2026-10-01", "2026-12-15", false],
    ["dropped", "2026-10-01", "2026-12-15", false],
    ["proposed", "2026-10-01", "2026-12-15", false], // a proposal is not a commitment
  ] as const)("%s targeted %s on %s: overdue %s", (status, targetMonth, today, overdue) => {
    expect(itemFlags(item({ status, targetMonth }), today).overdue).toBe(overdue);
  });

  it("an item with no target month is never overdue", () => {
    expect(itemFlags(item({ targetMonth: null }), "2030-01-01").overdue).toBe(false);
  });

  it("uses the client's date: the same instant is December in Auckland and still November in Honolulu", () => {
    const instant = new Date("2026-11-30T12:00:00Z");
    const nov = item({ targetMonth: "2026-11-01" });
    expect(itemFlags(nov, localDate(instant, "Pacific/Auckland")).overdue).toBe(true); // Dec 1, 01:00
    expect(itemFlags(nov, localDate(instant, "Pacific/Honolulu")).overdue).toBe(false); // Nov 30, 02:00
    expect(itemFlags(nov, localDate(instant, "Pacific/Kiritimati")).overdue).toBe(true); // UTC+14
    expect(itemFlags(nov, localDate(instant, "Pacific/Pago_Pago")).overdue).toBe(false); // UTC−11
  });

  it("a planned item with time logged is started; in progress, shipped or untouched ones are not", () => {
    expect(itemFlags(item({ status: "planned", actualMinutes: 735 }), "2026-11-18").started).toBe(true);
    expect(itemFlags(item({ status: "planned", actualMinutes: 0 }), "2026-11-18").started).toBe(false);
    expect(itemFlags(item({ status: "in_progress", actualMinutes: 735 }), "2026-11-18").started).toBe(false);
    expect(itemFlags(item({ status: "shipped", actualMinutes: 735 }), "2026-11-18").started).toBe(false);
  });
});

describe("plannedWork", () => {
  const items = [
    { status: "in_progress", targetMonth: null, estimateMinutes: 24 * 60, actualMinutes: 10 * 60 }, // 14h left
    { status: "planned", targetMonth: null, estimateMinutes: 16 * 60, actualMinutes: 20 * 60 }, // over: 0 left, not −4h
    { status: "planned", targetMonth: null, estimateMinutes: null, actualMinutes: 60 }, // no estimate
    { status: "shipped", targetMonth: null, estimateMinutes: 8 * 60, actualMinutes: 8 * 60 },
    { status: "proposed", targetMonth: null, estimateMinutes: 6 * 60, actualMinutes: 0 },
    { status: "dropped", targetMonth: null, estimateMinutes: 15 * 60, actualMinutes: 0 },
  ] as const;

  it("sums the open items' estimates, what is logged against them and what is left, per item never below 0", () => {
    expect(plannedWork(items, 20 * 60)).toEqual({
      openItems: 3, estimatedItems: 2, estimatedMinutes: 40 * 60, loggedMinutes: 30 * 60, remainingMinutes: 14 * 60,
      includedMinutes: 20 * 60, monthsOfRetainerHundredths: 70,
    });
  });

  it("has no months of retainer without terms or with a zero-hour retainer", () => {
    expect(plannedWork(items, null).monthsOfRetainerHundredths).toBeNull();
    expect(plannedWork(items, 0).monthsOfRetainerHundredths).toBeNull();
  });

  it("is all zeros for an empty roadmap", () => {
    expect(plannedWork([], 30 * 60)).toMatchObject({ openItems: 0, estimatedMinutes: 0, remainingMinutes: 0, monthsOfRetainerHundredths: 0 });
  });
});
