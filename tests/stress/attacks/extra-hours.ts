// Issue 23, owners decide: extra hours and the monthly review are the owners' decisions, attacked on the production stack.
//   - a real open request of Harbor's (asked by its engineer); then every other way to decide or withdraw it: the
//     client's member, its staff, owners of other clients (with Harbor's id, and with their own client's id and
//     Harbor's request), an engineer of another client, signed out;
//   - the engineer's own request approved by the engineer; an owner withdrawing what staff asked;
//   - a real question of Harbor's owner on an entry; then asking, answering and confirming as everyone who may not:
//     the member, staff confirming, other clients' owners (with their own client's id and Harbor's entry or
//     question), signed out;
//   - the control: 10 decisions at once by the owner (approve and decline racing): exactly one lands.
// Figure: attempts, succeeded 0, rows changed 0 before the control.
import assert from "node:assert/strict";
import { demoId } from "@/lib/dev/seed";
import { actionIds, callAction, cookieFor, refusalTally, type Stack } from "../harness";

type Report = (line: string) => void;

export async function extraHours(stack: Stack, report: Report, ctx: { checksums: () => Promise<Record<string, string>> }) {
  const actions = actionIds();
  const request = actions.get("requestExtraHoursAction")!;
  const decide = actions.get("decideExtraHoursAction")!;
  const withdraw = actions.get("withdrawExtraHoursAction")!;
  const harbor = demoId("client:harbor");
  const kiwi = demoId("client:kiwi");
  const sam = await cookieFor(stack, "sam");
  const [{ month }] = await stack.admin<{ month: string }[]>`select to_char(now() at time zone 'America/Los_Angeles', 'YYYY-MM') as month`;
  const asked = await callAction(stack, sam, request, { clientId: harbor, month, hours: "8", reason: "Stress: wholesale portal", pricing: "rate" });
  assert.equal(asked.result?.ok, true, `the engineer asks: ${JSON.stringify(asked.result)}`);
  const [{ id: requestId }] = await stack.admin<{ id: string }[]>`
    select id from public.extra_hours_requests where client_id = ${harbor} and reason = 'Stress: wholesale portal' and status = 'open' order by requested_at desc limit 1`;

  // A real question of the owner's on an entry of this month (the control for the thread's doors).
  const olivia = await cookieFor(stack, "olivia");
  const [entry] = await stack.admin<{ id: string }[]>`
    select e.id from public.time_entries e where e.client_id = ${harbor} and e.voided_at is null
      and not exists (select 1 from public.billing_periods bp where bp.client_id = e.client_id and bp.month = date_trunc('month', e.work_date)::date and bp.status = 'closed')
      and not exists (select 1 from public.entry_questions q where q.entry_id = e.id and q.status = 'open')
    order by e.work_date desc limit 1`;
  const askedQuestion = await callAction(stack, olivia, actions.get("askQuestionAction")!, { clientId: harbor, entryId: entry.id, body: "Stress: was this planned?" });
  assert.equal(askedQuestion.result?.ok, true, `the owner asks: ${JSON.stringify(askedQuestion.result)}`);
  const [{ id: questionId }] = await stack.admin<{ id: string }[]>`select id from public.entry_questions where entry_id = ${entry.id} and status = 'open'`;
  const [{ lastMonth }] = await stack.admin<{ lastMonth: string }[]>`
    select to_char(date_trunc('month', now() at time zone 'America/Los_Angeles') - interval '1 month', 'YYYY-MM-DD') as "lastMonth"`;

  const before = await ctx.checksums();
  const { tally, attempt } = refusalTally(stack);
  for (const decision of ["approve", "decline"]) {
    for (const who of ["marco", "sam", "priya", "aroha", "yuki"] as const) {
      await attempt(`${who} ${decision}s Harbor's request`, await cookieFor(stack, who), decide, { clientId: harbor, requestId, decision, poNumber: "PO-X" });
    }
    // An owner of another client, naming their own client and Harbor's request.
    await attempt(`aroha ${decision}s it through Kiwi`, await cookieFor(stack, "aroha"), decide, { clientId: kiwi, requestId, decision });
    // Signed out.
    await attempt(`signed out ${decision}s it`, "", decide, { clientId: harbor, requestId, decision });
  }
  for (const who of ["olivia", "marco", "aroha", "yuki"] as const) {
    await attempt(`${who} withdraws the engineer's request`, await cookieFor(stack, who), withdraw, { clientId: harbor, requestId });
  }
  const ask = actions.get("askQuestionAction")!;
  const answer = actions.get("answerQuestionAction")!;
  const confirm = actions.get("confirmMonthAction")!;
  for (const who of ["marco", "sam", "priya", "yuki"] as const) {
    await attempt(`${who} asks about Harbor's entry`, await cookieFor(stack, who), ask, { clientId: harbor, entryId: entry.id, body: "?" });
  }
  await attempt("aroha asks about Harbor's entry through Kiwi", await cookieFor(stack, "aroha"), ask, { clientId: kiwi, entryId: entry.id, body: "?" });
  for (const who of ["marco", "aroha", "yuki", "priya"] as const) {
    await attempt(`${who} answers Harbor's question`, await cookieFor(stack, who), answer, { clientId: harbor, questionId, body: "!", resolve: "on" });
  }
  await attempt("aroha answers it through Kiwi", await cookieFor(stack, "aroha"), answer, { clientId: kiwi, questionId, body: "!", resolve: "on" });
  await attempt("signed out answers it", "", answer, { clientId: harbor, questionId, body: "!", resolve: "on" });
  for (const who of ["marco", "sam", "priya", "aroha", "yuki"] as const) {
    await attempt(`${who} confirms Harbor's last month`, await cookieFor(stack, who), confirm, { clientId: harbor, month: lastMonth });
  }
  await attempt("aroha confirms Harbor's month through Kiwi", await cookieFor(stack, "aroha"), confirm, { clientId: kiwi, month: "2031-01-01" });
  const after = await ctx.checksums();
  const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
  const [{ status }] = await stack.admin<{ status: string }[]>`select status from public.extra_hours_requests where id = ${requestId}`;
  assert.equal(status, "open", "nobody but an owner decided it");

  // The control: the owner decides ten times at once; one decision lands, the rest are told it was decided.
  const replies = await Promise.all(Array.from({ length: 10 }, (_, i) =>
    callAction(stack, olivia, decide, { clientId: harbor, requestId, decision: i % 2 ? "decline" : "approve" })));
  const landed = replies.filter((r) => r.result?.ok === true).length;
  const [{ decisions }] = await stack.admin<{ decisions: number }[]>`
    select count(*)::int as decisions from public.audit_events where entity_id = ${requestId} and action in ('extra_hours.approved', 'extra_hours.declined')`;
  report(`owners decide: ${tally.attempts} attempts (members, staff, other clients' owners and engineers, signed out: deciding and withdrawing extra hours, asking, answering, confirming), succeeded: ${tally.succeeded}, rows changed: ${changed.length}; 10 racing decisions by the owner: ${landed} landed, ${decisions} audited`);
  assert.deepEqual(tally.problems, []);
  assert.equal(tally.succeeded, 0);
  assert.deepEqual(changed, []);
  assert.equal(landed, 1);
  assert.equal(decisions, 1);
}
