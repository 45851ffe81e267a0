// The timer (issue 25) through its real commands as real people under RLS, and its table as PostgREST would
// reach it: one per person; only the engineers of a client start one for it; stopping logs an ordinary entry for
// the day it started in the client's zone, never more than that day holds, and asks first past 10 hours or past
// midnight; a closed month refuses and keeps the timer; nobody signed in reads another's timer or writes a row,
// an instant or a person's id directly.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { execute } from "@/lib/commands/execute";
import { asUser, type Claims } from "@/lib/db";
import { localDate, monthOf } from "@/lib/domain/dates";
import { discardTimer, startTimer, stopTimer } from "@/lib/hours/commands";
import { runningTimer } from "@/lib/hours/timer";
import { clockNow } from "@/lib/platform/clock";
import { asPostgrest } from "../support/direct-access";
import { admin, createCast, type TestUser } from "../support/fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
const ZONE = "Pacific/Auckland";

const claims = (u: TestUser) => u.claims as Claims;
const start = (clientId: string, over: Record<string, string> = {}) =>
  ({ clientId, description: "Order import: retry on timeouts", category: "build", billable: "on", roadmapItemId: "", ...over });
const timers = async (userId: string) => (await admin`select count(*)::int as n from public.running_timers where user_id = ${userId}`)[0].n as number;
const entriesOf = async (userId: string) =>
  admin<{ id: string; minutes: number; workDate: string; description: string }[]>`
    select id, minutes, to_char(work_date, 'YYYY-MM-DD') as "workDate", description from public.time_entries where engineer_id = ${userId} order by created_at`;
/** Moves the engineer's running timer's start back by `hours` (the database's clock stamps it; tests move it). */
const ranFor = (userId: string, hours: number) =>
  admin`update public.running_timers set started_at = now() - make_interval(secs => ${hours * 3600}) where user_id = ${userId}`;
const errorOf = (o: { ok: boolean; error?: { code: string; userMessage: string; fieldErrors: Record<string, string[]> } }) => (o.ok ? null : o.error!);

beforeAll(async () => {
  cast = await createCast();
  await admin`update public.clients set timezone = ${ZONE} where id = ${cast.clientA}`;
});
beforeEach(async () => {
  await admin`delete from public.running_timers`;
});

describe("starting a timer", () => {
  it("starts one for the engineer, shown in their shell; a second start is refused while it runs", async () => {
    const outcome = await execute(startTimer, claims(cast.assigned), start(cast.clientA));
    expect(outcome.ok && outcome.data).toEqual({ summary: "Timer started for Client A." });
    const shown = await asUser(claims(cast.assigned), (tx) => runningTimer(tx, clockNow()));
    expect(shown).toMatchObject({ clientId: cast.clientA, clientName: "Client A", description: "Order import: retry on timeouts" });
    expect(shown!.renderedAtMs - shown!.startedAtMs).toBeGreaterThanOrEqual(0);
    expect(shown!.renderedAtMs - shown!.startedAtMs).toBeLessThan(60_000);
    const again = errorOf(await execute(startTimer, claims(cast.assigned), start(cast.clientA, { description: "Something else" })));
    expect(again).toMatchObject({ code: "conflict", userMessage: "Your timer for Client A is still running. Stop or discard it before starting another." });
    expect(await timers(cast.assigned.id)).toBe(1);
  });

  it("is refused to members, owners, other clients' people and unassigned engineers, with nothing written", async () => {
    for (const who of [cast.memberA, cast.ownerA, cast.ownerB, cast.unassigned]) {
      expect(errorOf(await execute(startTimer, claims(who), start(cast.clientA)))?.code, who.email).toBe("not_found");
      expect(await timers(who.id)).toBe(0);
    }
  });

  it("refuses bad input on its field and writes nothing", async () => {
    const e = errorOf(await execute(startTimer, claims(cast.assigned), start(cast.clientA, { description: "", category: "naps" })));
    expect(e?.code).toBe("invalid");
    expect(Object.keys(e!.fieldErrors).sort()).toEqual(["category", "description"]);
    expect(await timers(cast.assigned.id)).toBe(0);
  });
});

