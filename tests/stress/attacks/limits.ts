// Issue 29, limits after sign-in (ASVS 2.4.1), on the production stack, through the server actions as a browser
// posts them:
//   - Harbor's owner comments on a published update past the comments limit (60 an hour per person): each run
//     past it is refused with "Try again in N minutes" and writes no comment and no notification;
//   - Kiwi's engineer invites past the invitations limit (30 an hour per person): refused the same way, with no
//     invitation and no email queued;
//   - Harbor's owner downloads Harbor's export past the exports limit (20 an hour per person): 429 with the same
//     sentence in the one JSON error contract.
// The count is per person across the app's servers (rows in public.rate_limit_hits), so whatever the person did
// earlier in this run already counts: each attack reads what is left of the hour and goes 10 past it.
// Figure: attempts past the limit, succeeded 0, rows written by them 0, and the refusals' message.
import assert from "node:assert/strict";
import { LIMITS } from "@/lib/domain/limits";
import { demoId } from "@/lib/dev/seed";
import { actionIds, callAction, cookieFor, type Stack } from "../harness";

type Report = (line: string) => void;
const PAST = 10;

export async function limits(stack: Stack, report: Report) {
  const actions = actionIds();
  const harbor = demoId("client:harbor");
  const kiwi = demoId("client:kiwi");
  const left = async (limit: { key: string; max: number; windowMinutes: number }, userId: string) => {
    const [{ n }] = await stack.admin<{ n: number }[]>`
      select count(*)::int as n from public.rate_limit_hits
      where bucket = ${`limit:${limit.key}:person:${userId}`} and at > now() - make_interval(mins => ${limit.windowMinutes})`;
    return limit.max - n;
  };
  const count = async (table: "update_comments" | "invitations" | "outbox" | "notifications") =>
    (await stack.admin<{ n: number }[]>`select count(*)::int as n from ${stack.admin(`public.${table}`)}`)[0].n;

  // Comments: a published update of Harbor's to comment on.
  const [update] = await stack.admin<{ id: string }[]>`
    insert into public.weekly_updates (client_id, week_start, status, title, body_md, source, published_at)
    values (${harbor}, '2031-10-06', 'published', 'Stress: limits', 'Shipped.', 'manual', now()) returning id`;
  const olivia = await cookieFor(stack, "olivia");
  const comment = actions.get("commentOnUpdateAction")!;
  const commentsLeft = await left(LIMITS.comments, demoId("olivia@harborpine.test"));
  const refusals: string[] = [];
  let accepted = 0;
  for (let i = 0; i < commentsLeft; i++) {
    const reply = await callAction(stack, olivia, comment, { clientId: harbor, updateId: update.id, body: `Comment ${i + 1}` });
    if (reply.result?.ok) accepted++;
  }
  assert.equal(accepted, commentsLeft, "every comment within the limit is posted");
  const before = { comments: await count("update_comments"), notifications: await count("notifications") };
  let succeeded = 0;
  for (let i = 0; i < PAST; i++) {
    const reply = await callAction(stack, olivia, comment, { clientId: harbor, updateId: update.id, body: `One too many ${i + 1}` });
    if (reply.result?.ok !== false) succeeded++;
    else refusals.push(reply.result.error ?? "");
  }
  const written = { comments: (await count("update_comments")) - before.comments, notifications: (await count("notifications")) - before.notifications };

  // Invitations, by Kiwi's engineer.
  const priya = await cookieFor(stack, "priya");
  const inviteAction = actions.get("inviteAction")!;
  const invitationsLeft = await left(LIMITS.invitations, demoId("priya@practice.test"));
  for (let i = 0; i < invitationsLeft; i++) {
    const reply = await callAction(stack, priya, inviteAction, { clientId: kiwi, email: `limit-${i}@kiwifreight.test`, role: "member" });
    assert.ok(reply.result?.ok, `invitation ${i + 1} within the limit: ${JSON.stringify(reply.result)}`);
  }
  const beforeInvites = { invitations: await count("invitations"), outbox: await count("outbox") };
  for (let i = 0; i < PAST; i++) {
    const reply = await callAction(stack, priya, inviteAction, { clientId: kiwi, email: `past-limit-${i}@kiwifreight.test`, role: "member" });
    if (reply.result?.ok !== false) succeeded++;
    else refusals.push(reply.result.error ?? "");
  }
  const invited = { invitations: (await count("invitations")) - beforeInvites.invitations, outbox: (await count("outbox")) - beforeInvites.outbox };

  // Exports: Harbor's owner downloads Harbor's ZIP up to what is left of the hour, then 5 past it.
  const exportsLeft = await left(LIMITS.exports, demoId("olivia@harborpine.test"));
  for (let i = 0; i < exportsLeft; i++) {
    const res = await fetch(`${stack.base}/clients/${harbor}/export`, { headers: { cookie: olivia } });
    await res.arrayBuffer();
    assert.equal(res.status, 200, `export ${i + 1} within the limit`);
  }
  const DOWNLOADS_PAST = 5;
  for (let i = 0; i < DOWNLOADS_PAST; i++) {
    const res = await fetch(`${stack.base}/clients/${harbor}/export`, { headers: { cookie: olivia } });
    const body = await res.text();
    if (res.status !== 429) succeeded++;
    else refusals.push((JSON.parse(body) as { error: { message: string } }).error.message);
  }

  const messages = [...new Set(refusals.map((m) => m.replace(/\d+ minutes?/, "N minutes")))];
  report(`limits after sign-in: ${2 * PAST + DOWNLOADS_PAST} attempts past the limits (${PAST} comments by Harbor's owner after ${commentsLeft} posted, ${PAST} invitations by Kiwi's engineer after ${invitationsLeft} sent, ${DOWNLOADS_PAST} exports by Harbor's owner after ${exportsLeft} downloaded), succeeded: ${succeeded}, rows written by them: ${written.comments + written.notifications + invited.invitations + invited.outbox}; refused with ${messages.map((m) => `"${m}"`).join(" and ")}`);
  assert.equal(succeeded, 0);
  assert.deepEqual(written, { comments: 0, notifications: 0 });
  assert.deepEqual(invited, { invitations: 0, outbox: 0 });
  assert.equal(refusals.length, 2 * PAST + DOWNLOADS_PAST);
  assert.ok(refusals.every((m) => /Try again in \d+ minutes?\.$/.test(m)), `every refusal says when to try again: ${messages.join(" | ")}`);
}
