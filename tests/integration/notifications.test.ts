// Notifications (issue 23), through the real commands as real people under RLS: each event lands in the inbox of
// the people it concerns (never the actor's own); each person's preference decides its email (at once, in the
// daily digest at 08:00 in their zone, or none); people read and mark only their own, and only while they still
// belong to the client; the digest goes once a local day, across a DST change, never to someone who left.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as digestsCron } from "@/app/api/cron/send-digests/route";
import { execute } from "@/lib/commands/execute";
import { asUser, type Claims } from "@/lib/db";
import { listNotifications, unreadCount } from "@/lib/db/notifications";
import { addMonths, localDate, monthOf } from "@/lib/domain/dates";
import { decideExtraHours, requestExtraHours } from "@/lib/extra-hours/commands";
import { checkDecisionLink } from "@/lib/extra-hours/link";
import { sendDigests } from "@/lib/notifications/digest";
import { markAllNotificationsRead, markNotificationRead, openNotification, setEmailNotifications } from "@/lib/notifications/commands";
import { loadViewer } from "@/lib/db/viewer";
import { viewEngineerHome } from "@/lib/pages/engineer";
import { viewInbox } from "@/lib/pages/inbox";
import { clockNow } from "@/lib/platform/clock";
import { comment, proposeItem } from "@/lib/roadmap/commands";
import { admin, createCast, createUser, addMember, type TestUser } from "../support/fixtures";

// The environment is read once, at the first env() call: set before any test runs, put back after the last.
const CRON_SECRET = "digests-test-secret-0123456789";
const savedSecret = process.env.CRON_SECRET;
process.env.CRON_SECRET = CRON_SECRET;

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
let thisMonth: string;
const claims = (u: TestUser) => u.claims as Claims;
const inbox = async (u: TestUser) => (await admin<{ kind: string; title: string; mail: string; href: string }[]>`
  select kind, title, mail, href from public.notifications where user_id = ${u.id} order by created_at, id`);
const mails = async (u: TestUser, kind: string) => (await admin<{ subject: string }[]>`
  select subject from public.outbox where to_email = ${u.email} and kind = ${kind} order by created_at`).map((m) => m.subject);
const mode = (u: TestUser, m: "immediately" | "daily" | "off") => execute(setEmailNotifications, claims(u), { mode: m });

beforeAll(async () => {
  cast = await createCast();
  thisMonth = monthOf(localDate(clockNow(), "UTC"));
  await admin`update public.clients set timezone = 'UTC' where id = ${cast.clientA}`;
  await admin`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents, overage_rate_cents_per_hour, overage_increment_minutes)
    values (${cast.clientA}, ${addMonths(thisMonth, -6)}, 600, 400000, 15000, 15)`;
});

afterAll(() => {
  if (savedSecret === undefined) delete process.env.CRON_SECRET;
  else process.env.CRON_SECRET = savedSecret;
});

