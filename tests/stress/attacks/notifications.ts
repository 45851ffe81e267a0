// Issue 23, the inbox: each person's notifications and email preference are their own, attacked on the production
// stack.
//   - a real notification of Harbor's owner (the engineer asks for extra hours: the owner is told); then every other
//     person opens it or marks it read (the client's member, its engineer, an admin, other clients' owners), and
//     signed out;
//   - the email preference with someone else's id slipped in (userId, user_id, id): it changes only the caller's own;
//   - the digest's cron without the secret, and with a wrong one;
//   - the owner's signed decision link from the request's email: opened by a member, another client's owner, staff,
//     and by the owner with its decision, signature, request, expiry or client changed (never a decision form);
//     signed out (to sign in, and back to the link itself); hostile return paths on the sign-in pages (never carried);
//   - Slack connected by people who may not, and to addresses that are not Slack's (loopback, a listener here,
//     metadata, look-alike hosts, another port): refused on the field, no connection made;
//   - the control: the owner opens their own and is sent where it points, marked read.
// Figure: attempts, succeeded 0, rows changed 0 before the control.
import assert from "node:assert/strict";
import { pendingCookie } from "./client-ips";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { demoId } from "@/lib/dev/seed";
import { actionIds, callAction, cookieFor, type Stack } from "../harness";

type Report = (line: string) => void;

