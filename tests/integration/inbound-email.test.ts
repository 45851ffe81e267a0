// Replies to update emails (issue 23), through the real route as a mail provider posts them: a reply from the
// person the update went to becomes a comment with only the text above the quote; the same message twice adds
// one; another sender, a forged or foreign reply address, an automatic reply, an empty reply and someone no longer
// on the client are refused with the reason and change nothing; without the secret the route answers 401.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as inbound } from "@/app/api/inbound/email/route";
import { execute } from "@/lib/commands/execute";
import { asUser, type Claims } from "@/lib/db";
import { listUpdateComments } from "@/lib/db/update-comments";
import { publishUpdate } from "@/lib/updates/commands";
import { replyToken } from "@/lib/updates/reply-address";
import { admin, createCast, type TestUser } from "../support/fixtures";

const ENV = { INBOUND_REPLY_ADDRESS: "reply+{token}@inbound.test", INBOUND_EMAIL_SECRET: "inbound-test-secret-0123456789abc" };
const saved = Object.fromEntries(Object.keys(ENV).map((k) => [k, process.env[k]]));
Object.assign(process.env, ENV); // read at the first env() call

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
let updateId: string;
let replyTo: string;
const claims = (u: TestUser) => u.claims as Claims;

const message = (o: { from: string; to: string; body: string; id?: string; headers?: string }) => [
  `From: Someone <${o.from}>`, `To: ${o.to}`, "Subject: Re: Client A: Importer done", `Message-ID: <${o.id ?? `${Math.random()}`}@mail.test>`,
  "Date: Wed, 18 Nov 2026 21:00:00 +0000", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", ...(o.headers ? [o.headers] : []), "", o.body,
].join("\r\n");
const quoted = (top: string) => `${top}\r\n\r\nOn Wed, Nov 18, 2026 at 8:00 PM Retainer Portal <no-reply@practice.test> wrote:\r\n> Importer done\r\n> Shipped it.\r\n`;
const post = (raw: string, auth: string | null = `Bearer ${ENV.INBOUND_EMAIL_SECRET}`) =>
  inbound(new Request("http://localhost/api/inbound/email", { method: "POST", headers: auth ? { authorization: auth, "content-type": "message/rfc822" } : {}, body: raw }));
const comments = async () => (await admin<{ body: string; via: string; author_id: string }[]>`
  select body, via, author_id from public.update_comments where update_id = ${updateId} order by created_at`);

beforeAll(async () => {
  cast = await createCast();
  const [draft] = await admin`insert into public.weekly_updates (client_id, week_start, title, body_md) values (${cast.clientA}, '2031-06-02', 'x', 'x') returning id`;
  updateId = draft.id;
  const published = await execute(publishUpdate, claims(cast.assigned), { clientId: cast.clientA, updateId, title: "Importer done", bodyMd: "Shipped it." });
  expect(published.ok).toBe(true);
  const [mail] = await admin`select reply_to, body_text from public.outbox where kind = 'update.published' and to_email = ${cast.ownerA.email} and dedupe_key like ${`update:${updateId}:%`}`;
  replyTo = mail.reply_to;
  expect(mail.body_text).toContain("Reply to this email to comment on the update");
});

afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe("a reply to an update's email", () => {
  it("carries a reply address signed for its recipient", () => {
    expect(replyTo).toMatch(/^reply\+[a-z2-7]{42}@inbound\.test$/);
  });

  it("from the person it went to becomes a comment, the quote left out; the engineer hears of it; twice adds one", async () => {
    const raw = message({ from: cast.ownerA.email, to: replyTo, body: quoted("Great work, thanks!\r\nCan we demo it Friday?"), id: "first" });
    const res = await post(raw);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ outcome: "comment" });
    expect(await comments()).toEqual([{ body: "Great work, thanks!\nCan we demo it Friday?", via: "email", author_id: cast.ownerA.id }]);
    const [notice] = await admin`select title from public.notifications where user_id = ${cast.assigned.id} and kind = 'update.commented'`;
    expect(notice.title).toBe("owner-a commented on “Importer done”");
    expect(await (await post(raw)).json()).toEqual({ outcome: "duplicate" });
    expect((await comments()).length).toBe(1);
    // The client's people and staff read it on the page (RLS); another client's owner and an unassigned engineer do not.
    const read = (u: TestUser) => asUser(claims(u), (tx) => listUpdateComments(tx, { clientId: cast.clientA, updateIds: [updateId] })).then((r) => r.length);
    expect([await read(cast.memberA), await read(cast.assigned), await read(cast.ownerB), await read(cast.unassigned)]).toEqual([1, 1, 0, 0]);
  });

  it("is refused, with its reason and nothing written, when it is not that person's own reply", async () => {
    const before = (await comments()).length;
    const otherToken = replyToken("00000000-0000-4000-8000-000000000000");
    const [roadmapNotice] = await admin`insert into public.notifications (client_id, user_id, kind, title, href, dedupe_key, mail)
      values (${cast.clientA}, ${cast.ownerA.id}, 'roadmap.commented', 'x', '/clients', ${`t:${Math.random()}`}, 'none') returning id`;
    const cases: [string, string, string][] = [
      ["another member with the owner's address", message({ from: cast.memberA.email, to: replyTo, body: "I approve" }), "The sender is not the person the update was sent to."],
      ["a forged token", message({ from: cast.ownerA.email, to: replyTo.replace(/\+(.)/, (_, c) => `+${c === "a" ? "b" : "a"}`), body: "hi" }), "The reply address is not one we gave out."],
      ["a token of nothing", message({ from: cast.ownerA.email, to: `reply+${otherToken}@inbound.test`, body: "hi" }), "The reply address names no update."],
      ["a token of a roadmap notification", message({ from: cast.ownerA.email, to: `reply+${replyToken(roadmapNotice.id)}@inbound.test`, body: "hi" }), "The reply address names no update."],
      ["no reply address", message({ from: cast.ownerA.email, to: "someone@inbound.test", body: "hi" }), "Not sent to a reply address."],
      ["an out-of-office", message({ from: cast.ownerA.email, to: replyTo, body: "I am away", headers: "Auto-Submitted: auto-replied" }), "An automatic reply (out of office, bounce or list mail)."],
      ["list mail", message({ from: cast.ownerA.email, to: replyTo, body: "digest", headers: "Precedence: bulk" }), "An automatic reply (out of office, bounce or list mail)."],
      ["only the quote", message({ from: cast.ownerA.email, to: replyTo, body: quoted("") }), "The reply has no text above the quoted email."],
      ["not an email", "\u0000\u0001garbage", "Not sent to a reply address."],
    ];
    for (const [what, raw, reason] of cases) {
      const res = await post(raw);
      expect(res.status, what).toBe(200);
      expect(await res.json(), what).toEqual({ outcome: "refused", reason });
    }
    expect((await comments()).length).toBe(before);
    const recorded = await admin`select count(*)::int as n from public.inbound_emails where outcome = 'refused' and reason = 'The sender is not the person the update was sent to.'`;
    expect(recorded[0].n).toBeGreaterThan(0);
  });

  it("is refused once the sender left the client", async () => {
    await admin`delete from public.client_members where client_id = ${cast.clientA} and user_id = ${cast.ownerA.id}`;
    const res = await post(message({ from: cast.ownerA.email, to: replyTo, body: "Still here?" }));
    expect(await res.json()).toEqual({ outcome: "refused", reason: "The sender is no longer a member of the client." });
    await admin`insert into public.client_members (client_id, user_id, role) values (${cast.clientA}, ${cast.ownerA.id}, 'owner')`;
  });

  it("needs the secret, and refuses an empty or oversized body", async () => {
    const raw = message({ from: cast.ownerA.email, to: replyTo, body: "Sneaky" });
    expect((await post(raw, null)).status).toBe(401);
    expect((await post(raw, "Bearer wrong")).status).toBe(401);
    expect((await post("")).status).toBe(422);
    expect((await post(message({ from: cast.ownerA.email, to: replyTo, body: "x".repeat(1_100_000) }))).status).toBe(413);
    expect((await comments()).map((c) => c.body)).not.toContain("Sneaky");
  });
});