describe("who hears of what", () => {
  it("a proposal reaches the client's engineer; comments reach the thread and the other side, never their author", async () => {
    const proposed = await execute(proposeItem, claims(cast.ownerA), { clientId: cast.clientA, title: "Loyalty export", description: "Monthly CSV for the loyalty partner" });
    expect(proposed.ok).toBe(true);
    const itemId = proposed.ok ? String(proposed.data) : "";
    expect(await inbox(cast.assigned)).toEqual([
      { kind: "roadmap.proposed", title: "owner-a proposes “Loyalty export”", mail: "sent", href: `/clients/${cast.clientA}/roadmap/${itemId}` },
    ]);
    expect(await mails(cast.assigned, "roadmap.proposed")).toEqual(["Client A: owner-a proposes “Loyalty export”"]);
    expect(await inbox(cast.ownerA)).toEqual([]); // their own act
    expect(await inbox(cast.unassigned)).toEqual([]); // not their client

    // The member comments: the engineer and the proposer hear of it. The engineer answers: the owners and the member.
    expect((await execute(comment, claims(cast.memberA), { clientId: cast.clientA, itemId, body: "Can it include refunds?" })).ok).toBe(true);
    expect((await inbox(cast.ownerA)).map((n) => n.title)).toEqual(["member-a commented on “Loyalty export”"]);
    expect((await inbox(cast.assigned)).map((n) => n.kind)).toEqual(["roadmap.proposed", "roadmap.commented"]);
    expect((await execute(comment, claims(cast.assigned), { clientId: cast.clientA, itemId, body: "Yes, as negative lines." })).ok).toBe(true);
    expect((await inbox(cast.memberA)).map((n) => n.title)).toEqual(["assigned-eng commented on “Loyalty export”"]);
    expect((await inbox(cast.ownerA)).map((n) => n.title)).toEqual(["member-a commented on “Loyalty export”", "assigned-eng commented on “Loyalty export”"]);
    expect((await inbox(cast.assigned)).length).toBe(2);
    expect(await inbox(cast.ownerB)).toEqual([]);
  });

  it("a request for extra hours reaches the owners by their preference; the decision reaches whoever asked", async () => {
    const owner2 = await createUser("owner2");
    await addMember(cast.clientA, owner2, "owner");
    expect((await mode(owner2, "daily")).ok).toBe(true);
    const asked = await execute(requestExtraHours, claims(cast.assigned), {
      clientId: cast.clientA, month: thisMonth.slice(0, 7), hours: "6", reason: "Carrier cut-over", pricing: "rate", roadmapItemId: "",
    });
    const id = asked.ok ? asked.data.id : "";
    const title = (await inbox(owner2)).at(-1)!;
    expect(title).toMatchObject({ kind: "extra_hours.requested", mail: "digest", href: `/clients/${cast.clientA}/extra-hours#r-${id}` });
    expect(await mails(owner2, "extra_hours.requested")).toEqual([]); // waits for the digest
    expect((await inbox(cast.ownerA)).at(-1)).toMatchObject({ kind: "extra_hours.requested", mail: "sent" });
    expect((await mails(cast.ownerA, "extra_hours.requested")).length).toBe(1); // the request's own email
    // Its "Approve" link is signed for this owner: it checks for them, and for nobody else.
    const [{ body_text: text }] = await admin`select body_text from public.outbox where kind = 'extra_hours.requested' and to_email = ${cast.ownerA.email}`;
    const link = new URL(/Approve 6h (http\S+)/.exec(text)![1]);
    const parts = Object.fromEntries(link.searchParams);
    expect(link.pathname).toBe(`/clients/${cast.clientA}/extra-hours/decide`);
    expect(checkDecisionLink(cast.clientA, cast.ownerA.id, parts)).toEqual({ ok: true, requestId: id, decision: "approve" });
    expect(checkDecisionLink(cast.clientA, owner2.id, parts)).toEqual({ ok: false, reason: "invalid" });

    expect((await execute(decideExtraHours, claims(owner2), { clientId: cast.clientA, requestId: id, decision: "approve", poNumber: "PO-7" })).ok).toBe(true);
    expect((await inbox(cast.assigned)).at(-1)).toMatchObject({ kind: "extra_hours.approved", title: expect.stringMatching(/^owner2 approved 6h of extra hours in/) });
    expect((await mails(cast.assigned, "extra_hours.approved")).length).toBe(1);
  });

  it("'off' writes the inbox and sends nothing", async () => {
    expect((await mode(cast.memberA, "off")).ok).toBe(true);
    const item = (await admin`select id from public.roadmap_items where client_id = ${cast.clientA} and title = 'Loyalty export'`)[0].id;
    const before = (await admin`select count(*)::int as n from public.outbox where to_email = ${cast.memberA.email}`)[0].n;
    await execute(comment, claims(cast.assigned), { clientId: cast.clientA, itemId: item, body: "Shipped to staging." });
    expect((await inbox(cast.memberA)).at(-1)).toMatchObject({ kind: "roadmap.commented", mail: "none" });
    expect((await admin`select count(*)::int as n from public.outbox where to_email = ${cast.memberA.email}`)[0].n).toBe(before);
    await mode(cast.memberA, "immediately");
  });

  it("refuses a preference that is not one of the three, changing nothing", async () => {
    const refused = await execute(setEmailNotifications, claims(cast.ownerA), { mode: "hourly" });
    expect(refused.ok ? null : refused.error.fieldErrors.mode?.[0]).toBe("Choose how you want to hear of things by email.");
    expect((await admin`select email_notifications from public.profiles where id = ${cast.ownerA.id}`)[0].email_notifications).toBe("immediately");
  });
});

