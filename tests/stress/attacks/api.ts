// Issue 22, the API and its tokens: /api/v1 attacked on the production stack.
//   - no token, garbage, a token-shaped guess, a cookie instead of a token, a revoked and an expired token, and
//     a token row forged straight into the table with a plain SHA-256 (as the invitation forgery did): 401;
//   - each person's token against every other client and against ids that are no client: 404; scopes it lacks: 403;
//   - a one-client token against the others: 404; an owner's token writing time: refused;
//   - bodies that are not JSON, wrong types, extra fields, 1 MB+: 400/413/422, nothing written;
//   - the token actions as other people: revoking someone else's token: "not found".
// Figure: attempts, succeeded 0, rows changed 0 (tenant tables; tokens only by their own person's actions).
import assert from "node:assert/strict";
import { createHash, randomUUID } from "node:crypto";
import { demoId } from "@/lib/dev/seed";
import { actionIds, callAction, cookieFor, type PEOPLE, type Stack } from "../harness";

type Who = keyof typeof PEOPLE;

export async function api(stack: Stack, report: (line: string) => void, ctx: { checksums: () => Promise<Record<string, string>> }) {
  const actions = actionIds();
  const create = { ...actions.get("createApiTokenAction")!, path: "/account" };
  const revoke = { ...actions.get("revokeApiTokenAction")!, path: "/account" };
  const clients = { harbor: demoId("client:harbor"), kiwi: demoId("client:kiwi"), sakura: demoId("client:sakura") };
  const tokenOf = async (who: Who, fields: Record<string, string>) => {
    const reply = await callAction(stack, await cookieFor(stack, who), create, { name: `stress ${who}`, lifetimeDays: "30", ...fields });
    const token = /rp_[A-Za-z0-9_-]{43}/.exec(JSON.stringify(reply.result))?.[0];
    assert.ok(token, `${who} creates a token: ${JSON.stringify(reply.result)?.slice(0, 200)}`);
    return token;
  };
  const tokens = {
    olivia: await tokenOf("olivia", { "scope.hours:read": "on", "scope.invoices:read": "on" }), // owner of Harbor
    aroha: await tokenOf("aroha", { "scope.hours:read": "on" }), // owner of Kiwi
    priya: await tokenOf("priya", { "scope.hours:read": "on", "scope.hours:write": "on" }), // engineer of Kiwi
    samHarborOnly: await tokenOf("sam", { "scope.hours:read": "on", "scope.hours:write": "on", clientId: clients.harbor }),
    marcoRoadmap: await tokenOf("marco", { "scope.roadmap:read": "on" }),
  };
  const revoked = await tokenOf("yuki", { "scope.hours:read": "on" });
  const expired = await tokenOf("yuki", { "scope.hours:read": "on" });
  await stack.admin`update public.api_tokens set created_at = created_at - interval '2 days', expires_at = created_at - interval '1 day' where prefix = ${expired.slice(0, 9)}`;
  const [{ id: revokedId }] = await stack.admin`select id from public.api_tokens where prefix = ${revoked.slice(0, 9)}`;
  // Another person revoking it is "not found"; its own person then revokes it.
  const stranger = await callAction(stack, await cookieFor(stack, "olivia"), revoke, { tokenId: revokedId });
  let attempts = 1;
  let succeeded = stranger.result?.ok === false ? 0 : 1;
  await callAction(stack, await cookieFor(stack, "yuki"), revoke, { tokenId: revokedId });
  // A row forged straight into the table (as the service role could, say through a leaked backup) with a plain
  // SHA-256 of a chosen token: the server's key is not in it, so it matches nothing.
  const chosen = `rp_${"f".repeat(43)}`;
  await stack.admin`insert into public.api_tokens (user_id, name, token_hash, prefix, scopes, expires_at)
    values (${demoId("sam@practice.test")}, 'forged', ${createHash("sha256").update(chosen).digest("hex")}, 'rp_ffffff', '{hours:read,hours:write}', now() + interval '1 day')`;

  const before = await ctx.checksums();
  const problems: string[] = [];
  const statuses = new Map<number, number>();
  const expect = async (label: string, expected: number, path: string, init: RequestInit & { token?: string | null; cookie?: string } = {}) => {
    attempts++;
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.cookie) headers.cookie = init.cookie;
    const res = await fetch(`${stack.base}${path}`, { method: init.method ?? "GET", body: init.body, headers, redirect: "manual" });
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    const text = await res.text();
    if (res.status !== expected || (expected >= 400 && !text.includes('"error"'))) {
      succeeded++;
      problems.push(`${label}: ${res.status} ${text.slice(0, 120)}`);
    }
  };
  const entries = (id: string) => `/api/v1/clients/${id}/time-entries`;
  const entry = JSON.stringify({ workDate: new Date().toISOString().slice(0, 10), minutes: 15, description: "Stress", category: "build" });

  for (const [label, token] of [["no token", null], ["garbage", "garbage"], ["guess", `rp_${"A".repeat(43)}`], ["revoked", revoked], ["expired", expired], ["forged row", chosen]] as const) {
    await expect(`${label} lists clients`, 401, "/api/v1/clients", { token });
    await expect(`${label} reads entries`, 401, entries(clients.harbor), { token });
    await expect(`${label} logs time`, 401, entries(clients.harbor), { token, method: "POST", body: entry });
  }
  await expect("a session cookie instead of a token", 401, "/api/v1/clients", { cookie: await cookieFor(stack, "sam") });
  // Other clients and non-clients: 404, whatever the scope.
  const reach: [string, string, string[]][] = [
    ["olivia", tokens.olivia, [clients.kiwi, clients.sakura]], ["aroha", tokens.aroha, [clients.harbor, clients.sakura]],
    ["priya", tokens.priya, [clients.harbor, clients.sakura]], ["sam (Harbor only)", tokens.samHarborOnly, [clients.kiwi, clients.sakura]],
  ];
  for (const [who, token, others] of reach) {
    for (const id of [...others, randomUUID(), "not-a-uuid", demoId("sam@practice.test")]) {
      await expect(`${who} reads ${id}`, 404, entries(id), { token });
      await expect(`${who} logs time for ${id}`, who === "olivia" || who === "aroha" ? 403 : 404, entries(id), { token, method: "POST", body: entry });
    }
  }
  // The other reads: another client's statements, invoices, roadmap and updates are "not found" to every token.
  for (const [who, token, others] of reach) {
    for (const id of [...others, randomUUID()]) {
      for (const path of ["statements", "invoices", "roadmap-items", "updates"]) {
        const scoped = path === "statements" || (who === "olivia" && path === "invoices");
        await expect(`${who} reads ${path} of ${id}`, scoped ? 404 : 403, `/api/v1/clients/${id}/${path}`, { token });
      }
    }
  }
  // Voids and corrections of entries the token does not reach: "not found"; without hours:write: 403.
  const entryOf = async (id: string) => (await stack.admin<{ id: string }[]>`select id from public.time_entries where client_id = ${id} and voided_at is null order by work_date desc limit 1`)[0].id;
  const harborEntry = await entryOf(clients.harbor);
  const kiwiEntry = await entryOf(clients.kiwi);
  const reason = JSON.stringify({ reason: "Stress: not mine" });
  const correction = JSON.stringify({ workDate: new Date().toISOString().slice(0, 10), minutes: -15, description: "Stress" });
  for (const [label, token, id, entryId, status] of [
    ["priya voids Harbor's", tokens.priya, clients.harbor, harborEntry, 404], ["priya voids Harbor's under Kiwi", tokens.priya, clients.kiwi, harborEntry, 404],
    ["sam (Harbor only) voids Kiwi's", tokens.samHarborOnly, clients.kiwi, kiwiEntry, 404], ["olivia voids her own client's", tokens.olivia, clients.harbor, harborEntry, 403],
    ["sam (Harbor only) voids Kiwi's under Harbor", tokens.samHarborOnly, clients.harbor, kiwiEntry, 404],
  ] as const) {
    await expect(label, status, `${entries(id)}/${entryId}/void`, { token, method: "POST", body: reason });
    await expect(`${label} (correction)`, status, `${entries(id)}/${entryId}/corrections`, { token, method: "POST", body: correction });
  }
  await expect("roadmap-only token reads invoices", 403, `/api/v1/clients/${clients.harbor}/invoices`, { token: tokens.marcoRoadmap });
  await expect("roadmap-only token reads hours", 403, entries(clients.harbor), { token: tokens.marcoRoadmap });
  await expect("owner's token logs time", 403, entries(clients.harbor), { token: tokens.olivia, method: "POST", body: entry });
  // Bad bodies as the engineer of Kiwi: nothing is written.
  for (const body of ["not json", "[]", "null", JSON.stringify({ minutes: 15 }), JSON.stringify({ workDate: "2026-02-30", minutes: 15, description: "x", category: "build" }),
    JSON.stringify({ workDate: "2026-11-02", minutes: "15", description: "x", category: "build" }), JSON.stringify({ workDate: "2026-11-02", minutes: 1e9, description: "x", category: "build" }),
    JSON.stringify({ workDate: "2026-11-02", minutes: 15, description: "x", category: "build", engineerId: demoId("sam@practice.test") }),
    JSON.stringify({ workDate: "2026-11-02", minutes: 15, description: "x".repeat(3000), category: "build" })]) {
    await expect(`body ${body.slice(0, 40)}`, body === "not json" ? 400 : 422, entries(clients.kiwi), { token: tokens.priya, method: "POST", body });
  }
  await expect("a 2 MB body", 413, entries(clients.kiwi), { token: tokens.priya, method: "POST", body: JSON.stringify({ description: "x".repeat(2 * 1024 * 1024) }) });
  const after = await ctx.checksums();
  const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
  report(`api: ${attempts} attempts (no, forged, revoked and expired tokens, other clients, missing scopes, bad bodies, others' revocations; statuses ${[...statuses].sort().map(([s, n]) => `${s}×${n}`).join(" ")}), succeeded: ${succeeded}, rows changed: ${changed.length}`);
  assert.deepEqual(problems, []);
  assert.equal(succeeded, 0);
  assert.deepEqual(changed, []);
}
