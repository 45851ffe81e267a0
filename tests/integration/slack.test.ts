// A client's Slack (issue 23), through the real commands against a local Slack double: only Slack's own webhook
// URLs are taken, and only after a test message reaches them; the URL is stored encrypted and nobody signed in can
// read it; a published update (and an extra hours request) is posted after the change commits, its words escaped
// for Slack's markup; a failing Slack is retried and shown, and never blocks publishing; disconnecting stops it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execute } from "@/lib/commands/execute";
import { asUser, type Claims } from "@/lib/db";
import { getSlackConnection } from "@/lib/db/slack";
import { openSecret } from "@/lib/platform/secret-box";
import { connectSlack, disconnectSlack } from "@/lib/slack/commands";
import { deliverSlack } from "@/lib/slack/deliver";
import { publishUpdate } from "@/lib/updates/commands";
import { startSlackDouble, slackWebhookUrl } from "../doubles/slack";
import { admin, createCast, type TestUser } from "../support/fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
let slack: Awaited<ReturnType<typeof startSlackDouble>>;
const saved = process.env.SLACK_API_ORIGIN;
const claims = (u: TestUser) => u.claims as Claims;
const connection = async (clientId: string) => (await admin`select * from public.client_slack where client_id = ${clientId}`)[0];
const connect = (who: TestUser, clientId: string, url: string, events = ["update.published", "extra_hours.requested", "invoice.issued"]) =>
  execute(connectSlack, claims(who), { clientId, url, ...Object.fromEntries(events.map((e) => [`event.${e}`, "on"])) });
let weeks = 0;
async function publishOne(clientId: string, title: string) {
  weeks++;
  const [draft] = await admin`insert into public.weekly_updates (client_id, week_start, title, body_md) values (${clientId}, ${`2031-0${1 + (weeks % 9)}-0${1 + weeks % 7}`}, 'x', 'x') returning id`;
  return execute(publishUpdate, claims(cast.assigned), { clientId, updateId: draft.id, title, bodyMd: "Shipped the <!channel> importer & the *export*." });
}

beforeAll(async () => {
  slack = await startSlackDouble();
  process.env.SLACK_API_ORIGIN = slack.url; // read at the first env() call, after this
  cast = await createCast();
});

afterAll(async () => {
  await slack.close();
  if (saved === undefined) delete process.env.SLACK_API_ORIGIN;
  else process.env.SLACK_API_ORIGIN = saved;
});

describe("connecting Slack", () => {
  it("takes only Slack's own webhook URLs, on their field, storing nothing otherwise", async () => {
    const good = slackWebhookUrl();
    for (const url of [
      "http://hooks.slack.com/services/T0001/B0001/abcdefghijklmnopqrstuvwx", "https://hooks.slack.com.evil.example/services/T0001/B0001/abcdefghijklmnop",
      "https://evil.example/services/T0001/B0001/abcdefghijklmnop", "https://user:pw@hooks.slack.com/services/T0001/B0001/abcdefghijklmnop",
      "https://hooks.slack.com/services/T0001/B0001/abc", "https://127.0.0.1/services/T0001/B0001/abcdefghijklmnop", `${good}/../../x`, `${good}?x=1`, "",
    ]) {
      const refused = await connect(cast.ownerA, cast.clientA, url);
      expect(refused.ok ? null : refused.error.fieldErrors.url?.[0], url).toBe("Paste the webhook URL Slack gave you: it starts with https://hooks.slack.com/services/.");
    }
    const none = await execute(connectSlack, claims(cast.ownerA), { clientId: cast.clientA, url: good });
    expect(none.ok ? null : none.error.fieldErrors["event.update.published"]?.[0]).toBe("Choose at least one thing to post in Slack.");
    expect(await connection(cast.clientA)).toBeUndefined();
    expect(slack.requests.length).toBe(0);
  });

  it("refuses a webhook Slack does not take (removed: no_service), and members and other clients' people", async () => {
    const removed = slackWebhookUrl();
    slack.answer(removed, "no_service");
    const refused = await connect(cast.ownerA, cast.clientA, removed);
    expect(refused.ok ? null : refused.error.fieldErrors.url?.[0]).toBe("Slack did not take the test message: Slack answered 404: no_service.");
    for (const who of [cast.memberA, cast.ownerB, cast.unassigned]) {
      const e = await connect(who, cast.clientA, slackWebhookUrl());
      expect(e.ok ? null : e.error.code, who.email).toMatch(/forbidden|not_found/);
    }
    expect(await connection(cast.clientA)).toBeUndefined();
  });

  it("an owner connects after a test message; the URL is stored encrypted and no one signed in reads it", async () => {
    const url = slackWebhookUrl();
    const ok = await connect(cast.ownerA, cast.clientA, url, ["update.published", "extra_hours.requested"]);
    expect(ok.ok).toBe(true);
    expect(slack.posted(url).map((m) => m.text)).toEqual(["Client A: Retainer Portal is connected to this channel"]);
    const row = await connection(cast.clientA);
    expect(row.webhook_url_encrypted).toMatch(/^v1\./);
    expect(row.webhook_url_encrypted).not.toContain(url.slice(-24));
    expect(openSecret("slack-webhook-url", row.webhook_url_encrypted)).toBe(url);
    expect(row.url_hint).toBe(`hooks.slack.com/services/…${url.slice(-4)}`);
    const shown = await asUser(claims(cast.ownerA), (tx) => getSlackConnection(tx, { clientId: cast.clientA }));
    expect(shown).toMatchObject({ urlHint: row.url_hint, events: ["update.published", "extra_hours.requested"], lastError: null });
    for (const who of [cast.ownerA, cast.assigned, cast.admin]) {
      const read = await asUser(claims(who), (tx) => tx`select webhook_url_encrypted from public.client_slack`).then(() => "read", (e) => e.code);
      expect(read, who.email).toBe("42501");
    }
    expect(await asUser(claims(cast.memberA), (tx) => getSlackConnection(tx, { clientId: cast.clientA }))).toBeNull();
  });
});

