// Issue 22, webhooks: admins add endpoints (the signing secret returned once; non-admins and private or plain-http
// URLs refused); every audit event of a subscribed action queues a delivery in its own transaction; the worker
// signs each POST (t=…,v1=HMAC of "t.body"), delivers at least once and in order per endpoint, backs off on a
// failing or hanging receiver and gives up after the last try; a delivery can be sent again; and a host that
// resolves to a private address is never contacted.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execute } from "@/lib/commands/execute";
import { logEntry } from "@/lib/hours/commands";
import { addWebhook, redeliverWebhook, removeWebhook } from "@/lib/webhooks/commands";
import { deliverWebhooks } from "@/lib/webhooks/deliver";
import { resolveDestination } from "@/lib/webhooks/address";
import { WEBHOOK_MAX_ATTEMPTS } from "@/lib/domain/webhook-events";
import { admin, createCast } from "../support/fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
let mode: "ok" | "fail" | "hang" = "ok";
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
const receiver = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    if (mode === "hang") return; // never answers
    received.push({ headers: req.headers, body });
    res.writeHead(mode === "ok" ? 204 : 500).end();
  });
});
let url = "";
let secret = "";
let endpointId = "";

const logAs = (description: string) =>
  execute(logEntry, cast.assigned.claims, { clientId: cast.clientA, workDate: "2026-03-10", minutes: "30m", description, category: "build", billable: "on", confirmOverage: "on" });
// Other test files log entries too, for their own clients, and this endpoint hears of them: the assertions are
// about this file's client, and its events are never left behind another file's (purged before each run).
const deliveries = () => admin<{ id: string; event: string; status: string; attempts: number; lastStatus: number | null; lastError: string | null; payload: { data: { details: { after?: { description?: string } } } } }[]>`
  select id, event, status, attempts, last_status as "lastStatus", last_error as "lastError", payload from public.webhook_deliveries where endpoint_id = ${endpointId} and client_id = ${cast.clientA} order by seq`;
const due = () => admin`update public.webhook_deliveries set next_attempt_at = now() where endpoint_id = ${endpointId} and status = 'pending'`;
async function deliver() {
  await admin`delete from public.webhook_deliveries where endpoint_id = ${endpointId} and client_id is distinct from ${cast.clientA}`;
  await deliverWebhooks();
  const mine = received.filter((r) => JSON.parse(r.body).client_id === cast.clientA);
  received.length = 0;
  received.push(...mine);
}

beforeAll(async () => {
  process.env.WEBHOOKS_ALLOW_LOOPBACK = "1";
  process.env.WEBHOOK_TIMEOUT_MS = "400";
  cast = await createCast();
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  // Other test files' endpoints would receive events too: this file's run starts with none.
  await admin`delete from public.webhook_endpoints`;
});
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((r) => receiver.close(r));
  await admin`delete from public.webhook_endpoints`;
});

