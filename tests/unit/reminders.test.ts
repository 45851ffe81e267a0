// The reminder ladder (issue 27): which rung is due given the due date, the client's day, the rungs sent and
// the practice's ladder; late runs send only the highest rung reached; never for anything but an open invoice,
// nor for a Stripe invoice while Stripe sends its own. Days are calendar days of the client's zone.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, localDate } from "@/lib/domain/dates";
import { INVOICE_STATUSES } from "@/lib/domain/invoice-status";
import { dueRung, nextReminder, remindable } from "@/lib/domain/reminders";
import { reminderDaysField } from "@/lib/billing/schemas";

const LADDER = [3, 7, 14];

describe("dueRung", () => {
  it.each([
    // due date, today, sent, rung due (null: none)
    ["2026-12-01", "2026-12-01", [], null], // the due date itself
    ["2026-12-01", "2026-12-03", [], null], // 2 days over
    ["2026-12-01", "2026-12-04", [], 3],
    ["2026-12-01", "2026-12-05", [3], null], // sent yesterday
    ["2026-12-01", "2026-12-08", [3], 7],
    ["2026-12-01", "2026-12-08", [3, 7], null], // a rerun the same day
    ["2026-12-01", "2026-12-15", [3, 7], 14],
    ["2026-12-01", "2027-03-01", [3, 7, 14], null], // the ladder is done
    // Late runs: only the highest rung reached, never the missed ones below it.
    ["2026-12-01", "2026-12-20", [], 14],
    ["2026-12-01", "2026-12-10", [], 7],
    ["2026-12-01", "2026-12-20", [3], 14],
    ["2026-12-01", "2026-12-30", [14], null],
    // Month ends, the year's end and leap days: calendar days, whatever the month's length.
    ["2026-01-31", "2026-02-03", [], 3],
    ["2026-02-28", "2026-03-03", [], 3], // 2026 has no February 29th
    ["2028-02-28", "2028-03-02", [], 3], // 2028 does: Feb 29, Mar 1, Mar 2
    ["2028-02-28", "2028-03-01", [], null],
    ["2028-02-29", "2028-03-03", [], 3],
    ["2026-12-29", "2027-01-01", [], 3],
  ] as const)("due %s, today %s, sent %j: rung %s", (dueDate, today, sent, rung) => {
    const due = dueRung({ ladder: LADDER, dueDate, today, sent });
    expect(due?.rung ?? null).toBe(rung);
  });

  it("counts days overdue on the client's calendar, across a DST change", () => {
    // Due Nov 1 2026 in New York; the clocks went back that night. 10:00 UTC on Nov 4 is 05:00 there: day 3.
    const today = localDate(new Date("2026-11-04T10:00:00Z"), "America/New_York");
    expect(dueRung({ ladder: LADDER, dueDate: "2026-11-01", today, sent: [] })).toEqual({ rung: 3, daysOverdue: 3 });
    // 03:00 UTC on Nov 4 is still Nov 3 in New York: not yet.
    expect(dueRung({ ladder: LADDER, dueDate: "2026-11-01", today: localDate(new Date("2026-11-04T03:00:00Z"), "America/New_York"), sent: [] })).toBeNull();
    // Auckland is already on the 4th at 12:00 UTC on the 3rd (NZDT, +13).
    expect(dueRung({ ladder: LADDER, dueDate: "2026-11-01", today: localDate(new Date("2026-11-03T12:00:00Z"), "Pacific/Auckland"), sent: [] })?.rung).toBe(3);
  });

  it("never sends a rung below one already sent, when the ladder changed since", () => {
    expect(dueRung({ ladder: [5, 10], dueDate: "2026-12-01", today: "2026-12-09", sent: [7] })).toBeNull();
    expect(dueRung({ ladder: [5, 10], dueDate: "2026-12-01", today: "2026-12-11", sent: [7] })?.rung).toBe(10);
    expect(dueRung({ ladder: [], dueDate: "2026-12-01", today: "2027-12-01", sent: [] })).toBeNull();
    expect(dueRung({ ladder: [14, 3, 7, 7], dueDate: "2026-12-01", today: "2026-12-09", sent: [] })?.rung).toBe(7); // unsorted, repeated: the same
  });

  it("sends each rung at most once, in ascending order, whatever days the cron runs (property)", () => {
    fc.assert(fc.property(
      fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 6 }),
      fc.uniqueArray(fc.integer({ min: -5, max: 90 }), { maxLength: 30 }),
      (ladder, runDays) => {
        const sent: number[] = [];
        for (const d of [...runDays].sort((a, b) => a - b)) {
          const due = dueRung({ ladder, dueDate: "2028-02-20", today: addDays("2028-02-20", d), sent });
          if (!due) continue;
          expect(due.rung).toBeLessThanOrEqual(d);
          expect(ladder).toContain(due.rung);
          sent.push(due.rung);
        }
        expect(sent).toEqual([...new Set(sent)].sort((a, b) => a - b));
        // Running every day sends the whole ladder.
        const daily: number[] = [];
        for (let d = 0; d <= 90; d++) {
          const due = dueRung({ ladder, dueDate: "2028-02-20", today: addDays("2028-02-20", d), sent: daily });
          if (due) daily.push(due.rung);
        }
        expect(daily).toEqual([...ladder].sort((a, b) => a - b));
      },
    ));
  });
});

