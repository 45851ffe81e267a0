// Monthly sign-off (issue 23) through the real close, cron selection and commands, on a fixed calendar: with a
// 3-day review window, May 2030 (a UTC client with two owners) does not close on June 2, neither from the cron's
// list nor from the Billing close, until both owners confirmed; it closes on June 4 whatever they did; with no
// window (the default) it closes at once. Owners question entries; the engineer is mailed, answers (the owner is
// mailed) and resolves; members cannot ask, other owners cannot take part; a closed month takes no question.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeMonthTx, dueMonths } from "@/lib/billing/close";
import { execute } from "@/lib/commands/execute";
import { asService, asUser, type Claims } from "@/lib/db";
import { loadViewer } from "@/lib/db/viewer";
import { viewInvoice } from "@/lib/pages/invoice";
import { answerEntryQuestion, askEntryQuestion, confirmReviewMonth } from "@/lib/reviews/commands";
import { monthReviews, notInReview } from "@/lib/reviews/months";
import { confirmMonth } from "@/lib/reviews/review";
import { addMember, admin, createCast, createClient, createUser, type TestUser } from "../support/fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
let owner2: TestUser;
let entryId: string;
const MAY = "2030-05-01";
const JUNE_2 = new Date("2030-06-02T12:00:00Z");
const JUNE_4 = new Date("2030-06-04T00:30:00Z");
const claims = (u: TestUser) => u.claims as Claims;
const client = () => ({ id: cast.clientA, name: "A", timezone: "UTC", currency: "USD" });
const close = (now: Date) => asService((tx) => closeMonthTx(tx, cast.clientA, MAY, { actorId: null, now, invoicing: "local" }));
const isDue = async (now: Date) => (await dueMonths(now)).some((d) => d.clientId === cast.clientA && d.month === MAY);
const confirmAs = (u: TestUser, now: Date) => asUser(claims(u), async (tx) => {
  const viewer = await loadViewer(tx, { userId: u.id, email: u.email });
  const [row] = await tx<{ id: string; name: string; slug: string; timezone: string; currency: string }[]>`select id, name, slug, timezone, currency from public.clients where id = ${cast.clientA}`;
  return confirmMonth(tx, viewer, row as never, MAY, now);
});
const errorOf = (o: { ok: boolean; error?: { code: string; userMessage: string; fieldErrors: Record<string, string[]> } }) => (o.ok ? null : o.error!);