describe("what waits", () => {
  it("the inbox and the engineer home read it from one place; owners see requests waiting for their decision", async () => {
    const session = async (u: TestUser) => ({ claims: claims(u), viewer: await asUser(claims(u), (tx) => loadViewer(tx, { userId: u.id, email: u.email })) });
    const now = clockNow();
    const engineerInbox = await viewInbox(await session(cast.assigned), now);
    const home = await viewEngineerHome(await session(cast.assigned), now);
    expect(engineerInbox.waiting.proposals).toEqual(home.proposals);
    expect(engineerInbox.waiting.comments).toEqual(home.comments);
    expect(engineerInbox.waiting.questions).toEqual(home.questions);
    expect(engineerInbox.waiting.proposals.map((p) => p.title)).toContain("Loyalty export");
    const asked = await execute(requestExtraHours, claims(cast.assigned), {
      clientId: cast.clientA, month: thisMonth.slice(0, 7), hours: "2", reason: "Waiting for you", pricing: "rate", roadmapItemId: "",
    });
    const ownerInbox = await viewInbox(await session(cast.ownerA), now);
    expect(ownerInbox.waiting.decisions.map((d) => d.id)).toContain(asked.ok ? asked.data.id : "");
    expect(ownerInbox.waiting.proposals).toEqual([]);
    expect((await viewInbox(await session(cast.memberA), now)).waiting.decisions).toEqual([]);
  });
});

describe("reading and marking", () => {
  it("each person reads and marks only their own; another's id is not found and changes nothing", async () => {
    const mine = await asUser(claims(cast.ownerA), (tx) => listNotifications(tx, { limit: 50 }));
    expect(mine.length).toBeGreaterThan(1);
    expect(mine.every((n) => n.clientName === "Client A")).toBe(true);
    const theirs = (await admin`select id from public.notifications where user_id = ${cast.assigned.id} limit 1`)[0].id;
    expect(await asUser(claims(cast.ownerA), (tx) => tx`select id from public.notifications where id = ${theirs}`)).toEqual([]);
    const refused = await execute(markNotificationRead, claims(cast.ownerA), { notificationId: theirs });
    expect(refused.ok ? null : refused.error.userMessage).toBe("That notification could not be found.");
    expect(await execute(openNotification, claims(cast.ownerB), { notificationId: theirs }).then((o) => o.ok)).toBe(false);
    expect((await admin`select read_at from public.notifications where id = ${theirs}`)[0].read_at).toBeNull();

    const unread = await asUser(claims(cast.ownerA), unreadCount);
    const opened = await execute(openNotification, claims(cast.ownerA), { notificationId: mine[0].id });
    expect(opened.ok && opened.data).toBe(mine[0].href);
    expect(await asUser(claims(cast.ownerA), unreadCount)).toBe(unread - 1);
    const all = await execute(markAllNotificationsRead, claims(cast.ownerA), {});
    expect(all.ok && all.data).toBe(unread - 1);
    expect(await asUser(claims(cast.ownerA), unreadCount)).toBe(0);
  });

  it("someone removed from the client no longer reads its notifications", async () => {
    const gone = await createUser("gone");
    await addMember(cast.clientA, gone, "owner");
    await admin`insert into public.notifications (client_id, user_id, kind, title, href, dedupe_key, mail)
      values (${cast.clientA}, ${gone.id}, 'invoice.issued', 'Invoice issued', '/clients', ${`t:${gone.id}`}, 'none')`;
    expect((await asUser(claims(gone), (tx) => listNotifications(tx, { limit: 5 }))).length).toBe(1);
    await admin`delete from public.client_members where user_id = ${gone.id}`;
    expect(await asUser(claims(gone), (tx) => listNotifications(tx, { limit: 5 }))).toEqual([]);
    expect(await asUser(claims(gone), unreadCount)).toBe(0);
  });
});

