// The key of a cached page response (lib/pages/response-key, used by lib/platform/response-cache.mjs): read live
// from the database for every request, it changes with every write the page shows and is never shared by two
// people, and it is null (render, keep nothing) for anyone the page would refuse, redirect or re-sign.
import { beforeAll, describe, expect, it } from "vitest";
import { SESSION_ABSOLUTE_SECONDS, sessionCookieName, signSession } from "@/lib/auth/jwt";
import { asService, asUser } from "@/lib/db";
import { loadViewerWithAccess } from "@/lib/db/viewer";
import { endSession } from "@/lib/db/sessions";
import { responseKey } from "@/lib/pages/response-key";
import { admin, createCast, createUser, signedIn, type TestUser } from "../support/fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
const calendar = new Date("2026-11-16T15:00:00Z"); // a Monday afternoon in New York

/** A cookie of a new live session of `user` (signed `ageSeconds` ago), as the browser sends it to a test server. */
async function cookieOf(user: TestUser, ageSeconds = 0) {
  const { sid } = await signedIn(user);
  const now = Math.floor(Date.now() / 1000);
  const token = await signSession({ sub: user.id, email: user.email, role: "authenticated", sid, aexp: now + SESSION_ABSOLUTE_SECONDS }, process.env.SESSION_SECRET!, now - ageSeconds);
  return { sid, cookie: `${sessionCookieName(false)}=${token}` };
}

/** The key for `path`, past the first request of the session (which Next renders to note the session's use). */
async function keyFor(cookie: string, path: string, at: Date = calendar) {
  await responseKey({ url: path, cookie }, { real: Date.now(), calendar: at });
  return responseKey({ url: path, cookie }, { real: Date.now(), calendar: at });
}

let owner: { sid: string; cookie: string };
const page = () => `/clients/${cast.clientA}`;

beforeAll(async () => {
  cast = await createCast();
  owner = await cookieOf(cast.ownerA);
});