describe("nextReminder", () => {
  it("names the rung due now as today, else the next one above the age and the rungs sent", () => {
    expect(nextReminder({ ladder: LADDER, dueDate: "2026-12-01", today: "2026-11-20", sent: [] })).toEqual({ rung: 3, on: "2026-12-04" });
    expect(nextReminder({ ladder: LADDER, dueDate: "2026-12-01", today: "2026-12-04", sent: [] })).toEqual({ rung: 3, on: "2026-12-04" });
    expect(nextReminder({ ladder: LADDER, dueDate: "2026-12-01", today: "2026-12-05", sent: [3] })).toEqual({ rung: 7, on: "2026-12-08" });
    expect(nextReminder({ ladder: LADDER, dueDate: "2026-12-01", today: "2026-12-20", sent: [3] })).toEqual({ rung: 14, on: "2026-12-20" });
    expect(nextReminder({ ladder: LADDER, dueDate: "2026-12-01", today: "2026-12-20", sent: [14] })).toBeNull();
    expect(nextReminder({ ladder: [], dueDate: "2026-12-01", today: "2026-12-02", sent: [] })).toBeNull();
  });
});

describe("remindable", () => {
  const settings = { reminderDays: LADDER, stripeSendsReminders: false };
  it("is only an open invoice with a due date", () => {
    for (const status of INVOICE_STATUSES) {
      expect([status, remindable({ status, dueDate: "2026-12-01", stripeInvoiceId: null }, settings)]).toEqual([status, status === "open"]);
    }
    expect(remindable({ status: "open", dueDate: null, stripeInvoiceId: null }, settings)).toBe(false);
  });
  it("leaves Stripe invoices to Stripe when it sends its own reminders, local ones still ours", () => {
    const stripe = { status: "open" as const, dueDate: "2026-12-01", stripeInvoiceId: "in_1" };
    expect(remindable(stripe, settings)).toBe(true);
    expect(remindable(stripe, { ...settings, stripeSendsReminders: true })).toBe(false);
    expect(remindable({ ...stripe, stripeInvoiceId: null }, { ...settings, stripeSendsReminders: true })).toBe(true);
  });
});

describe("the ladder as typed on /settings", () => {
  const parse = (s: string) => {
    const r = reminderDaysField.safeParse(s);
    return r.success ? r.data : r.error.issues.map((i) => i.message);
  };
  it("reads whole days, sorted; empty is no reminders", () => {
    expect(parse("3, 7, 14")).toEqual([3, 7, 14]);
    expect(parse("14 3;7")).toEqual([3, 7, 14]);
    expect(parse(" ")).toEqual([]);
    expect(parse("1,2,3,4,5,365")).toEqual([1, 2, 3, 4, 5, 365]);
  });
  it.each([
    ["3, 7.5", "Use whole numbers of days, separated by commas, like 3, 7, 14."],
    ["-3", "Use whole numbers of days, separated by commas, like 3, 7, 14."],
    ["three", "Use whole numbers of days, separated by commas, like 3, 7, 14."],
    ["0, 7", "Each reminder is 1 to 365 days after the due date."],
    ["366", "Each reminder is 1 to 365 days after the due date."],
    ["3, 7, 3", "List each day once."],
    ["1,2,3,4,5,6,7", "Enter at most 6 reminder days."],
  ])("refuses %j", (input, message) => {
    expect(parse(input)).toEqual([message]);
  });
});
