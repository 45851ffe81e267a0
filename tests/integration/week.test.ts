// The engineer's week (issue 25, lib/pages/week) against the ledger, as real people under RLS: every row, day and
// week total equals the sum of that engineer's live entries in SQL (random weeks, voided entries and corrections
// and other engineers' time mixed in); a cell of one entry carries it, of several none; a closed month's days
// and days not begun in the client's zone are read-only with the reason; another engineer sees none of it.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@/lib/auth/session";
import { asUser } from "@/lib/db";
import { loadViewer } from "@/lib/db/viewer";
import { addDays, localDate, monthOf, weekStart, weekday } from "@/lib/domain/dates";
import { execute } from "@/lib/commands/execute";
import { updateWorkPreferences } from "@/lib/auth/commands";
import { viewWeek } from "@/lib/pages/week";
import { clockNow } from "@/lib/platform/clock";
import { admin, assignEngineer, createCast, type TestUser } from "../support/fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
const now = clockNow();

async function session(user: TestUser): Promise<Session> {
  return { claims: user.claims, viewer: await asUser(user.claims, (tx) => loadViewer(tx, { userId: user.id, email: user.email })) };
}

beforeAll(async () => {
  cast = await createCast();
  await assignEngineer(cast.clientB, cast.assigned);
  await admin`update public.profiles set timezone = 'UTC' where id in ${admin([cast.assigned.id, cast.unassigned.id])}`;
});

