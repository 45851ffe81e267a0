// Issue 23, replies to update emails (POST /api/inbound/email), attacked on the production stack: a real update of
// Harbor's is published and its owner's email carries a signed reply address; then
//   - the route without its secret, and with a wrong one;
//   - the owner's reply address used by Harbor's member, by Kiwi's owner and by a stranger;
//   - forged addresses: a changed character, a cut token, a token for another notification signed under another
//     secret, a real token of another kind of notification (a roadmap comment), Kiwi's owner's address sent from
//     Harbor's owner;
//   - automatic replies (Auto-Submitted, Precedence: list, X-Autoreply), a reply that is all quote, a message over 1 MB;
//   - the control: the owner's own reply, HTML only with a script in it, becomes one plain-text comment.
// Figure: attempts, succeeded 0, comments written 0 before the control.
import assert from "node:assert/strict";
import { demoId } from "@/lib/dev/seed";
import { replyToken } from "@/lib/platform/reply-token";
import { actionIds, callAction, cookieFor, type Stack } from "../harness";

type Report = (line: string) => void;

export const INBOUND = { address: "reply+{token}@inbound.stress.test", secret: "stress-inbound-secret-0123456789abcdef" };

/** A token as the app makes it, under a secret of the attacker's choosing. */
const tokenUnder = (notificationId: string, secret: string) => replyToken(notificationId, secret);