export async function inbox(stack: Stack, report: Report, ctx: { checksums: () => Promise<Record<string, string>> }) {
  const actions = actionIds();
  const harbor = demoId("client:harbor");
  const olivia = await cookieFor(stack, "olivia");
  const oliviaId = demoId("olivia@harborpine.test");
  const [{ month }] = await stack.admin<{ month: string }[]>`select to_char(now() at time zone 'America/Los_Angeles', 'YYYY-MM') as month`;
  const asked = await callAction(stack, await cookieFor(stack, "sam"), actions.get("requestExtraHoursAction")!,
    { clientId: harbor, month, hours: "3", reason: "Stress: inbox", pricing: "rate" });
  assert.equal(asked.result?.ok, true, `the engineer asks: ${JSON.stringify(asked.result)}`);
  const [mine] = await stack.admin<{ id: string; href: string }[]>`
    select id, href from public.notifications where user_id = ${oliviaId} and kind = 'extra_hours.requested' and read_at is null order by created_at desc limit 1`;
  assert.ok(mine, "the owner was told of the request");
  const [{ mode: oliviaMode }] = await stack.admin<{ mode: string }[]>`select email_notifications as mode from public.profiles where id = ${oliviaId}`;

  const before = await ctx.checksums();
  let attempts = 0;
  let succeeded = 0;
  const problems: string[] = [];
  const attempt = async (label: string, cookie: string, name: string, fields: Record<string, string>, refusedWhen?: (ok: boolean | undefined) => boolean) => {
    attempts++;
    const reply = await callAction(stack, cookie, actions.get(name)!, fields);
    const refused = refusedWhen ? refusedWhen(reply.result?.ok) : reply.result?.ok === false || (cookie === "" && reply.status === 307 && reply.result === null);
    if (!refused || reply.status >= 500) {
      succeeded++;
      problems.push(`${label}: ${reply.status} ${JSON.stringify(reply.result)?.slice(0, 160)}`);
    }
  };
  for (const who of ["marco", "sam", "priya", "aroha", "yuki"] as const) {
    const cookie = await cookieFor(stack, who);
    await attempt(`${who} opens the owner's notification`, cookie, "openNotificationAction", { notificationId: mine.id });
    await attempt(`${who} marks it read`, cookie, "markNotificationReadAction", { notificationId: mine.id });
  }
  await attempt("signed out opens it", "", "openNotificationAction", { notificationId: mine.id });
  await attempt("signed out marks it read", "", "markNotificationReadAction", { notificationId: mine.id });
  // The preference names nobody: extra fields naming the owner are ignored, and the caller's own row is set to what it was.
  for (const key of ["userId", "user_id", "id"]) {
    const [{ mode }] = await stack.admin<{ mode: string }[]>`select email_notifications as mode from public.profiles where id = ${demoId("marco@harborpine.test")}`;
    attempts++;
    await callAction(stack, await cookieFor(stack, "marco"), actions.get("setEmailNotificationsAction")!, { mode, [key]: oliviaId });
    const [{ mode: now }] = await stack.admin<{ mode: string }[]>`select email_notifications as mode from public.profiles where id = ${oliviaId}`;
    if (now !== oliviaMode) {
      succeeded++;
      problems.push(`marco set the owner's preference through ${key}`);
    }
  }
  // The digest's schedule: without the secret, or with a wrong one.
  for (const authorization of [undefined, "Bearer wrong", "Basic Y3Jvbjpjcm9u"]) {
    attempts++;
    const res = await fetch(`${stack.base}/api/cron/send-digests`, { method: "POST", headers: authorization ? { authorization } : {} });
    if (res.status !== 401) {
      succeeded++;
      problems.push(`send-digests with ${authorization ?? "no header"}: ${res.status}`);
    }
  }
  // The decision links of the request's email (lib/extra-hours/link): the owner's link, as others and tampered.
  const [{ text }] = await stack.admin<{ text: string }[]>`
    select body_text as text from public.outbox where kind = 'extra_hours.requested' and to_email = 'olivia@harborpine.test' order by created_at desc limit 1`;
  const link = new URL(/Approve 3h (http\S+)/.exec(text)![1]);
  const path = `${link.pathname}${link.search}`;
  const with_ = (key: string, value: string) => { const u = new URL(link); u.searchParams.set(key, value); return `${u.pathname}${u.search}`; };
  const [another] = await stack.admin<{ other: string }[]>`select id as other from public.extra_hours_requests where client_id = ${harbor} and id <> ${link.searchParams.get("r")} limit 1`;
  const t = link.searchParams.get("t")!;
  const visits: [string, string, string][] = [
    ["marco (a member) opens the owner's link", "marco", path], ["aroha (Kiwi's owner) opens it", "aroha", path],
    ["sam (an admin) opens it", "sam", path], ["priya (another client's engineer) opens it", "priya", path],
    ["the owner flips its decision", "olivia", with_("d", "decline")], ["the owner changes its signature", "olivia", with_("t", `${t.slice(0, -2)}xx`)],
    ["the owner points it at another request", "olivia", with_("r", another?.other ?? harbor)], ["the owner moves its expiry", "olivia", with_("e", String(Number(link.searchParams.get("e")) + 86_400))],
    ["the owner opens it on another client", "olivia", path.replace(harbor, demoId("client:kiwi"))],
  ];
  for (const [label, who, where] of visits) {
    attempts++;
    const res = await fetch(`${stack.base}${where}`, { headers: { cookie: await cookieFor(stack, who as "olivia") }, redirect: "manual" });
    const html = await res.text();
    if (res.status >= 500 || (res.status === 200 && /value="approve"/.test(html))) {
      succeeded++;
      problems.push(`${label}: ${res.status}, the decision form was offered`);
    }
  }
  // The control: the owner's own link, untouched, offers the decision.
  const own = await (await fetch(`${stack.base}${path}`, { headers: { cookie: olivia } })).text();
  assert.match(own, /value="approve"/, "the owner's own link offers the decision");
  // Signed out, the link goes to sign in and back to itself (a path on this site), never anywhere else.
  attempts++;
  const out = await fetch(`${stack.base}${path}`, { redirect: "manual" });
  const back = new URL(out.headers.get("location") ?? "", stack.base).searchParams.get("next");
  if (out.status !== 307 || back !== path) {
    succeeded++;
    problems.push(`signed out: ${out.status} to ${out.headers.get("location")}`);
  }
  // Sign-in's return path never leaves the site: the forms carry none of these.
  for (const next of ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "/login?next=//evil.example"]) {
    for (const [page, cookie] of [["/login", ""], ["/login/verify", pendingCookie("sam@practice.test", harbor)]]) {
      attempts++;
      const html = await (await fetch(`${stack.base}${page}?next=${encodeURIComponent(next)}`, { headers: { cookie } })).text();
      if (/name="next"/.test(html)) {
        succeeded++;
        problems.push(`${page} carried next=${next}`);
      }
    }
  }
  // Slack: people who may not connect it, and addresses that are not Slack's (a listener on loopback counts any
  // connection the app makes to them).
  let inside = 0;
  const listener = http.createServer((_req, res) => { inside++; res.end("ok"); });
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
  const port = (listener.address() as AddressInfo).port;
  const slackish = "T0001/B0001/abcdefghijklmnop";
  const connect = actions.get("connectSlackAction")!;
  for (const who of ["marco", "aroha", "yuki", "priya"] as const) {
    await attempt(`${who} connects Harbor's Slack`, await cookieFor(stack, who), "connectSlackAction", { clientId: harbor, url: `https://hooks.slack.com/services/${slackish}`, "event.update.published": "on" });
  }
  for (const url of [`http://127.0.0.1:${port}/services/${slackish}`, `https://127.0.0.1:${port}/services/${slackish}`, `http://localhost:${port}/services/${slackish}`,
    `https://hooks.slack.com@127.0.0.1:${port}/services/${slackish}`, `https://hooks.slack.com.127.0.0.1.nip.io:${port}/services/${slackish}`,
    "https://169.254.169.254/latest/meta-data/", `https://hooks.slack.com:${port}/services/${slackish}`, `https://HOOKS.slack.com/services/${slackish}/../../../x`]) {
    attempts++;
    const reply = await callAction(stack, olivia, connect, { clientId: harbor, url, "event.update.published": "on" });
    if (reply.result?.ok !== false || !reply.result.fieldErrors?.url) {
      succeeded++;
      problems.push(`olivia connects ${url}: ${reply.status} ${JSON.stringify(reply.result)?.slice(0, 160)}`);
    }
  }
  await new Promise<void>((resolve) => listener.close(() => resolve()));
  const after = await ctx.checksums();
  const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
  const [{ readAt }] = await stack.admin<{ readAt: Date | null }[]>`select read_at as "readAt" from public.notifications where id = ${mine.id}`;
  assert.equal(readAt, null, "nobody but the owner marked it read");

  // The control: the owner opens their own, lands where it points, and it is read.
  const opened = await callAction(stack, olivia, actions.get("openNotificationAction")!, { notificationId: mine.id });
  const [{ readAt: read }] = await stack.admin<{ readAt: Date | null }[]>`select read_at as "readAt" from public.notifications where id = ${mine.id}`;
  const landed = (opened.redirect ?? "").split(";")[0] === mine.href && read !== null;
  report(`inbox and links: ${attempts} attempts (5 other people and signed out opening or marking the owner's notification, the preference with the owner's id in 3 fields, the digest cron without or with a wrong secret, the owner's decision link opened by 4 others and tampered 5 ways, signed out, 10 hostile return paths on the sign-in pages, Slack connected by 4 who may not and to 8 addresses that are not Slack's), succeeded: ${succeeded}, connections to the inside: ${inside}, rows changed: ${changed.length}; the owner's own notification: ${landed ? "opened, read, sent where it points" : "NOT opened"}; the owner's own link: offers the decision`);
  assert.deepEqual(problems, []);
  assert.equal(succeeded, 0);
  assert.deepEqual(changed, []);
  assert.equal(inside, 0);
  assert.ok(landed, `the owner opens their own: ${opened.status} ${opened.redirect} ${JSON.stringify(opened.result)}`);
}