beforeAll(async () => {
  await admin`update public.practice_settings set review_days = 3`;
  cast = await createCast();
  owner2 = await createUser("owner-a2");
  await addMember(cast.clientA, owner2, "owner");
  await admin`update public.clients set timezone = 'UTC' where id = ${cast.clientA}`;
  await admin`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents, overage_rate_cents_per_hour, overage_increment_minutes)
    values (${cast.clientA}, ${MAY}, 600, 400000, 15000, 15)`;
  const [e] = await admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category)
    values (${cast.clientA}, ${cast.assigned.id}, '2030-05-14', 240, 'Rebuilt the carrier sync', 'build') returning id`;
  entryId = e.id;
});
afterAll(async () => {
  await admin`update public.practice_settings set review_days = 0`;
});

describe("the review window", () => {
  it("holds the close of an ended month until every owner confirmed, never past the window", async () => {
    expect(await isDue(JUNE_2)).toBe(false);
    await expect(close(JUNE_2)).rejects.toThrow("The owners review May 2030 until June 4 (0 of 2 confirmed): it closes then, or as soon as every owner has confirmed.");
    const review = await asUser(claims(cast.ownerA), (tx) => monthReviews(tx, client(), "2030-06-02", cast.ownerA.id));
    expect(review(MAY)).toMatchObject({ open: true, closesOn: "2030-06-04", owners: 2, confirmed: 0, viewerConfirmed: false, reviewDays: 3 });
    expect(await asUser(claims(cast.admin), (tx) => notInReview(tx, [{ clientId: cast.clientA, month: MAY }], JUNE_2, async () => client()))).toEqual([]);

    expect(await confirmAs(cast.ownerA, JUNE_2)).toBe(true);
    expect(await confirmAs(cast.ownerA, JUNE_2)).toBe(false); // once
    expect(await isDue(JUNE_2)).toBe(false);
    await expect(close(JUNE_2)).rejects.toThrow("(1 of 2 confirmed)");
    // On June 4 the window is over: it closes, confirmed or not.
    expect(await isDue(JUNE_4)).toBe(true);
  });

  it("closes at once when every owner confirmed, and the month's question and confirmation commands follow the rules", async () => {
    // Questions: the owner asks; members cannot; one open question per entry; the engineer is mailed.
    const asked = await execute(askEntryQuestion, claims(cast.ownerA), { clientId: cast.clientA, entryId, body: "Was this the sync we paused?" });
    expect(asked.ok).toBe(true);
    const questionId = asked.ok ? asked.data : "";
    expect(errorOf(await execute(askEntryQuestion, claims(cast.memberA), { clientId: cast.clientA, entryId, body: "?" }))?.userMessage).toBe("Only the client's owners question entries.");
    expect(errorOf(await execute(askEntryQuestion, claims(owner2), { clientId: cast.clientA, entryId, body: "Me too" }))?.userMessage).toBe("This entry has an open question already: reply there.");
    expect(errorOf(await execute(askEntryQuestion, claims(cast.ownerB), { clientId: cast.clientA, entryId, body: "?" }))?.code).toBe("not_found");
    const [toEngineer] = await admin`select subject from public.outbox where kind = 'entry.questioned' and to_email = ${cast.assigned.email}`;
    expect(toEngineer.subject).toMatch(/questions an entry of May 2030$/);

    // The thread: the other owner may not take part; the engineer answers and resolves; the owner who asked is mailed.
    expect(errorOf(await execute(answerEntryQuestion, claims(owner2), { clientId: cast.clientA, questionId, body: "+1" }))?.userMessage)
      .toBe("Only the engineer and the owner who asked take part in this question.");
    expect(errorOf(await execute(answerEntryQuestion, claims(cast.assigned), { clientId: cast.clientA, questionId, body: "" }))?.fieldErrors.body?.[0])
      .toBe("Write an answer, or mark the question resolved.");
    const answered = await execute(answerEntryQuestion, claims(cast.assigned), { clientId: cast.clientA, questionId, body: "No: this was the rebuild, 4h.", resolve: "on" });
    expect(answered.ok && answered.data).toBe("resolved");
    const [toOwner] = await admin`select subject from public.outbox where kind = 'entry.question_answered' and to_email = ${cast.ownerA.email}`;
    expect(toOwner.subject).toMatch(/answered your question and resolved it$/);
    const thread = await admin`select body from public.entry_question_messages where question_id = ${questionId} order by created_at`;
    expect(thread.map((m) => m.body)).toEqual(["Was this the sync we paused?", "No: this was the rebuild, 4h."]);

    // Confirmation: members and staff cannot; the second owner's confirmation releases the close on June 2.
    expect(errorOf(await execute(confirmReviewMonth, claims(cast.memberA), { clientId: cast.clientA, month: MAY }))?.userMessage).toBe("Only the client's owners confirm a month.");
    expect(errorOf(await execute(confirmReviewMonth, claims(cast.assigned), { clientId: cast.clientA, month: MAY }))?.code).toBe("not_found");
    // A second question, left open: it does not hold the close, and the invoice's explanation lists it as disputed.
    const [second] = await admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category)
      values (${cast.clientA}, ${cast.assigned.id}, '2030-05-20', 60, 'Vendor call', 'meeting') returning id`;
    expect((await execute(askEntryQuestion, claims(owner2), { clientId: cast.clientA, entryId: second.id, body: "Which vendor?" })).ok).toBe(true);
    expect(await confirmAs(owner2, JUNE_2)).toBe(true);
    expect(await isDue(JUNE_2)).toBe(true);
    const closed = await close(JUNE_2);
    expect(closed.outcome).toBe("closed");
    const explained = await viewInvoice({ claims: claims(cast.ownerA), client: { id: cast.clientA, timezone: "UTC" } } as never, closed.invoiceId!, JUNE_2);
    expect(explained.questions.map((q) => [q.entryDescription, q.status])).toEqual([["Vendor call", "open"], ["Rebuilt the carrier sync", "resolved"]]);

    // Closed: no question on its entries, no confirmation.
    expect(errorOf(await execute(askEntryQuestion, claims(cast.ownerA), { clientId: cast.clientA, entryId, body: "Late" }))?.code).toBe("month_closed");
    await expect(confirmAs(owner2, JUNE_2)).rejects.toThrow("May 2030 is closed already.");
  });

  it("with no window (the practice's default) closes at once, and a client without owners waits for nobody", async () => {
    const lonely = await createClient({ timezone: "UTC" });
    await admin`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents, overage_rate_cents_per_hour, overage_increment_minutes)
      values (${lonely}, ${MAY}, 600, 400000, 15000, 15)`;
    expect((await dueMonths(JUNE_2)).some((d) => d.clientId === lonely && d.month === MAY)).toBe(true);
    await admin`update public.practice_settings set review_days = 0`;
    const other = await createClient({ timezone: "UTC" });
    const owner = await createUser("owner-x");
    await addMember(other, owner, "owner");
    await admin`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents, overage_rate_cents_per_hour, overage_increment_minutes)
      values (${other}, ${MAY}, 600, 400000, 15000, 15)`;
    expect((await dueMonths(JUNE_2)).some((d) => d.clientId === other && d.month === MAY)).toBe(true);
    expect((await asService((tx) => closeMonthTx(tx, other, MAY, { actorId: null, now: JUNE_2, invoicing: "local" }))).outcome).toBe("closed");
  });
});