export async function replies(stack: Stack, report: Report, ctx: { checksums: () => Promise<Record<string, string>> }) {
  const harbor = demoId("client:harbor");
  const kiwi = demoId("client:kiwi");
  const publish = async (clientId: string, who: "sam" | "priya") => {
    const [draft] = await stack.admin<{ id: string }[]>`
      insert into public.weekly_updates (client_id, week_start, title, body_md) values (${clientId}, '2031-09-01', 'x', 'x') returning id`;
    const reply = await callAction(stack, await cookieFor(stack, who), actionIds().get("publishUpdateAction")!, { clientId, updateId: draft.id, title: "Stress: replies", bodyMd: "Shipped." });
    assert.ok(reply.result?.ok !== false, `publishing: ${JSON.stringify(reply.result)}`);
    return draft.id;
  };
  const updateId = await publish(harbor, "sam");
  await publish(kiwi, "priya");
  const replyOf = async (email: string) => (await stack.admin<{ replyTo: string }[]>`
    select reply_to as "replyTo" from public.outbox where kind = 'update.published' and to_email = ${email} and subject like '%Stress: replies' order by created_at desc limit 1`)[0].replyTo;
  const olivia = await replyOf("olivia@harborpine.test");
  const aroha = await replyOf("aroha@kiwifreight.test");
  assert.match(olivia, /^reply\+[a-z2-7]{42}@inbound\.stress\.test$/);
  const token = olivia.slice(6, 48);
  const [roadmapNotice] = await stack.admin<{ id: string }[]>`
    insert into public.notifications (client_id, user_id, kind, title, href, dedupe_key, mail)
    values (${harbor}, ${demoId("olivia@harborpine.test")}, 'roadmap.commented', 'x', '/clients', ${`stress:${Date.now()}`}, 'none') returning id`;

  const raw = (o: { from: string; to: string; body?: string; headers?: string[]; html?: string }) => [
    `From: <${o.from}>`, `To: ${o.to}`, "Subject: Re: Stress: replies", `Message-ID: <${Math.random()}@stress.test>`, "MIME-Version: 1.0",
    `Content-Type: ${o.html ? "text/html" : "text/plain"}; charset=utf-8`, ...(o.headers ?? []), "", o.html ?? o.body ?? "Approved, go ahead",
  ].join("\r\n");
  const comments = async () => (await stack.admin<{ n: number }[]>`select count(*)::int as n from public.update_comments where update_id = ${updateId}`)[0].n;
  const send = (body: string, auth: string | null = `Bearer ${INBOUND.secret}`) =>
    fetch(`${stack.base}/api/inbound/email`, { method: "POST", headers: { "content-type": "message/rfc822", ...(auth ? { authorization: auth } : {}) }, body });

  const before = await ctx.checksums();
  const commentsBefore = await comments();
  let attempts = 0;
  let succeeded = 0;
  const problems: string[] = [];
  const statuses: Record<string, number> = {};
  const attempt = async (label: string, body: string, auth?: string | null) => {
    attempts++;
    const res = await send(body, auth);
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    const out = res.status === 200 ? await res.json() as { outcome: string } : (await res.arrayBuffer(), null);
    if (res.status >= 500 || out?.outcome === "comment") {
      succeeded++;
      problems.push(`${label}: ${res.status} ${JSON.stringify(out)}`);
    }
  };
  const flip = (t: string) => `${t.slice(0, 20)}${t[20] === "a" ? "b" : "a"}${t.slice(21)}`;
  await attempt("no secret", raw({ from: "olivia@harborpine.test", to: olivia }), null);
  await attempt("a wrong secret", raw({ from: "olivia@harborpine.test", to: olivia }), "Bearer stress-inbound-secret-0123456789abcdeX");
  for (const from of ["marco@harborpine.test", "aroha@kiwifreight.test", "mallory@evil.example", "olivia@harborpine.test.evil.example"]) {
    await attempt(`${from} with the owner's address`, raw({ from, to: olivia }));
  }
  for (const [label, to] of [
    ["a changed character", `reply+${flip(token)}@inbound.stress.test`], ["a cut token", `reply+${token.slice(0, 41)}@inbound.stress.test`],
    ["another domain", `reply+${token}@inbound.stress.test.evil.example`], ["another secret", `reply+${tokenUnder(roadmapNotice.id, "guessed-secret")}@inbound.stress.test`],
    ["Kiwi's owner's address from Harbor's owner", aroha],
  ] as const) {
    await attempt(label, raw({ from: "olivia@harborpine.test", to }));
  }
  for (const headers of [["Auto-Submitted: auto-replied"], ["Precedence: list"], ["X-Autoreply: yes"]]) {
    await attempt(headers[0], raw({ from: "olivia@harborpine.test", to: olivia, headers }));
  }
  await attempt("all quote", raw({ from: "olivia@harborpine.test", to: olivia, body: "On Mon, Nov 16, 2026 at 9:00 AM Sam <sam@practice.test> wrote:\r\n> Shipped." }));
  await attempt("over 1 MB", raw({ from: "olivia@harborpine.test", to: olivia, body: "x".repeat(1_100_000) }));
  const written = (await comments()) - commentsBefore;
  const after = await ctx.checksums();
  // Refusals are recorded (inbound_emails) and the roadmap notice above was planted: nothing else changed.
  const changed = Object.keys(before).filter((t) => before[t] !== after[t] && !["inbound_emails", "notifications"].includes(t));

  // The control: the owner's own reply, HTML only with a script in it, becomes one plain-text comment.
  const control = await send(raw({ from: "OLIVIA@harborpine.test", to: olivia, html: "<p>Approved, <b>go ahead</b>.</p><script>alert(1)</script>" }));
  const out = await control.json() as { outcome: string };
  const [comment] = await stack.admin<{ body: string; via: string }[]>`select body, via from public.update_comments where update_id = ${updateId} order by created_at desc limit 1`;
  report(`email replies: ${attempts} attempts (no or a wrong secret, the owner's reply address from 4 other senders, 5 forged or foreign addresses, 3 automatic replies, all quote, over 1 MB; statuses ${JSON.stringify(statuses)}), succeeded: ${succeeded}, comments written: ${written}, rows changed: ${changed.length}; the owner's own HTML reply: ${out.outcome}, "${comment?.body}"`);
  assert.deepEqual(problems, []);
  assert.equal(succeeded, 0);
  assert.equal(written, 0);
  assert.deepEqual(changed, []);
  assert.equal(out.outcome, "comment");
  assert.equal(comment.via, "email");
  assert.ok(!/<|alert/.test(comment.body), `the comment is plain text: ${comment.body}`);
}
