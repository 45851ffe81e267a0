// Issue 22, webhooks: the doors they add, attacked on the production stack (no WEBHOOKS_ALLOW_LOOPBACK, as in
// production).
//   - the endpoint actions as everyone but an admin (adding one that would hear every client's events, removing
//     and resending the admin's): refused, nothing written;
//   - an admin pointing endpoints inside: private and link-local literals and plain http are refused at the door;
//     a host name that resolves to loopback (localhost) is accepted, then refused at delivery after DNS: a listener
//     on that port counts the connections it gets, which must be none;
//   - the cron route without the secret.
// Figure: attempts, succeeded 0, connections to the inside 0, rows changed 0 (tenant tables).
import assert from "node:assert/strict";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { demoId } from "@/lib/dev/seed";
import { actionIds, callAction, cookieFor, type Stack } from "../harness";

const NOT_ADMINS = ["priya", "olivia", "marco", "aroha", "yuki"] as const;

export async function webhooks(stack: Stack, report: (line: string) => void, ctx: { checksums: () => Promise<Record<string, string>> }) {
  const actions = actionIds();
  const at = (name: string) => ({ ...actions.get(name)!, path: "/settings/webhooks" });
  const add = at("addWebhookAction");
  const remove = at("removeWebhookAction");
  const redeliver = at("redeliverWebhookAction");
  const sam = await cookieFor(stack, "sam");
  // A listener inside: every connection it gets is a webhook that reached a private address.
  let connections = 0;
  const inside = net.createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((r) => inside.listen(0, "127.0.0.1", r));
  const port = (inside.address() as AddressInfo).port;
  const endpoints = async () => (await stack.admin<{ n: number }[]>`select count(*)::int as n from public.webhook_endpoints`)[0].n;

  let attempts = 0;
  let succeeded = 0;
  const problems: string[] = [];
  const refused = async (label: string, reply: Awaited<ReturnType<typeof callAction>>) => {
    attempts++;
    if (reply.result?.ok !== false) {
      succeeded++;
      problems.push(`${label}: ${reply.status} ${JSON.stringify(reply.result)?.slice(0, 150)}`);
    }
  };

  // The admin's own endpoint (a host name on loopback): accepted at the door, to be refused at delivery.
  const own = await callAction(stack, sam, add, { url: `https://localhost:${port}/hook`, "event.entry.created": "on", "event.entry.voided": "on" });
  assert.equal(own.result?.ok, true, `the admin adds an endpoint: ${JSON.stringify(own.result)}`);
  const [{ id: endpointId }] = await stack.admin<{ id: string }[]>`select id from public.webhook_endpoints where url = ${`https://localhost:${port}/hook`}`;
  await stack.admin`insert into public.webhook_deliveries (endpoint_id, event, payload, status, attempts) values (${endpointId}, 'entry.created', '{}', 'failed', 6)`;
  const [{ id: deliveryId }] = await stack.admin<{ id: string }[]>`select id from public.webhook_deliveries where endpoint_id = ${endpointId} limit 1`;
  const before = await ctx.checksums();
  const endpointsBefore = await endpoints();

  for (const who of NOT_ADMINS) {
    const cookie = await cookieFor(stack, who);
    await refused(`${who} adds an endpoint`, await callAction(stack, cookie, add, { url: "https://hooks.example.com/steal", "event.invoice.paid": "on", "event.entry.created": "on" }));
    await refused(`${who} removes the admin's endpoint`, await callAction(stack, cookie, remove, { endpointId }));
    await refused(`${who} resends a delivery`, await callAction(stack, cookie, redeliver, { deliveryId }));
  }
  for (const url of [`https://127.0.0.1:${port}/h`, `https://[::1]:${port}/h`, "https://169.254.169.254/latest/meta-data", "https://10.0.0.1/h", "https://192.168.1.1/h",
    "https://100.64.0.1/h", "https://[fd00::1]/h", "https://[::ffff:127.0.0.1]/h", `http://localhost:${port}/h`, "http://hooks.example.com/h", "gopher://x", "https://a:b@hooks.example.com/h"]) {
    await refused(`the admin adds ${url}`, await callAction(stack, sam, add, { url, "event.entry.created": "on" }));
  }
  if ((await endpoints()) !== endpointsBefore) problems.push("an endpoint was added");

  // An event for the loopback host name: delivered after the response (the kick), refused after DNS.
  attempts++;
  const logged = await callAction(stack, sam, { ...actions.get("logEntryAction")!, path: `/clients/${demoId("client:harbor")}/hours` }, {
    clientId: demoId("client:harbor"), workDate: new Date().toISOString().slice(0, 10), minutes: "15m", description: "Stress: webhook to the inside", category: "build", billable: "on", confirmOverage: "1",
  });
  assert.equal(logged.result?.ok, true, `sam logs time: ${JSON.stringify(logged.result)?.slice(0, 200)}`);
  let tried: { lastError: string | null }[] = [];
  for (let i = 0; i < 40 && !tried.length; i++) {
    await new Promise((r) => setTimeout(r, 250));
    tried = await stack.admin<{ lastError: string | null }[]>`
      select last_error as "lastError" from public.webhook_deliveries where endpoint_id = ${endpointId} and attempts > 0 and status = 'pending'`;
  }
  if (!tried.length || !/private or reserved/.test(tried[0].lastError ?? "")) problems.push(`the delivery to localhost was not refused after DNS: ${JSON.stringify(tried)}`);
  // Cron without the secret.
  for (const auth of [undefined, "Bearer wrong"]) {
    attempts++;
    const res = await fetch(`${stack.base}/api/cron/send-webhooks`, { method: "POST", headers: auth ? { authorization: auth } : {} });
    if (res.status !== 401) {
      succeeded++;
      problems.push(`cron with ${auth ?? "no secret"}: ${res.status}`);
    }
  }
  inside.close();
  await stack.admin`delete from public.webhook_endpoints where id = ${endpointId}`;
  // The event itself changed the ledger (that was the point); nothing else did.
  await stack.admin`delete from public.audit_events where entity_id in (select id::text from public.time_entries where description = 'Stress: webhook to the inside')`;
  await stack.admin`delete from public.time_entries where description = 'Stress: webhook to the inside'`;
  const after = await ctx.checksums();
  const changed = Object.keys(before).filter((t) => before[t] !== after[t] && t !== "outbox");
  report(`webhooks: ${attempts} attempts (non-admin endpoint actions, private/loopback/link-local/http endpoints, a host name on loopback, cron without the secret), succeeded: ${succeeded}, connections to the inside: ${connections}, rows changed: ${changed.length}`);
  assert.deepEqual(problems, []);
  assert.equal(succeeded, 0);
  assert.equal(connections, 0);
  assert.deepEqual(changed, []);
}
