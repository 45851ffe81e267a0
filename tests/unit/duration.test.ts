import { describe, expect, it } from "vitest";
import { parseDuration } from "@/lib/domain/duration";
import { parseAmount } from "@/lib/domain/money";

describe("durations people type", () => {
  it.each([
    ["1:30", 90], ["0:45", 45], ["1h30", 90], ["1h 30m", 90], ["1h30m", 90], ["1.5", 90], ["1,5", 90], ["0.25", 15],
    ["90m", 90], ["90 min", 90], ["2h", 120], ["2", 120], ["12", 720], ["45", 45], ["120", 120], ["1.5h", 90], [" 2H ", 120],
  ])("%s = %i minutes", (text, minutes) => expect(parseDuration(text)).toBe(minutes));

  it.each(["", "abc", "0", "0:00", "1:75", "-1", "-30m", "25h", "1.01", "13.5", "1h70", "1e3", "99999m", "1;30"])(
    "%s is not a duration", (text) => expect(parseDuration(text)).toBeNull(),
  );
});

describe("amounts people type", () => {
  it.each([
    ["4000", 2, 400_000], ["4,000.50", 2, 400_050], ["$225", 2, 22_500], ["0.5", 2, 50], ["600000", 0, 600_000], ["1.234", 3, 1234],
  ])("%s with %i digits = %i", (text, digits, minor) => expect(parseAmount(text, digits)).toBe(minor));

  it.each([["1.234", 2], ["12.5", 0], ["-5", 2], ["abc", 2], ["", 2], ["1e5", 2]])("%s with %i digits is refused", (text, digits) =>
    expect(parseAmount(text, digits)).toBeNull(),
  );
});
