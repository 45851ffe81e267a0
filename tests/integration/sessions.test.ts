// Revocable sessions against the real schema: the viewer read every page view and action makes says whether
// the session is live; sign-out, sign-out everywhere, losing access and the 30-day end all stop a cookie.
import { beforeAll, describe, expect, it } from "vitest";
import { asService, asUser } from "@/lib/db";
import { createSession, endAllSessions, endSession } from "@/lib/db/sessions";
import { loadViewer, loadViewerWithAccess } from "@/lib/db/viewer";
import { admin, createCast, type TestUser } from "../support/fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;

beforeAll(async () => {
  cast = await createCast();
});

async function signIn(user: TestUser) {
  const { id } = await asService((tx) => createSession(tx, { userId: user.id, lifetimeSeconds: 30 * 86_400, origin: { userAgent: "vitest", ip: "192.0.2.1" } }));
  return { ...user.claims, sid: id };
}
const live = async (claims: TestUser["claims"] & { sid?: string }) => (await asUser(claims, (tx) => loadViewer(tx, { userId: claims.sub, email: claims.email }))).sessionLive;

describe("sessions", () => {
  it("are live after sign-in and ended by sign-out, for that session only", async () => {
    const laptop = await signIn(cast.ownerA);
    const phone = await signIn(cast.ownerA);
    expect(await live(laptop)).toBe(true);
    await asService((tx) => endSession(tx, { sessionId: laptop.sid, reason: "signed_out" }));
    expect(await live(laptop)).toBe(false);
    expect(await live(phone)).toBe(true);
  });

  it("an ended session reads as nobody: no role, no memberships, no client", async () => {
    const s = await signIn(cast.assigned);
    await asService((tx) => endSession(tx, { sessionId: s.sid, reason: "signed_out" }));
    const { viewer, access } = await asUser(s, (tx) => loadViewerWithAccess(tx, { userId: s.sub, email: s.email, clientId: cast.clientA }));
    expect(viewer).toMatchObject({ sessionLive: false, staffRole: null, memberships: [] });
    expect(access).toBeNull();
  });

  it("sign-out everywhere ends every session of the person", async () => {
    const a = await signIn(cast.memberA);
    const b = await signIn(cast.memberA);
    expect(await asService((tx) => endAllSessions(tx, { userId: cast.memberA.id }))).toBeGreaterThanOrEqual(2);
    expect([await live(a), await live(b)]).toEqual([false, false]);
  });

  it("a session id of someone else, or a made-up one, is not live", async () => {
    const theirs = await signIn(cast.ownerB);
    expect(await live({ ...cast.ownerA.claims, sid: theirs.sid })).toBe(false);
    expect(await live({ ...cast.ownerA.claims, sid: "00000000-0000-4000-8000-000000000000" })).toBe(false);
  });

  it("ends when the person loses access: membership, engineer assignment, staff role, admin demotion", async () => {
    const owner = await signIn(cast.ownerB);
    await admin`delete from public.client_members where user_id = ${cast.ownerB.id}`;
    expect(await live(owner)).toBe(false);

    const engineer = await signIn(cast.assigned);
    await admin`delete from public.client_engineers where user_id = ${cast.assigned.id}`;
    expect(await live(engineer)).toBe(false);

    const unassigned = await signIn(cast.unassigned);
    await admin`delete from public.staff where user_id = ${cast.unassigned.id}`;
    expect(await live(unassigned)).toBe(false);

    const boss = await signIn(cast.admin);
    const extra = await admin<{ id: string }[]>`insert into auth.users (email) values (${`second-admin-${Date.now()}@test.local`}) returning id`;
    await admin`insert into public.staff (user_id, role) values (${extra[0].id}, 'admin')`; // the practice keeps an admin
    await admin`update public.staff set role = 'engineer' where user_id = ${cast.admin.id}`;
    expect(await live(boss)).toBe(false);
  });

  it("end 30 days after sign-in however often they were used", async () => {
    const s = await signIn(cast.memberA);
    await admin`update private.sessions set created_at = now() - interval '31 days', expires_at = now() - interval '1 day' where id = ${s.sid}`;
    expect(await live(s)).toBe(false);
  });

  it("are invisible to signed-in users, like any table the Data API could reach", async () => {
    await expect(asUser(cast.ownerA.claims, (tx) => tx`select * from private.sessions`)).rejects.toMatchObject({ code: "42501" });
  });
});