describe("posting", () => {
  it("a published update is posted after the change, its words escaped; Slack failing is retried, shown, and blocks nothing", async () => {
    const url = slackWebhookUrl();
    expect((await connect(cast.ownerA, cast.clientA, url)).ok).toBe(true);
    const published = await publishOne(cast.clientA, "Importer <@U123> done");
    expect(published.ok).toBe(true);
    await deliverSlack({ limit: 10 });
    const [, message] = slack.posted(url);
    expect(message.text).toBe("Client A: Weekly update: Importer &lt;@U123&gt; done");
    // The excerpt is the update's text without its Markdown marks; what is left of Slack's markup is escaped.
    expect(JSON.stringify(message.blocks)).toContain("Shipped the &lt;!channel importer &amp; the export.");
    expect(JSON.stringify(message.blocks)).toContain(`/clients/${cast.clientA}/updates#u-`);

    // Slack fails: the update is published all the same; the message waits with the error shown, then gets through.
    slack.answer(url, "error");
    expect((await publishOne(cast.clientA, "Second week")).ok).toBe(true);
    expect(await deliverSlack({ limit: 10 })).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const shown = await asUser(claims(cast.ownerA), (tx) => getSlackConnection(tx, { clientId: cast.clientA }));
    expect(shown?.lastError).toBe("Slack answered 500: internal_error.");
    const [pending] = await admin`select status, attempts, next_attempt_at > now() as later from public.slack_deliveries where client_id = ${cast.clientA} and status = 'pending'`;
    expect(pending).toEqual({ status: "pending", attempts: 1, later: true });
    slack.answer(url, "ok");
    await admin`update public.slack_deliveries set next_attempt_at = now() where client_id = ${cast.clientA} and status = 'pending'`;
    expect(await deliverSlack({ limit: 10 })).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect((await asUser(claims(cast.ownerA), (tx) => getSlackConnection(tx, { clientId: cast.clientA })))?.lastError).toBeNull();
  });

  it("disconnecting stops what was queued and posts nothing more", async () => {
    const url = slackWebhookUrl();
    expect((await connect(cast.assigned, cast.clientA, url)).ok).toBe(true); // the client's engineer may connect too
    slack.answer(url, "hang");
    expect((await publishOne(cast.clientA, "Third week")).ok).toBe(true);
    expect((await execute(disconnectSlack, claims(cast.ownerA), { clientId: cast.clientA })).ok).toBe(true);
    expect(await deliverSlack({ limit: 10 })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    const [row] = await admin`select status, last_error from public.slack_deliveries where client_id = ${cast.clientA} order by created_at desc limit 1`;
    expect(row).toEqual({ status: "failed", last_error: "Slack was disconnected." });
    expect((await publishOne(cast.clientA, "Fourth week")).ok).toBe(true);
    expect((await admin`select count(*)::int as n from public.slack_deliveries where client_id = ${cast.clientA} and status = 'pending'`)[0].n).toBe(0);
    const audit = await admin`select action from public.audit_events where client_id = ${cast.clientA} and action like 'slack.%' order by id`;
    expect(audit.map((a) => a.action)).toEqual(["slack.connected", "slack.connected", "slack.connected", "slack.disconnected"]);
  });
});