describe("a cached page's key", () => {
  it("is the same for the same person, page and data, and the first request of a session renders", async () => {
    const { cookie } = await cookieOf(cast.ownerA);
    expect(await responseKey({ url: page(), cookie }, { real: Date.now(), calendar })).toBeNull();
    const first = await responseKey({ url: page(), cookie }, { real: Date.now(), calendar });
    expect(first).toMatch(/^[\w-]{43}$/);
    expect(await responseKey({ url: page(), cookie }, { real: Date.now(), calendar })).toBe(first);
  });

  it("moves with every write the pages show, by whoever makes it, and with the unread count and the viewer", async () => {
    let last = await keyFor(owner.cookie, page());
    const writes: [string, () => Promise<unknown>][] = [
      ["an entry", () => admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category)
        values (${cast.clientA}, ${cast.assigned.id}, '2026-11-16', 30, 'Keyed work', 'build')`],
      ["a roadmap item", () => admin`insert into public.roadmap_items (client_id, title) values (${cast.clientA}, 'Keyed item')`],
      ["a comment on it", () => admin`insert into public.roadmap_comments (client_id, item_id, author_id, body)
        select client_id, id, ${cast.assigned.id}, 'A comment' from public.roadmap_items where client_id = ${cast.clientA} limit 1`],
      ["an invoice", () => admin`insert into public.invoices (client_id, month, currency, total_cents) values (${cast.clientA}, '2026-09-01', 'USD', 1000)`],
      ["its line", () => admin`insert into public.invoice_lines (invoice_id, client_id, kind, description, amount_cents)
        select id, client_id, 'retainer_fee', 'Fee', 1000 from public.invoices where client_id = ${cast.clientA} and month = '2026-09-01'`],
      ["the practice's settings", () => admin`update public.practice_settings set updated_at = now()`],
      ["a notification", () => admin`insert into public.notifications (client_id, user_id, kind, title, body, href, dedupe_key, mail)
        values (${cast.clientA}, ${cast.ownerA.id}, 'update.published', 'New', 'New update', '/inbox', ${`keyed-${cast.clientA}`}, 'none')`],
      ["the owner's name", () => admin`update public.profiles set full_name = 'Owner A, renamed' where id = ${cast.ownerA.id}`],
      ["the owner's time zone", () => admin`update public.profiles set timezone = 'Europe/Paris' where id = ${cast.ownerA.id}`],
    ];
    for (const [what, write] of writes) {
      await write();
      const key = await keyFor(owner.cookie, page());
      expect(key, what).not.toBeNull();
      expect(key, what).not.toBe(last);
      last = key;
    }
  });

  it("is the client's day: the same within it, another past midnight in the client's zone", async () => {
    const morning = await keyFor(owner.cookie, page(), new Date("2026-11-16T05:00:00Z")); // 00:00 in New York
    expect(await keyFor(owner.cookie, page(), new Date("2026-11-17T04:59:00Z"))).toBe(morning);
    expect(await keyFor(owner.cookie, page(), new Date("2026-11-17T05:00:00Z"))).not.toBe(morning);
  });

  it("is never shared: another person, another session, another page or query each have their own", async () => {
    const mine = await keyFor(owner.cookie, page());
    const member = await cookieOf(cast.memberA);
    const again = await cookieOf(cast.ownerA);
    const others = [
      await keyFor(member.cookie, page()),
      await keyFor(again.cookie, page()),
      await keyFor(owner.cookie, `${page()}/hours`),
      await keyFor(owner.cookie, `${page()}/hours?month=2026-10`),
      await keyFor(owner.cookie, `${page()}/roadmap?view=timeline`),
      await keyFor(owner.cookie, `${page()}/updates?page=2`),
    ];
    expect(others.every((k) => k !== null)).toBe(true);
    expect(new Set([mine, ...others]).size).toBe(others.length + 1);
    // one query in any order is one page
    expect(await keyFor(owner.cookie, `${page()}/hours?month=2026-10&category=build`)).toBe(await keyFor(owner.cookie, `${page()}/hours?category=build&month=2026-10`));
  });

  it("reads the viewer's own time zone beside the client's (the ledger shows times in it)", async () => {
    const member = await createUser("zoned-member");
    await admin`insert into public.client_members (client_id, user_id, role) values (${cast.clientB}, ${member.id}, 'member')`;
    await admin`update public.profiles set timezone = 'America/Chicago' where id = ${member.id}`;
    const { viewer, access } = await asUser(member.claims, (tx) => loadViewerWithAccess(tx, { userId: member.id, email: member.email, clientId: cast.clientB }));
    expect([viewer.timezone, access?.client.timezone]).toEqual(["America/Chicago", "Asia/Tokyo"]);
  });

  it("is null for everyone the page would refuse, redirect or re-sign, and for queries it does not read", async () => {
    const refused: [string, string | null][] = [];
    const add = async (what: string, cookie: string, path = page()) => refused.push([what, await keyFor(cookie, path)]);
    await add("no cookie", "");
    await add("a forged cookie", `${sessionCookieName(false)}=eyJhbGciOiJIUzI1NiJ9.e30.AAAA`);
    await add("another client's owner", (await cookieOf(cast.ownerB)).cookie);
    await add("the client's engineer (staff)", (await cookieOf(cast.assigned)).cookie);
    await add("an admin", (await cookieOf(cast.admin)).cookie);
    await add("a session to slide (signed two days ago)", (await cookieOf(cast.ownerA, 2 * 86_400)).cookie);
    const ended = await cookieOf(cast.ownerA);
    await keyFor(ended.cookie, page());
    await asService((tx) => endSession(tx, { sessionId: ended.sid, reason: "signed_out" }));
    await add("an ended session", ended.cookie);
    await add("a later ledger page", owner.cookie, `${page()}/hours?after=${cast.clientA}`);
    await add("a query the page does not read", owner.cookie, `${page()}?utm=x`);
    await add("a repeated parameter", owner.cookie, `${page()}/hours?month=2026-10&month=2026-09`);
    await add("another page of the client", owner.cookie, `${page()}/settings`);
    await add("a client that does not exist", owner.cookie, "/clients/00000000-0000-4000-8000-000000000000");
    expect(refused.filter(([, key]) => key !== null)).toEqual([]);
  });

  it("is null once the person is removed from the client", async () => {
    const member = await cookieOf(cast.memberA);
    expect(await keyFor(member.cookie, page())).not.toBeNull();
    await admin`delete from public.client_members where client_id = ${cast.clientA} and user_id = ${cast.memberA.id}`;
    expect(await keyFor(member.cookie, page())).toBeNull();
  });
});