describe("the daily digest", () => {
  const waiting = async (u: TestUser) => (await admin`select count(*)::int as n from public.notifications where user_id = ${u.id} and mail = 'digest'`)[0].n;
  const digests = async (u: TestUser) => (await admin<{ subject: string; body_text: string; dedupe_key: string }[]>`
    select subject, body_text, dedupe_key from public.outbox where to_email = ${u.email} and kind = 'notifications.digest' order by created_at`);
  const notice = (u: TestUser, clientId: string, title: string) => admin`
    insert into public.notifications (client_id, user_id, kind, title, body, href, dedupe_key, mail)
    values (${clientId}, ${u.id}, 'roadmap.commented', ${title}, 'A comment', ${`/clients/${clientId}/roadmap`}, ${`t:${u.id}:${title}`}, 'digest')`;

  it("goes at the first run after 08:00 in the person's zone, across the spring-forward change, once a local day", async () => {
    const dana = await createUser("dana");
    await addMember(cast.clientA, dana, "owner");
    await admin`update public.profiles set timezone = 'America/New_York', email_notifications = 'daily' where id = ${dana.id}`;
    await notice(dana, cast.clientA, "First");
    await notice(dana, cast.clientA, "Second");
    // Saturday 2027-03-13, 12:30 UTC is 07:30 EST: not yet.
    await sendDigests({ now: new Date("2027-03-13T12:30:00Z") });
    expect(await digests(dana)).toEqual([]);
    // 13:00 UTC is 08:00 EST: now. Both waiting items, one email.
    await sendDigests({ now: new Date("2027-03-13T13:00:00Z") });
    const [first] = await digests(dana);
    expect(first.subject).toBe("Your daily summary: 2 things from Client A");
    expect(first.body_text).toContain("First");
    expect(first.body_text).toContain("Second");
    expect(first.dedupe_key).toBe(`digest:${dana.id}:2027-03-13`);
    expect(await waiting(dana)).toBe(0);
    // Something new the same day waits for tomorrow, even if the job runs again.
    await notice(dana, cast.clientA, "Third");
    await sendDigests({ now: new Date("2027-03-13T20:00:00Z") });
    expect((await digests(dana)).length).toBe(1);
    expect(await waiting(dana)).toBe(1);
    // Sunday 2027-03-14 the clocks spring forward: 12:00 UTC is already 08:00 EDT.
    await sendDigests({ now: new Date("2027-03-14T11:59:00Z") });
    expect((await digests(dana)).length).toBe(1);
    await sendDigests({ now: new Date("2027-03-14T12:00:00Z") });
    const all = await digests(dana);
    expect(all.map((d) => d.dedupe_key)).toEqual([`digest:${dana.id}:2027-03-13`, `digest:${dana.id}:2027-03-14`]);
    expect(all[1].subject).toBe("Your daily summary: 1 thing from Client A");
  });

  it("skips clients the person left, and a person who switched to 'off' gets nothing", async () => {
    const lee = await createUser("lee");
    const sam = await createUser("sam");
    await addMember(cast.clientA, lee, "owner");
    await addMember(cast.clientB, lee, "owner");
    await addMember(cast.clientA, sam, "owner");
    await admin`update public.profiles set timezone = 'UTC', email_notifications = 'daily' where id in ${admin([lee.id, sam.id])}`;
    await notice(lee, cast.clientA, "Stays");
    await notice(lee, cast.clientB, "Left");
    await notice(sam, cast.clientA, "Muted");
    await admin`delete from public.client_members where user_id = ${lee.id} and client_id = ${cast.clientB}`;
    await admin`update public.profiles set email_notifications = 'off' where id = ${sam.id}`;
    await sendDigests({ now: new Date("2027-05-03T09:00:00Z") });
    const [d] = await digests(lee);
    expect(d.body_text).toContain("Stays");
    expect(d.body_text).not.toContain("Left");
    expect(await digests(sam)).toEqual([]);
    expect(await waiting(sam)).toBe(0);
    expect((await admin`select mail from public.notifications where user_id = ${lee.id} order by title`).map((r) => r.mail)).toEqual(["none", "digested"]);
  });

  it("is a scheduled job: refused without the cron secret, recorded with it", async () => {
    expect((await digestsCron(new Request("http://localhost/api/cron/send-digests", { method: "POST" }))).status).toBe(401);
    const res = await digestsCron(new Request("http://localhost/api/cron/send-digests", { method: "POST", headers: { authorization: `Bearer ${CRON_SECRET}` } }));
    expect(res.status).toBe(200);
    const [run] = await admin`select ok, summary from public.job_runs where job = 'send-digests' order by started_at desc limit 1`;
    expect(run.ok).toBe(true);
    expect(Object.keys(run.summary).sort()).toEqual(["digests", "notifications", "people", "waiting"]);
  });
});
