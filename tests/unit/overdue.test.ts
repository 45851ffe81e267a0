// "Overdue" (issue 27): an invoice still to be paid, past its due date in the client's zone by the app clock.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, localDate } from "@/lib/domain/dates";
import { displayStatus, INVOICE_STATUSES, type InvoiceStatus } from "@/lib/domain/invoice-status";

const open = (dueDate: string | null, status: InvoiceStatus = "open") => ({ status, dueDate });

describe("displayStatus", () => {
  it.each([
    // due date, today, reads
    ["2026-01-31", "2026-01-30", "open"],
    ["2026-01-31", "2026-01-31", "open"], // the due date itself is still on time
    ["2026-01-31", "2026-02-01", "overdue"], // January's last day → February's first
    ["2026-02-28", "2026-03-01", "overdue"], // no 29th in 2026
    ["2026-04-30", "2026-05-01", "overdue"],
    ["2026-12-31", "2026-12-31", "open"],
    ["2026-12-31", "2027-01-01", "overdue"], // across the year
    ["2028-02-28", "2028-02-29", "overdue"], // leap day: the 28th is no longer the last day
    ["2028-02-29", "2028-02-28", "open"],
    ["2028-02-29", "2028-02-29", "open"], // due on the leap day, on time on it
    ["2028-02-29", "2028-03-01", "overdue"],
  ])("an open invoice due %s reads %s on %s", (due, today, reads) => {
    expect(displayStatus(open(due), today)).toBe(reads);
  });

  it("counts the client's calendar day, not UTC's", () => {
    // 20:00 UTC on 30 November is 09:00 on 1 December in Auckland (NZDT, UTC+13).
    const now = new Date("2026-11-30T20:00:00Z");
    const auckland = localDate(now, "Pacific/Auckland");
    const utc = localDate(now, "UTC");
    expect([auckland, utc]).toEqual(["2026-12-01", "2026-11-30"]);
    // Due on 1 December: today in Auckland, still tomorrow in UTC. On time either way.
    expect(displayStatus(open("2026-12-01"), auckland)).toBe("open");
    // Due on 30 November: yesterday in Auckland (overdue there), today in UTC (where it would not be yet).
    expect(displayStatus(open("2026-11-30"), auckland)).toBe("overdue");
    expect(displayStatus(open("2026-11-30"), utc)).toBe("open");
    // And the other way round: at 05:00 UTC on 1 December it is still 30 November in Honolulu.
    const honolulu = localDate(new Date("2026-12-01T05:00:00Z"), "Pacific/Honolulu");
    expect(honolulu).toBe("2026-11-30");
    expect(displayStatus(open("2026-11-30"), honolulu)).toBe("open");
  });

  it("is overdue only for invoices still to be paid: open or uncollectible; paid, void and draft never", () => {
    const due = "2026-11-10";
    const today = "2027-01-01";
    expect(Object.fromEntries(INVOICE_STATUSES.map((s) => [s, displayStatus(open(due, s), today)]))).toEqual({
      draft: "draft", open: "overdue", paid: "paid", void: "void", uncollectible: "overdue",
    });
  });

  it("needs a due date", () => {
    expect(displayStatus(open(null), "2030-01-01")).toBe("open");
    expect(displayStatus(open(null, "uncollectible"), "2030-01-01")).toBe("uncollectible");
  });

  it("reads overdue exactly when the invoice is unpaid and today is after the due date", () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays("2026-01-01", n));
    fc.assert(fc.property(fc.constantFrom(...INVOICE_STATUSES), day, day, (status, due, today) => {
      const reads = displayStatus({ status, dueDate: due }, today);
      const unpaid = status === "open" || status === "uncollectible";
      expect(reads).toBe(unpaid && today > due ? "overdue" : status);
      if (reads === "overdue") expect(displayStatus({ status, dueDate: due }, addDays(today, 1))).toBe("overdue"); // stays overdue
    }));
  });
});
