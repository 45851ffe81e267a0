// Where a month stands (running, waiting for its invoice, closed) and what the dashboard's cards may cut.
import { describe, expect, it } from "vitest";
import { awaitingInvoice, monthPhase } from "@/lib/domain/month-phase";
import { computeStatements, type Terms } from "@/lib/domain/retainer";
import { markdownExcerpt } from "@/lib/format/excerpt";

const terms: Terms[] = [{
  effectiveMonth: "2026-09-01", includedMinutes: 1200, monthlyFeeCents: 400_000, overageRateCentsPerHour: 22_500,
  overageIncrementMinutes: 15, rolloverCapMinutes: 600, rolloverExpiryMonths: 2, overagePreapprovedMinutes: 240,
}];
const entries = [
  { workDate: "2026-09-10", minutes: 600, billable: true, voided: false },
  { workDate: "2026-10-12", minutes: 2000, billable: true, voided: false }, // 20h included + 10h rolled over: 3h 20m over
  { workDate: "2026-11-03", minutes: 60, billable: true, voided: false },
];

describe("monthPhase", () => {
  const closed = new Set(["2026-09-01"]);
  it("tells running, ended and closed months apart", () => {
    expect(monthPhase("2026-09-01", "2026-11-01", closed)).toBe("closed");
    expect(monthPhase("2026-10-01", "2026-11-01", closed)).toBe("awaiting_invoice");
    expect(monthPhase("2026-11-01", "2026-11-01", closed)).toBe("in_progress");
  });
});

describe("awaitingInvoice", () => {
  const history = computeStatements(terms, entries, "2026-11-01");

  it("lists ended months without an invoice, with the total their statement bills", () => {
    const october = history.find((s) => s.month === "2026-10-01")!;
    expect(awaitingInvoice(history, "2026-11-01", "2026-11-01", new Set(["2026-09-01"]))).toEqual([
      { month: "2026-10-01", invoiceOn: "2026-11-01", totalCents: october.totalCents },
    ]);
    expect(october.totalCents).toBeGreaterThan(400_000); // fee plus overage
  });

  it("is due at the next daily run when the close was missed, oldest month first", () => {
    expect(awaitingInvoice(history, "2026-11-01", "2026-11-04", new Set()).map((a) => [a.month, a.invoiceOn])).toEqual([
      ["2026-09-01", "2026-11-04"], ["2026-10-01", "2026-11-04"],
    ]);
  });

  it("is empty once every ended month is closed, and never lists the month in progress", () => {
    expect(awaitingInvoice(history, "2026-11-01", "2026-11-20", new Set(["2026-09-01", "2026-10-01"]))).toEqual([]);
  });
});

describe("markdownExcerpt", () => {
  const body = [
    "This week's work focused on Order import.",
    "### Highlights\n- Order import: parser\n- Order import: review screen",
    "### By the numbers\n- **6h** of work this week",
    "### Next week\n- Continue with ETA texts.",
  ].join("\n\n");

  it("keeps whole blocks and never ends on a heading", () => {
    const short = markdownExcerpt(body, 60);
    expect(short).toEqual({ text: "This week's work focused on Order import.", cut: true });
    const some = markdownExcerpt(body, 140);
    expect(some.text.endsWith("- Order import: review screen")).toBe(true);
    expect(some.cut).toBe(true);
    expect(markdownExcerpt(body, 10_000)).toEqual({ text: body, cut: false });
  });

  it("drops a heading left without its content, and keeps a fenced block whole", () => {
    const md = "Intro line\n\n## Section\n\n" + "x".repeat(200);
    expect(markdownExcerpt(md, 40)).toEqual({ text: "Intro line", cut: true });
    const fenced = "```\na\n\nb\n```\n\nAfter";
    expect(markdownExcerpt(fenced, 12).text).toBe("```\na\n\nb\n```");
  });
});
