// Sessions people can see and end, and the security record (issue 29: ASVS 7.4.5, 7.5.2, 7.2.4, 16.x), against
// the real schema, through the real commands as real people under RLS:
//   - a person lists their own live sessions only (local and hosted), this one marked, with browser and address;
//   - they end one other session, or every other, and never another person's (refused "not found", no row changed);
//   - an admin ends anyone's sessions (the event names the admin); a non-admin is refused, and the refusal is on record;
//   - the record reads under RLS: a person their own events, an admin the practice's, nobody else anything.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { asService, asUser, type Claims } from "@/lib/db";
import { z } from "zod";
import { command } from "@/lib/commands/command";
import { execute } from "@/lib/commands/execute";
import { endOtherSessions, endOwnSession } from "@/lib/auth/commands";
import { endEveryonesSessionsNow, endStaffSessions } from "@/lib/staff/commands";
import { endMemberSessions } from "@/lib/clients/commands";
import { changeMemberRole } from "@/lib/clients/commands";
import { createSession } from "@/lib/db/sessions";
import { listOwnSessions } from "@/lib/db/sessions";
import { listSecurityEvents } from "@/lib/db/security-events";
import { admin, createCast, createUser, type TestUser } from "../support/fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;

beforeAll(async () => {
  cast = await createCast();
});

const CHROME_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

async function signIn(user: TestUser, userAgent = CHROME_MAC, ip = "192.0.2.10"): Promise<Claims & { sid: string }> {
  const { id } = await asService((tx) => createSession(tx, { userId: user.id, lifetimeSeconds: 30 * 86_400, origin: { userAgent, ip }, aal: "aal2" }));
  return { ...user.claims, sid: id };
}
const liveIds = async (userId: string) =>
  (await admin<{ id: string }[]>`select id from private.sessions where user_id = ${userId} and revoked_at is null`).map((r) => r.id).sort();
const eventsOf = async (userId: string, kind: string) =>
  admin<{ outcome: string; actor_id: string | null; detail: string; client_id: string | null }[]>`
    select outcome, actor_id, detail, client_id from public.security_events where user_id = ${userId} and kind = ${kind} order by id`;

