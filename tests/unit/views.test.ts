// The logic the page views (lib/pages) took out of pages and components: the engineer home's ranking, the
// ledger's totals, an invoice explained entry by entry, the saved facts of a weekly update read once, the
// roadmap's timeline, and the invoices a close just issued.
import { describe, expect, it } from "vitest";
import { issuedIds, justIssued } from "@/lib/billing/issued";
import { attention, rankByAttention, usedRatio } from "@/lib/domain/attention";
import type { Forecast } from "@/lib/domain/forecast";
import { explainEntries, ledgerTotals } from "@/lib/domain/ledger";
import { statementFor, type MonthStatement, type Terms } from "@/lib/domain/retainer";
import { timelineGroups } from "@/lib/domain/timeline";
import { factEntriesById, shownFacts } from "@/lib/domain/update-facts";

const terms = (over: Partial<Terms> = {}): Terms => ({
  effectiveMonth: "2026-01-01", includedMinutes: 1200, monthlyFeeCents: 400_000, overageRateCentsPerHour: 15_000, overageIncrementMinutes: 15,
  rolloverCapMinutes: 0, rolloverExpiryMonths: 0, overagePreapprovedMinutes: 0, ...over,
});
/** A month with `used` of `available` minutes and a forecast (credible unless said otherwise). */
const month = (used: number, available: number, projected = used, credible = true) => ({
  statement: { usedMinutes: used, availableMinutes: available } as MonthStatement,
  forecast: { credible, projectedMinutes: projected } as Forecast,
});

describe("attention on the engineer home", () => {
  it("labels each month: over, overage risk, past 80%, on track, hourly, no terms", () => {
    expect(attention(month(1300, 1200))).toEqual({ rank: 0, tone: "red", label: "Over" });
    expect(attention(month(600, 1200, 1500))).toEqual({ rank: 1, tone: "amber", label: "Overage risk" });
    expect(attention(month(1000, 1200))).toEqual({ rank: 2, tone: "amber", label: "Past 80%" });
    expect(attention(month(300, 1200))).toEqual({ rank: 3, tone: "green", label: "On track" });
    expect(attention(month(300, 0))).toEqual({ rank: 3, tone: "slate", label: "Hourly" });
    expect(attention({ statement: null, forecast: null })).toEqual({ rank: 4, tone: "slate", label: "No terms" });
  });

  it("flags heading over only on a credible forecast", () => {
    expect(attention(month(600, 1200, 1500, false)).label).toBe("On track");
  });

  it("ranks the most urgent first, the fuller month first within a rank, no terms last", () => {
    const clients = ["none", "calm", "over", "fuller-calm", "risk", "past80"];
    const months = [
      { statement: null, forecast: null }, month(100, 1200), month(1300, 1200), month(700, 1200), month(600, 1200, 1300), month(1000, 1200),
    ];
    expect(rankByAttention(clients, months).map((r) => r.client)).toEqual(["over", "risk", "past80", "fuller-calm", "calm", "none"]);
    expect(usedRatio(month(300, 1200))).toBe(0.25);
    expect(usedRatio(month(300, 0))).toBe(0);
  });
});

describe("ledger totals", () => {
  const e = (minutes: number, billable: boolean, voided = false) => ({ minutes, billable, voidedAt: voided ? new Date("2026-01-05T00:00:00Z") : null });

  it("add the live entries' minutes by billable and count voided entries apart", () => {
    expect(ledgerTotals([e(60, true), e(30, true), e(45, false), e(90, true, true), e(15, false, true), e(-15, true)])).toEqual({
      billableMinutes: 75, correctionMinutes: 0, nonBillableMinutes: 45, entries: 4, voided: 2,
    });
  });

  it("keep corrections of closed months apart: they re-price the month they correct, not this one", () => {
    const correction = (minutes: number, voided = false) => ({ ...e(minutes, true, voided), adjustsEntryId: "original" });
    expect(ledgerTotals([e(600, true), correction(-120), correction(30, true), e(45, false)])).toEqual({
      billableMinutes: 600, correctionMinutes: -120, nonBillableMinutes: 45, entries: 3, voided: 1,
    });
    expect(ledgerTotals([])).toEqual({ billableMinutes: 0, correctionMinutes: 0, nonBillableMinutes: 0, entries: 0, voided: 0 });
  });
});

