// The handbook's readable diff (issue 26): line by line, long unchanged runs folded with their context kept.
import { describe, expect, it } from "vitest";
import { lineDiff } from "@/lib/domain/handbook";

const lines = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `line ${from + i}`).join("\n");

describe("lineDiff", () => {
  it("shows a first version as every line added", () => {
    expect(lineDiff("", "# Title\n\nBody")).toEqual([{ kind: "added", text: "# Title" }, { kind: "added", text: "" }, { kind: "added", text: "Body" }]);
  });

  it("shows nothing changed for the same text, folded", () => {
    expect(lineDiff(lines(20), lines(20))).toEqual([{ kind: "skipped", lines: 20 }]);
  });

  it("keeps three lines of context each side of a change and folds the rest", () => {
    const before = lines(20);
    const after = before.replace("line 10", "line ten");
    const diff = lineDiff(before, after);
    expect(diff).toEqual([
      { kind: "skipped", lines: 6 },
      { kind: "same", text: "line 7" }, { kind: "same", text: "line 8" }, { kind: "same", text: "line 9" },
      { kind: "removed", text: "line 10" }, { kind: "added", text: "line ten" },
      { kind: "same", text: "line 11" }, { kind: "same", text: "line 12" }, { kind: "same", text: "line 13" },
      { kind: "skipped", lines: 7 },
    ]);
  });

  it("does not show the last line as changed when a line is added after it", () => {
    expect(lineDiff("a\nb", "a\nb\nc")).toEqual([{ kind: "same", text: "a" }, { kind: "same", text: "b" }, { kind: "added", text: "c" }]);
  });
});

describe("lineDiff, of text from a browser", () => {
  it("reads CRLF as LF", () => {
    expect(lineDiff("a\r\nb", "a\nb\r\nc")).toEqual([{ kind: "same", text: "a" }, { kind: "same", text: "b" }, { kind: "added", text: "c" }]);
  });
});

describe("lineDiff, of two long and wholly different versions", () => {
  it("gives up past 2,000 changed lines and shows the old removed and the new added, at once", () => {
    const before = Array.from({ length: 6000 }, (_, i) => `a${i}`).join("\n");
    const after = Array.from({ length: 6000 }, (_, i) => `b${i}`).join("\n");
    const diff = lineDiff(before, after); // unbounded, this diff took about 10 s
    expect(diff.filter((l) => l.kind === "removed")).toHaveLength(6000);
    expect(diff.filter((l) => l.kind === "added")).toHaveLength(6000);
    expect(diff[0]).toEqual({ kind: "removed", text: "a0" });
    expect(diff.at(-1)).toEqual({ kind: "added", text: "b5999" });
  });
});