describe("the week view", () => {
  it("totals every row, day and the week as the ledger does, for random weeks of entries", async () => {
    const monday = weekStart(addDays(localDate(now, "UTC"), -21)); // three weeks back: every day has begun everywhere
    const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({
        client: fc.constantFrom("A", "B"), day: fc.integer({ min: -1, max: 7 }), minutes: fc.integer({ min: 1, max: 600 }),
        kind: fc.constantFrom("live", "live", "live", "voided", "other-engineer"),
      }), { maxLength: 25 }),
      async (entries) => {
        await admin`delete from public.time_entries where client_id in ${admin([cast.clientA, cast.clientB])}`;
        for (const e of entries) {
          const clientId = e.client === "A" ? cast.clientA : cast.clientB;
          const engineer = e.kind === "other-engineer" ? cast.admin.id : cast.assigned.id;
          await admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, billable, voided_at, voided_by, void_reason)
            values (${clientId}, ${engineer}, ${addDays(monday, e.day)}, ${e.minutes}, 'Work', 'build', true,
                    ${e.kind === "voided" ? admin`now()` : null}, ${e.kind === "voided" ? engineer : null}, ${e.kind === "voided" ? "Twice" : null})`;
        }
        const week = await viewWeek(await session(cast.assigned), { start: monday }, now);
        const sums = await admin<{ client: string; day: string; minutes: number; n: number }[]>`
          select client_id as client, to_char(work_date, 'YYYY-MM-DD') as day, sum(minutes)::int as minutes, count(*)::int as n from public.time_entries
          where engineer_id = ${cast.assigned.id} and voided_at is null and adjusts_entry_id is null and work_date between ${days[0]} and ${days[6]}
            and client_id in ${admin([cast.clientA, cast.clientB])}
          group by 1, 2`;
        expect(week.days.map((d) => d.date)).toEqual(days);
        for (const [i, day] of days.entries()) {
          expect(week.dayTotals[i], day).toBe(sums.filter((s) => s.day === day).reduce((a, s) => a + s.minutes, 0));
          for (const row of week.rows) {
            const s = sums.find((x) => x.client === row.clientId && x.day === day);
            expect(row.cells[i].minutes).toBe(s?.minutes ?? 0);
            expect(row.cells[i].entries).toBe(s?.n ?? 0);
            expect(row.cells[i].entry !== null).toBe(s?.n === 1);
          }
        }
        expect(week.weekTotal).toBe(sums.reduce((a, s) => a + s.minutes, 0));
        for (const row of week.rows) expect(row.total).toBe(row.cells.reduce((a, c) => a + c.minutes, 0));
        expect(new Set(week.rows.map((r) => r.clientId))).toEqual(new Set(sums.map((s) => s.client)));
      },
    ), { numRuns: 15 });
  });

  it("locks a closed month's days and days not begun in the client's zone, each with its reason", async () => {
    // A week about a hundred days back, its middle month closed for Client B (Tokyo).
    const past = weekStart(addDays(localDate(now, "UTC"), -100));
    const closedMonth = monthOf(addDays(past, 3));
    await admin`insert into public.billing_periods (client_id, month, status, closed_at) values (${cast.clientB}, ${closedMonth}, 'closed', now())`;
    const then = await viewWeek(await session(cast.assigned), { start: past }, now);
    const b = then.clients.find((c) => c.id === cast.clientB)!;
    for (const d of then.days.map((x) => x.date)) {
      if (monthOf(d) === closedMonth) expect(b.locked[d], d).toMatch(/ is closed for Client B: record a correction in its ledger\.$/);
      else expect(b.locked[d], d).toBeUndefined();
    }
    expect(then.clients.find((c) => c.id === cast.clientA)!.locked).toEqual({}); // A's month is open
    // This week: days after today in the client's zone are not begun there.
    const week = await viewWeek(await session(cast.assigned), {}, now);
    for (const client of week.clients) {
      for (const d of week.days.map((x) => x.date)) {
        if (d > client.today) expect(client.locked[d], `${client.name} ${d}`).toMatch(new RegExp(`has not begun in ${client.name}'s time zone yet\\.$`));
        else expect(client.locked[d], `${client.name} ${d}`).toBeUndefined();
      }
    }
  });

  it("names a week by any day of it, and falls back to this week for a malformed or far date", async () => {
    const me = await session(cast.assigned);
    const thisMonday = weekStart(localDate(now, "UTC"));
    expect((await viewWeek(me, { start: addDays(thisMonday, -4) }, now)).start).toBe(addDays(thisMonday, -7));
    for (const start of ["9999-12-31", "0001-01-01", "2026-02-30", "' or 1=1", ["2026-01-05", "2026-01-12"]]) {
      expect((await viewWeek(me, { start }, now)).start, String(start)).toBe(thisMonday);
    }
  });

  it("shows an engineer only their own time, and nothing of clients they do not work for", async () => {
    const monday = weekStart(addDays(localDate(now, "UTC"), -14));
    await admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, billable)
      values (${cast.clientA}, ${cast.assigned.id}, ${monday}, 45, 'Mine', 'build', true)`;
    const theirs = await viewWeek(await session(cast.unassigned), { start: monday }, now);
    expect(theirs.rows).toEqual([]);
    expect(theirs.clients).toEqual([]);
    expect(theirs.weekTotal).toBe(0);
  });
});

describe("work settings (/account)", () => {
  it("a staff member's week starts on their day and new rows take their category; owners have no such settings", async () => {
    const claims = cast.unassigned.claims;
    const saved = await execute(updateWorkPreferences, claims, { weekStart: "sunday", defaultCategory: "support" });
    expect(saved.ok).toBe(true);
    const week = await viewWeek(await session(cast.unassigned), { start: "2026-11-18" }, now); // a Wednesday
    expect(week.start).toBe("2026-11-15");
    expect(weekday(week.start)).toBe(6);
    expect(week.defaultCategory).toBe("support");
    await execute(updateWorkPreferences, claims, { weekStart: "saturday", defaultCategory: "build" });
    expect((await viewWeek(await session(cast.unassigned), { start: "2026-11-18" }, now)).start).toBe("2026-11-14");
    const [audit] = await admin`select data from public.audit_events where actor_id = ${cast.unassigned.id} and action = 'profile.work_preferences' order by id desc limit 1`;
    expect(audit.data).toEqual({ before: { weekStart: "sunday", defaultCategory: "support" }, after: { weekStart: "saturday", defaultCategory: "build" } });
  });

  it("refuses owners and members, and bad values on their fields, changing nothing", async () => {
    const before = await admin`select id, week_start, default_category from public.profiles order by id`;
    for (const who of [cast.ownerA, cast.memberA]) {
      const refused = await execute(updateWorkPreferences, who.claims, { weekStart: "sunday", defaultCategory: "support" });
      expect(refused.ok ? null : refused.error.code, who.email).toBe("not_found");
    }
    const bad = await execute(updateWorkPreferences, cast.assigned.claims, { weekStart: "friday", defaultCategory: "naps" });
    expect(bad.ok ? [] : Object.keys(bad.error.fieldErrors).sort()).toEqual(["defaultCategory", "weekStart"]);
    expect(await admin`select id, week_start, default_category from public.profiles order by id`).toEqual(before);
  });
});
