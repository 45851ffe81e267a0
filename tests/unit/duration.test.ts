import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { durationReadout, LogTimeForm } from "@/components/hours/log-time-form";
import { DURATION_RULE, parseDuration, readDuration } from "@/lib/domain/duration";
import { parseAmount } from "@/lib/domain/money";
import { adjustEntrySchema, logEntrySchema } from "@/lib/hours/schemas";
import type { LogTimeClient } from "@/lib/types/hours";

// Issue 28: one rule a person can predict. A bare number is hours, always; a unit says otherwise.
describe("durations people type", () => {
  it.each([
    ["1:30", 90], ["0:45", 45], ["24:00", 1440], ["1h30", 90], ["1h 30m", 90], ["1h30m", 90], ["1 hr 30 mins", 90], ["1hour30minutes", 90],
    ["1.5", 90], ["1,5", 90], ["0.25", 15], ["0.5", 30], ["90m", 90], ["90 min", 90], ["45m", 45], ["2h", 120], ["1.5h", 90], [" 2H ", 120],
    // Bare numbers are hours, up to and including 12.
    ["2", 120], ["1", 60], ["12", 720], ["8", 480],
  ])("%s = %i minutes", (text, minutes) => expect(parseDuration(text)).toBe(minutes));

  it("reads a bare number as hours on both sides of 12 (it used to switch to minutes at 13)", () => {
    // Every bare number a person may type is either its hours or a question; it never silently means minutes.
    for (let n = 1; n <= 1440; n++) {
      const r = readDuration(String(n));
      if (r.ok) expect(r.minutes, String(n)).toBe(n * 60);
      else expect(r.problem, String(n)).toBe("bare-over-12");
    }
    expect(parseDuration("12")).toBe(720);
    expect(parseDuration("13")).toBeNull();
  });

  it("asks \"Did you mean 90m?\" for a bare number above 12, in words that say the rule", () => {
    expect(readDuration("90")).toEqual({ ok: false, problem: "bare-over-12", message: "Did you mean 90m? A bare number is hours; write 90m for minutes." });
    // Up to a day, hours are possible too, and offered.
    expect(readDuration("13")).toEqual({ ok: false, problem: "bare-over-12", message: "Did you mean 13m? A bare number is hours; write 13m for minutes or 13h for hours." });
    expect(readDuration("45")).toMatchObject({ ok: false, problem: "bare-over-12" });
    expect(readDuration("12.5")).toMatchObject({ ok: false, problem: "bare-over-12", message: expect.stringContaining("write 12.5h") });
    // Each suggestion, typed as offered, is read as what it offers.
    expect(parseDuration("90m")).toBe(90);
    expect(parseDuration("13h")).toBe(780);
    expect(parseDuration("12.5h")).toBe(750);
  });

  it.each(["1.5h30", "1,5h30", "1.5h30m", "1h2h", "1h 2h", "1h 2hrs", "2h1h30", "0.5h15"])("%s gives hours twice and is refused", (text) => {
    expect(readDuration(text)).toMatchObject({ ok: false, problem: "two-hour-parts", message: expect.stringContaining("gives hours twice") });
  });

  it("says what to write when the minutes after the hours go past 59", () => {
    expect(readDuration("1h70")).toEqual({ ok: false, problem: "minutes-over-59", message: "Minutes after the hours go up to 59: write 2h10 for 2h 10m." });
    expect(readDuration("1:75")).toMatchObject({ ok: false, problem: "minutes-over-59" });
  });

  it.each(["", "abc", "0", "0:00", "1:75", "-1", "-30m", "25h", "1.01", "13.5", "1h70", "1e3", "99999m", "9999m", "1;30", "2000", "45", "120", "1.5h30", "1".repeat(40)])(
    "%s is not a duration", (text) => expect(parseDuration(text)).toBeNull(),
  );

  it("refuses through the log schema with the same words", () => {
    const entry = { clientId: "8d3c2f1e-1111-4222-8333-444455556666", workDate: "2026-11-18", category: "build", description: "Built the order import" };
    const refused = (minutes: string) => logEntrySchema.safeParse({ ...entry, minutes }).error?.issues.map((i) => i.message);
    expect(refused("90")).toEqual(["Did you mean 90m? A bare number is hours; write 90m for minutes."]);
    expect(refused("1.5h30")).toEqual(['"1.5h30" gives hours twice. Write one duration, like 1h30 or 1.5h.']);
    expect(refused("lots")).toEqual(["Enter a duration like 1h30, 1:30, 1.5 (hours) or 45m, up to 24 hours."]);
    expect(logEntrySchema.parse({ ...entry, minutes: "1.5" }).minutes).toBe(90);
    expect(logEntrySchema.parse({ ...entry, minutes: "13h" }).minutes).toBe(780);
  });

  it("reads a correction's number by the same rule, keeping its sign in the question", () => {
    const correction = { clientId: "8d3c2f1e-1111-4222-8333-444455556666", entryId: "8d3c2f1e-1111-4222-8333-444455556667", workDate: "2026-11-18", description: "Correction: counted twice" };
    expect(adjustEntrySchema.parse({ ...correction, minutes: "-1.5" }).minutes).toBe(-90);
    expect(adjustEntrySchema.parse({ ...correction, minutes: "-30m" }).minutes).toBe(-30);
    expect(adjustEntrySchema.parse({ ...correction, minutes: "+0:15" }).minutes).toBe(15);
    expect(adjustEntrySchema.safeParse({ ...correction, minutes: "-30" }).error?.issues.map((i) => i.message))
      .toEqual(["Did you mean -30m? A bare number is hours; write -30m for minutes."]);
    expect(adjustEntrySchema.safeParse({ ...correction, minutes: "lots" }).error?.issues.map((i) => i.message))
      .toEqual(["Enter the correction like -1:30 (hours removed) or +30m (hours added)."]);
  });
});