describe("stopping it", () => {
  it("logs an ordinary entry for today in the client's zone, at least a minute, and the timer is gone", async () => {
    await execute(startTimer, claims(cast.assigned), start(cast.clientA));
    const before = (await entriesOf(cast.assigned.id)).length;
    const outcome = await execute(stopTimer, claims(cast.assigned), { clientId: cast.clientA });
    expect(outcome.ok && outcome.data).toMatchObject({ status: "saved", summary: "Logged 1m for Client A." });
    const entries = await entriesOf(cast.assigned.id);
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)).toMatchObject({ minutes: 1, workDate: localDate(clockNow(), ZONE), description: "Order import: retry on timeouts" });
    const [audit] = await admin`select action, actor_id from public.audit_events where entity_id = ${entries.at(-1)!.id}`;
    expect(audit).toEqual({ action: "entry.created", actor_id: cast.assigned.id });
    expect(await timers(cast.assigned.id)).toBe(0);
  });

  it("asks before saving a timer that ran past 10 hours, and saves what the person says, never past its day", async () => {
    await execute(startTimer, claims(cast.assigned), start(cast.clientA));
    await ranFor(cast.assigned.id, 11);
    const startedDay = localDate(new Date(clockNow().getTime() - 11 * 3600_000), ZONE);
    const asked = await execute(stopTimer, claims(cast.assigned), { clientId: cast.clientA });
    expect(asked.ok && asked.data.status).toBe("ask");
    const ask = asked.ok && asked.data.status === "ask" ? asked.data : null;
    // Past 10 hours, and past midnight too when the 11 hours crossed one there.
    expect(ask!.reason).toBe(startedDay === localDate(clockNow(), ZONE) ? "long" : "past-midnight");
    expect(ask!.workDate).toBe(startedDay);
    expect(await timers(cast.assigned.id)).toBe(1); // nothing saved, still running

    // More than its day holds is refused on the field; the person's own figure is saved.
    const tooMuch = errorOf(await execute(stopTimer, claims(cast.assigned), { clientId: cast.clientA, confirm: "1", minutes: `${ask!.capMinutes + 1}m` }));
    expect(tooMuch?.fieldErrors.minutes?.[0]).toMatch(/^At most .+: what was left of \w{3}, \w{3} \d{1,2} when the timer started\.$/);
    const mine = Math.min(ask!.capMinutes, 450); // 7h30, or all its day holds when it started late in the day
    const saved = await execute(stopTimer, claims(cast.assigned), { clientId: cast.clientA, confirm: "1", minutes: `${mine}m` });
    expect(saved.ok ? saved.data.status : saved.error).toBe("saved");
    expect((await entriesOf(cast.assigned.id)).at(-1)).toMatchObject({ minutes: mine, workDate: startedDay });
    expect(await timers(cast.assigned.id)).toBe(0);
  });

  it("a timer left running for 30 hours saves at most the rest of the day it started, and never a day more", async () => {
    await execute(startTimer, claims(cast.assigned), start(cast.clientA));
    await ranFor(cast.assigned.id, 30);
    const asked = await execute(stopTimer, claims(cast.assigned), { clientId: cast.clientA });
    const ask = asked.ok && asked.data.status === "ask" ? asked.data : null;
    expect(ask?.reason).toBe("past-midnight");
    expect(ask!.capMinutes).toBeLessThanOrEqual(24 * 60);
    const saved = await execute(stopTimer, claims(cast.assigned), { clientId: cast.clientA, confirm: "1" });
    expect(saved.ok && saved.data.status).toBe("saved");
    const entry = (await entriesOf(cast.assigned.id)).at(-1)!;
    expect(entry.minutes).toBe(ask!.capMinutes);
    expect(entry.workDate).toBe(localDate(new Date(clockNow().getTime() - 30 * 3600_000), ZONE));
  });

  it("refuses a timer whose month has closed, keeps it, and lets its owner discard it", async () => {
    await execute(startTimer, claims(cast.assigned), start(cast.clientA));
    await ranFor(cast.assigned.id, 24 * 40);
    const month = monthOf(localDate(new Date(clockNow().getTime() - 24 * 40 * 3600_000), ZONE));
    await admin`insert into public.billing_periods (client_id, month, status, closed_at) values (${cast.clientA}, ${month}, 'closed', now())
      on conflict (client_id, month) do update set status = 'closed', closed_at = now()`;
    const before = (await entriesOf(cast.assigned.id)).length;
    const refused = errorOf(await execute(stopTimer, claims(cast.assigned), { clientId: cast.clientA, confirm: "1" }));
    expect(refused?.code).toBe("month_closed");
    expect(await timers(cast.assigned.id)).toBe(1);
    expect(await entriesOf(cast.assigned.id)).toHaveLength(before);
    // Only its owner discards it: another engineer has no timer to discard, an owner is not staff.
    expect(errorOf(await execute(discardTimer, claims(cast.unassigned), {}))?.code).toBe("not_found");
    expect(errorOf(await execute(discardTimer, claims(cast.ownerA), {}))?.code).toBe("not_found");
    expect(await timers(cast.assigned.id)).toBe(1);
    const discarded = await execute(discardTimer, claims(cast.assigned), {});
    expect(discarded.ok).toBe(true);
    expect(await timers(cast.assigned.id)).toBe(0);
    expect(await entriesOf(cast.assigned.id)).toHaveLength(before);
  });

  it("refuses to stop another client's timer or someone else's, with nothing written", async () => {
    await execute(startTimer, claims(cast.assigned), start(cast.clientA));
    const before = (await entriesOf(cast.assigned.id)).length;
    expect(errorOf(await execute(stopTimer, claims(cast.assigned), { clientId: cast.clientB }))?.code).toBe("not_found");
    for (const who of [cast.unassigned, cast.ownerA, cast.memberA]) {
      expect(errorOf(await execute(stopTimer, claims(who), { clientId: cast.clientA }))?.code, who.email).toBe("not_found");
    }
    expect(await timers(cast.assigned.id)).toBe(1);
    expect(await entriesOf(cast.assigned.id)).toHaveLength(before);
  });
});