describe("sessions people can see", () => {
  it("lists the person's own live sessions only, this one marked, with browser and address", async () => {
    const laptop = await signIn(cast.memberA, CHROME_MAC, "192.0.2.10");
    const phone = await signIn(cast.memberA, SAFARI_IPHONE, "198.51.100.7");
    const theirs = await signIn(cast.ownerA);
    const ended = await signIn(cast.memberA);
    await admin`update private.sessions set revoked_at = now() where id = ${ended.sid}`;
    // A hosted (GoTrue) session of the same person is listed beside the local ones.
    const hosted = randomUUID();
    await admin`insert into auth.sessions (id, user_id, created_at, updated_at, user_agent, ip) values (${hosted}, ${cast.memberA.id}, now(), now(), ${SAFARI_IPHONE}, '203.0.113.5')`;

    const rows = await asUser(laptop, (tx) => listOwnSessions(tx));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(laptop.sid)).toMatchObject({ current: true, ip: "192.0.2.10", userAgent: CHROME_MAC });
    expect(byId.get(phone.sid)).toMatchObject({ current: false, ip: "198.51.100.7" });
    expect(byId.get(hosted)).toMatchObject({ current: false, ip: "203.0.113.5" });
    expect(byId.has(theirs.sid)).toBe(false);
    expect(byId.has(ended.sid)).toBe(false);
    await admin`delete from auth.sessions where id = ${hosted}`;
  });

  it("ends one other session, never this one and never another person's", async () => {
    const here = await signIn(cast.ownerB);
    const there = await signIn(cast.ownerB);
    const stranger = await signIn(cast.memberA);

    const self = await execute(endOwnSession, here, { sessionId: here.sid });
    expect(self).toMatchObject({ ok: false, error: { code: "invalid" } });

    const before = await liveIds(cast.memberA.id);
    const foreign = await execute(endOwnSession, here, { sessionId: stranger.sid });
    expect(foreign).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await liveIds(cast.memberA.id)).toEqual(before);

    expect(await execute(endOwnSession, here, { sessionId: there.sid })).toMatchObject({ ok: true });
    const live = await liveIds(cast.ownerB.id);
    expect(live).toContain(here.sid);
    expect(live).not.toContain(there.sid);
    const [row] = await admin`select ended_reason from private.sessions where id = ${there.sid}`;
    expect(row.ended_reason).toBe("ended_by_self");
    expect((await eventsOf(cast.ownerB.id, "session_ended")).at(-1)).toMatchObject({ outcome: "ok", detail: "ended from the list of sessions" });
  });

  it("ends every other session and keeps this one", async () => {
    const user = cast.unassigned;
    const here = await signIn(user);
    await signIn(user);
    await signIn(user, SAFARI_IPHONE);
    const outcome = await execute(endOtherSessions, here, {});
    expect(outcome).toMatchObject({ ok: true, data: 2, message: "Your 2 other sessions have ended." });
    expect(await liveIds(user.id)).toEqual([here.sid]);
  });

  it("ends other sessions only within 30 minutes of signing in: a stolen old session cannot end the owner's (ASVS 7.5.2)", async () => {
    const user = await createUser("old-session");
    const old = await signIn(user);
    await admin`update private.sessions set created_at = now() - interval '31 minutes' where id = ${old.sid}`;
    const fresh = await signIn(user, SAFARI_IPHONE);
    for (const [cmd, input] of [[endOtherSessions, {}], [endOwnSession, { sessionId: fresh.sid }]] as const) {
      const refused = await execute(cmd, old, input);
      expect(refused).toMatchObject({ ok: false, error: { code: "forbidden", userMessage: expect.stringContaining("within the last 30 minutes") } });
    }
    expect(await liveIds(user.id)).toEqual([old.sid, fresh.sid].sort());
    // The fresh one may.
    expect(await execute(endOwnSession, fresh, { sessionId: old.sid })).toMatchObject({ ok: true });
  });

  it("an admin ends anyone's sessions, on record with the admin's name; anyone else is refused and the refusal is on record", async () => {
    const engineer = cast.assigned;
    const a = await signIn(engineer);
    const b = await signIn(engineer);
    const hosted = randomUUID();
    await admin`insert into auth.sessions (id, user_id, created_at) values (${hosted}, ${engineer.id}, now())`;

    const byEngineer = await execute(endStaffSessions, await signIn(cast.unassigned), { userId: engineer.id });
    expect(byEngineer).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await liveIds(engineer.id)).toEqual(expect.arrayContaining([a.sid, b.sid]));
    expect((await eventsOf(cast.unassigned.id, "access_refused")).at(-1)).toMatchObject({ outcome: "refused", detail: expect.stringContaining("staff.endSessions") });

    const adminClaims = await signIn(cast.admin);
    expect(await execute(endStaffSessions, adminClaims, { userId: cast.admin.id })).toMatchObject({ ok: false, error: { code: "invalid" } });
    const outcome = await execute(endStaffSessions, adminClaims, { userId: engineer.id });
    expect(outcome).toMatchObject({ ok: true, data: 3 });
    expect(await liveIds(engineer.id)).toEqual([]);
    expect(await admin`select 1 from auth.sessions where id = ${hosted}`).toHaveLength(0);
    expect((await eventsOf(engineer.id, "sessions_ended_by_admin")).at(-1)).toMatchObject({ actor_id: cast.admin.id, detail: "3 sessions ended" });
  });

  it("a role change is on record with who changed it and for which client", async () => {
    const engineer = await signIn(cast.assigned);
    expect(await execute(changeMemberRole, engineer, { clientId: cast.clientA, userId: cast.memberA.id, role: "owner" })).toMatchObject({ ok: true });
    expect((await eventsOf(cast.memberA.id, "role_changed")).at(-1)).toMatchObject({ actor_id: cast.assigned.id, client_id: cast.clientA, detail: "client role: owner" });
    await execute(changeMemberRole, engineer, { clientId: cast.clientA, userId: cast.memberA.id, role: "member" });
  });
});