describe("amounts people type", () => {
  it.each([
    ["4000", 2, 400_000], ["4,000.50", 2, 400_050], ["$225", 2, 22_500], ["0.5", 2, 50], ["600000", 0, 600_000], ["1.234", 3, 1234],
  ])("%s with %i digits = %i", (text, digits, minor) => expect(parseAmount(text, digits)).toBe(minor));

  it.each([["1.234", 2], ["12.5", 0], ["-5", 2], ["abc", 2], ["", 2], ["1e5", 2]])("%s with %i digits is refused", (text, digits) =>
    expect(parseAmount(text, digits)).toBeNull(),
  );
});

describe("the log-time dialog", () => {
  it("shows what a duration will be saved as, or the question, while it is typed", () => {
    expect(durationReadout("1h30")).toEqual({ reading: "= 1h 30m", problem: null });
    expect(durationReadout("1.5")).toEqual({ reading: "= 1h 30m", problem: null });
    expect(durationReadout("2")).toEqual({ reading: "= 2h", problem: null });
    expect(durationReadout("45m")).toEqual({ reading: "= 45m", problem: null });
    expect(durationReadout("90")).toEqual({ reading: null, problem: "Did you mean 90m? A bare number is hours; write 90m for minutes." });
    expect(durationReadout("1.5h30")).toEqual({ reading: null, problem: '"1.5h30" gives hours twice. Write one duration, like 1h30 or 1.5h.' });
    // Nothing yet, or half-typed: no warning, the rule stays on show.
    expect(durationReadout("")).toEqual({ reading: null, problem: null });
    expect(durationReadout("1:")).toEqual({ reading: null, problem: null });
  });

  it("puts the description right after the duration, then the date, category and roadmap item (Tab order is this order)", () => {
    const client: LogTimeClient = { id: "c1", name: "Kiwi Freight Co.", today: "2026-11-18", items: [{ id: "i1", title: "ETA texts" }] };
    const html = renderToStaticMarkup(createElement(LogTimeForm, {
      clients: [client], action: async () => null, defaultClientId: "c1", onClose: () => {}, onSaved: () => {},
    }));
    // Every focusable control, in document order, by its label; none sets a tabindex that would reorder them.
    expect(html).not.toMatch(/tabindex="[1-9]/i);
    const labels = [...html.matchAll(/<label[^>]*for="([^"]+)"[^>]*>([^<]+)</g)].map((m) => [m[1], m[2]] as const);
    const controls = [...html.matchAll(/<(?:input|select)[^>]*id="([^"]+)"/g)].map((m) => labels.find(([id]) => id === m[1])?.[1]).filter(Boolean);
    expect(controls).toEqual(["Duration", "What did you do?", "Date", "Category", "Roadmap item"]);
    expect(html).toContain(DURATION_RULE); // the rule, under the field, before anything is typed
  });
});