describe("endpoints", () => {
  it("are added by admins only, with the secret returned once; private and plain-http URLs are refused", async () => {
    const before = (await admin`select count(*)::int as n from public.webhook_endpoints`)[0].n;
    for (const who of [cast.assigned, cast.ownerA]) {
      const out = await execute(addWebhook, who.claims, { url, "event.entry.created": "on" });
      expect(!out.ok && out.error.code).toBe("not_found");
    }
    const refusals = await Promise.all([
      "http://example.com/hook", "https://10.0.0.8/hook", "https://169.254.169.254/latest/meta-data", "https://[fc00::1]/x", "https://user:pw@example.com/x", "ftp://example.com",
    ].map(async (u) => {
      const out = await execute(addWebhook, cast.admin.claims, { url: u, "event.entry.created": "on" });
      return out.ok ? "accepted" : out.error.fieldErrors.url?.[0];
    }));
    expect(refusals).toEqual([
      "Use an https:// URL.", expect.stringMatching(/private or reserved/), expect.stringMatching(/private or reserved/), expect.stringMatching(/private or reserved/),
      "Leave credentials out of the URL; verify deliveries by their signature instead.", "Use an https:// URL.",
    ]);
    const noEvents = await execute(addWebhook, cast.admin.claims, { url });
    expect(!noEvents.ok && noEvents.error.fieldErrors.events).toEqual(["Choose at least one event to send."]);
    expect((await admin`select count(*)::int as n from public.webhook_endpoints`)[0].n).toBe(before);

    const out = await execute(addWebhook, cast.admin.claims, { url, description: "Test receiver", "event.entry.created": "on", "event.entry.voided": "on" });
    expect(out.ok).toBe(true);
    if (out.ok) secret = out.data.secret;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    [{ id: endpointId }] = await admin`select id from public.webhook_endpoints where url = ${url}`;
    // Admins read the endpoint, never its secret.
    const asAdmin = (query: string) => admin.begin(async (tx) => {
      await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${JSON.stringify({ sub: cast.admin.id, role: "authenticated" })}, true)`;
      return tx.unsafe(query);
    });
    await expect(asAdmin("select secret from public.webhook_endpoints")).rejects.toThrow(/permission denied/);
    expect(await asAdmin("select url from public.webhook_endpoints")).toEqual([{ url }]);
  });
});

describe("deliveries", () => {
  it("are queued with the change, signed, retried with backoff on a failing and a hanging receiver, then delivered", async () => {
    expect((await logAs("First change")).ok).toBe(true);
    const [queued] = await deliveries();
    expect(queued).toMatchObject({ event: "entry.created", status: "pending", attempts: 0 });

    mode = "fail";
    await deliver();
    expect((await deliveries())[0]).toMatchObject({ status: "pending", attempts: 1, lastStatus: 500 });
    const [{ wait }] = await admin`select extract(epoch from next_attempt_at - now())::int as wait from public.webhook_deliveries where endpoint_id = ${endpointId}`;
    expect(wait).toBeGreaterThan(50);
    await deliver(); // not due yet
    expect((await deliveries())[0]).toMatchObject({ attempts: 1 });

    await due();
    mode = "hang";
    await deliver();
    expect((await deliveries())[0]).toMatchObject({ attempts: 2, lastStatus: null, lastError: "No answer within 0.4 s." });

    await due();
    mode = "ok";
    received.length = 0;
    await deliver();
    const [{ headers, body }] = received;
    const payload = JSON.parse(body);
    expect(payload).toMatchObject({ id: queued.id, type: "entry.created", client_id: cast.clientA, data: { entity: "time_entry" } });
    expect(headers["webhook-id"]).toBe(queued.id);
    const [t, v1] = String(headers["webhook-signature"]).split(",").map((p) => p.split("=")[1]);
    expect(t).toBe(headers["webhook-timestamp"]);
    expect(v1).toBe(createHmac("sha256", secret).update(`${t}.${body}`).digest("hex"));
    expect((await deliveries())[0]).toMatchObject({ status: "delivered", attempts: 3, lastStatus: 204 });
  });

  it("go out in order per endpoint: a later event waits while an earlier one backs off", async () => {
    mode = "fail";
    await logAs("Second change");
    await logAs("Third change");
    await deliver();
    const [, second, third] = await deliveries();
    expect(second).toMatchObject({ status: "pending", attempts: 1 });
    expect(third).toMatchObject({ status: "pending", attempts: 0 }); // never tried while the second waits
    await due();
    mode = "ok";
    received.length = 0;
    await deliver();
    expect(received.map((r) => JSON.parse(r.body).data.details.after.description)).toEqual(["Second change", "Third change"]);
  });

  it("fail for good after the last try, and can be sent again", async () => {
    mode = "fail";
    await logAs("Doomed change");
    for (let i = 0; i < WEBHOOK_MAX_ATTEMPTS; i++) {
      await due();
      await deliver();
    }
    const doomed = (await deliveries()).at(-1)!;
    expect(doomed).toMatchObject({ status: "failed", attempts: WEBHOOK_MAX_ATTEMPTS });
    expect(!(await execute(redeliverWebhook, cast.assigned.claims, { deliveryId: doomed.id })).ok).toBe(true);
    expect((await execute(redeliverWebhook, cast.admin.claims, { deliveryId: doomed.id })).ok).toBe(true);
    mode = "ok";
    await deliver();
    expect((await deliveries()).at(-1)).toMatchObject({ status: "delivered" });
  });

  it("never contact a host that resolves to a private address, and stop when the endpoint is removed", async () => {
    await expect(resolveDestination("https://localhost/hook", false)).rejects.toThrow(/private or reserved/);
    await expect(resolveDestination("https://127.0.0.1/hook", false)).rejects.toThrow(/private or reserved/);
    await expect(resolveDestination("http://127.0.0.1/hook", false)).rejects.toThrow("Use an https:// URL.");
    await expect(resolveDestination("https://93.184.216.34/hook", false)).resolves.toMatchObject({ address: "93.184.216.34" });
    await expect(resolveDestination("https://[::ffff:10.0.0.1]/hook", false)).rejects.toThrow(/private or reserved/);
    await expect(resolveDestination("https://[::ffff:93.184.216.34]/hook", false)).resolves.toBeTruthy();
    // An endpoint whose host turned private (an address changed under it) fails its deliveries without a request.
    await admin`update public.webhook_endpoints set url = 'https://10.9.8.7/hook' where id = ${endpointId}`;
    received.length = 0;
    await logAs("Behind a private address");
    await deliver();
    expect(received).toEqual([]);
    expect((await deliveries()).at(-1)).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringMatching(/private or reserved/) });
    expect((await execute(removeWebhook, cast.admin.claims, { endpointId })).ok).toBe(true);
    expect((await admin`select count(*)::int as n from public.webhook_deliveries where endpoint_id = ${endpointId}`)[0].n).toBe(0);
  });
});