describe("the security record under RLS", () => {
  it("a person reads their own events, an admin the practice's, and nobody writes one", async () => {
    const mine = `mine-${randomUUID()}`;
    const others = `others-${randomUUID()}`;
    await admin`insert into public.security_events (kind, outcome, user_id, detail) values ('signed_in', 'ok', ${cast.ownerA.id}, ${mine}), ('signed_in', 'ok', ${cast.ownerB.id}, ${others})`;
    const details = async (user: TestUser, userId?: string) =>
      (await asUser(user.claims, (tx) => listSecurityEvents(tx, { userId, limit: 1000 }))).map((e) => e.detail);

    expect(await details(cast.ownerA, cast.ownerA.id)).toContain(mine);
    // Without a user filter RLS still answers only their own.
    const ownerSees = await details(cast.ownerA);
    expect(ownerSees).toContain(mine);
    expect(ownerSees).not.toContain(others);
    expect(await details(cast.assigned)).not.toContain(others);
    expect(await details(cast.admin)).toEqual(expect.arrayContaining([mine, others]));

    for (const user of [cast.ownerA, cast.admin]) {
      await expect(asUser(user.claims, (tx) => tx`insert into public.security_events (kind, outcome, user_id) values ('signed_in', 'ok', ${user.id})`)).rejects.toThrow(/permission denied/);
      await expect(asUser(user.claims, (tx) => tx`delete from public.security_events where detail = ${mine}`)).rejects.toThrow(/permission denied/);
    }
    expect(await admin`select 1 from public.security_events where detail = ${mine}`).toHaveLength(1);
  });

  it("a write the database itself refuses (a bug past the app's checks) is answered as not found and recorded", async () => {
    const cast = await createCast();
    const buggy = command({
      name: "test.buggyWrite", schema: z.object({ clientId: z.uuid() }), scope: "member",
      run: async ({ tx, viewer }) => void (await tx`insert into public.security_events (kind, outcome, user_id) values ('signed_in', 'ok', ${viewer.userId})`),
    });
    const outcome = await execute(buggy, cast.memberA.claims, { clientId: cast.clientA });
    expect(outcome).toMatchObject({ ok: false, error: { code: "not_found" } });
    const [event] = await admin`select detail from public.security_events where user_id = ${cast.memberA.id} and kind = 'access_refused' and detail like 'test.buggyWrite%'`;
    expect(event.detail).toBe("test.buggyWrite: refused by the database's row-level security");
  });

  it("a client's engineer ends the sessions of one of its people, on record; nobody else can", async () => {
    const cast = await createCast();
    await signIn(cast.memberA);
    await signIn(cast.memberA, SAFARI_IPHONE);
    for (const stranger of [cast.unassigned, cast.ownerB, cast.memberA]) {
      const refused = await execute(endMemberSessions, stranger.claims, { clientId: cast.clientA, userId: cast.memberA.id });
      expect(refused, stranger.email).toMatchObject({ ok: false });
    }
    // A person of another client is not this client's to sign out.
    expect(await execute(endMemberSessions, cast.assigned.claims, { clientId: cast.clientA, userId: cast.ownerB.id })).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect((await liveIds(cast.memberA.id)).length).toBeGreaterThanOrEqual(2);
    const ended = await execute(endMemberSessions, cast.assigned.claims, { clientId: cast.clientA, userId: cast.memberA.id });
    expect(ended).toMatchObject({ ok: true, message: expect.stringMatching(/^\d+ sessions of .+ ended\. They must sign in again\.$/) });
    expect(await liveIds(cast.memberA.id)).toEqual([]);
    const [event] = await eventsOf(cast.memberA.id, "sessions_ended_by_admin");
    expect(event).toMatchObject({ actor_id: cast.assigned.id, client_id: cast.clientA });
  });

  it("ending everyone's sessions: admins only, within 30 minutes of signing in, and the function spares only the admin's own", async () => {
    const cast = await createCast();
    expect(await execute(endEveryonesSessionsNow, (await signIn(cast.assigned)), {})).toMatchObject({ ok: false, error: { code: "not_found" } });
    const oldAdmin = await signIn(cast.admin);
    await admin`update private.sessions set created_at = now() - interval '31 minutes' where id = ${oldAdmin.sid}`;
    expect(await execute(endEveryonesSessionsNow, oldAdmin, {})).toMatchObject({ ok: false, error: { code: "forbidden" } });
    // What it does, in a transaction rolled back (ending every session would sign out the tests running beside this one).
    const other = await signIn(cast.ownerA);
    const mine = await signIn(cast.admin);
    await admin.begin(async (tx) => {
      const n = await tx`select private.end_everyones_sessions(${mine.sid}, 'ended_by_admin') as n`;
      expect(n[0].n).toBeGreaterThanOrEqual(1);
      const [o, m] = await Promise.all([
        tx`select revoked_at, ended_reason from private.sessions where id = ${other.sid}`, tx`select revoked_at from private.sessions where id = ${mine.sid}`,
      ]);
      expect(o[0]).toMatchObject({ revoked_at: expect.any(Date), ended_reason: "ended_by_admin" });
      expect(m[0].revoked_at).toBeNull();
      throw new Error("rollback");
    }).catch((e: Error) => expect(e.message).toBe("rollback"));
    expect(await liveIds(cast.ownerA.id)).toContain(other.sid);
    // Nobody signed in may call it directly.
    await expect(asUser(cast.admin.claims, (tx) => tx`select private.end_everyones_sessions(null, 'ended_by_admin')`)).rejects.toThrow(/permission denied/);
  });
});