describe("an invoice explained entry by entry", () => {
  it("walks the live billable entries oldest first against the statement", () => {
    const s = statementFor([terms({ includedMinutes: 120 })], [{ workDate: "2026-01-02", minutes: 180, billable: true, voided: false }], "2026-01-01")!;
    const newestFirst = [
      { id: "c", minutes: 90, billable: true, voidedAt: null },
      { id: "void", minutes: 500, billable: true, voidedAt: new Date() },
      { id: "nb", minutes: 60, billable: false, voidedAt: null },
      { id: "a", minutes: 90, billable: true, voidedAt: null },
    ];
    const rows = explainEntries(s, newestFirst);
    expect(rows.map((r) => [r.entry.id, r.runningMinutes, r.fromIncludedMinutes, r.overageMinutes])).toEqual([["a", 90, 90, 0], ["c", 180, 30, 60]]);
    expect(explainEntries(null, newestFirst)).toEqual([]);
    const withCorrection = [{ id: "fix", minutes: -60, billable: true, voidedAt: null, adjustsEntryId: "x" }, ...newestFirst];
    expect(explainEntries(s, withCorrection).map((r) => r.entry.id)).toEqual(["a", "c"]);
  });
});

describe("a weekly update's saved facts", () => {
  const entry = { id: "e1", date: "2026-01-05", minutes: 90, description: "Fixed the sync", category: "build", billable: true };

  it("read totals and the cited entries from what the draft saved", () => {
    const facts = shownFacts({ clientName: "Acme", totalMinutes: 150, billableMinutes: 90, entries: [entry, { ...entry, id: "e2", minutes: 60 }] });
    expect(facts).toEqual({
      totalMinutes: 150, billableMinutes: 90,
      entries: [{ id: "e1", date: "2026-01-05", minutes: 90, description: "Fixed the sync" }, { id: "e2", date: "2026-01-05", minutes: 60, description: "Fixed the sync" }],
    });
    expect(factEntriesById(facts).get("e2")?.minutes).toBe(60);
  });

  it("read empty or malformed facts as nothing rather than failing the page", () => {
    const nothing = { totalMinutes: 0, billableMinutes: 0, entries: [] };
    for (const v of [{}, null, undefined, "text", [], { totalMinutes: "150", entries: "many" }]) expect(shownFacts(v)).toEqual(nothing);
    expect(shownFacts({ entries: [entry, { id: "e3" }, null, 7] }).entries.map((e) => e.id)).toEqual(["e1"]);
  });
});

describe("the roadmap timeline", () => {
  it("groups by target month, earliest first and by position within a month, no target month last", () => {
    const item = (id: string, targetMonth: string | null, position: number) => ({ id, targetMonth, position });
    const groups = timelineGroups([item("x", null, 1), item("b", "2026-03-01", 2), item("a", "2026-02-01", 5), item("c", "2026-03-01", 1)]);
    expect(groups.map(([m, list]) => [m, list.map((i) => i.id)])).toEqual([["2026-02-01", ["a"]], ["2026-03-01", ["c", "b"]], ["", ["x"]]]);
    expect(timelineGroups([])).toEqual([]);
  });
});

describe("the invoices a close just issued", () => {
  const a = "0b4e4a8e-6f7c-4d3a-9a41-2f6d1c1e9b01";
  const b = "5d2c9f1a-3b8e-4c7d-8e2f-6a1b0c9d8e7f";

  it("are the valid ids of the issued param, among the invoices the caller reads", () => {
    const ids = issuedIds(`${a},not-an-id,,${b}`);
    expect([...ids]).toEqual([a, b]);
    expect(issuedIds(undefined).size).toBe(0);
    expect(justIssued([{ id: b }, { id: "other" }, { id: a }], ids)).toEqual([{ id: b }, { id: a }]);
  });
});