describe("the table, as PostgREST reaches it", () => {
  it("shows each person their own timer only, and lets nobody write one, an instant or an id", async () => {
    await execute(startTimer, claims(cast.assigned), start(cast.clientA));
    const [{ started }] = await admin`select started_at as started from public.running_timers where user_id = ${cast.assigned.id}`;
    const actor = (u: TestUser) => ({ label: u.email, id: u.id, email: u.email });
    const read = await asPostgrest(admin, actor(cast.assigned), (tx) => tx`select user_id, started_at from public.running_timers`);
    expect(read.rows).toBe(1);
    for (const who of [cast.unassigned, cast.admin, cast.ownerA, cast.memberA]) {
      expect((await asPostgrest(admin, actor(who), (tx) => tx`select * from public.running_timers`)).rows, who.email).toBe(0);
    }
    const writes = [
      (tx: Parameters<Parameters<typeof asPostgrest>[2]>[0]) => tx`update public.running_timers set started_at = started_at - interval '9 hours'`,
      (tx: Parameters<Parameters<typeof asPostgrest>[2]>[0]) => tx`update public.running_timers set user_id = ${cast.unassigned.id}`,
      (tx: Parameters<Parameters<typeof asPostgrest>[2]>[0]) => tx`update public.running_timers set description = 'x', client_id = ${cast.clientB}`,
      (tx: Parameters<Parameters<typeof asPostgrest>[2]>[0]) => tx`delete from public.running_timers`,
      (tx: Parameters<Parameters<typeof asPostgrest>[2]>[0]) => tx`insert into public.running_timers (user_id, client_id, description, category) values (${cast.unassigned.id}, ${cast.clientA}, 'x', 'build')`,
    ];
    let attempts = 0;
    for (const who of [cast.assigned, cast.unassigned, cast.admin, cast.ownerA]) {
      for (const write of writes) {
        const outcome = await asPostgrest(admin, actor(who), write, { rollback: true });
        attempts++;
        expect(outcome.rows, `${who.email}: ${outcome.refused}`).toBe(0);
      }
    }
    expect(attempts).toBe(20);
    const [after] = await admin`select user_id, client_id, description, started_at as started from public.running_timers`;
    expect(after).toEqual({ user_id: cast.assigned.id, client_id: cast.clientA, description: "Order import: retry on timeouts", started });
  });
});

