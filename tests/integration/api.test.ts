// Issue 22: personal API tokens and the REST API over real HTTP. Tokens are created and revoked by their person
// (hash stored, token shown once, scopes checked against what their pages allow); the API answers 401 without a
// live token, 403 without the scope, 404 for a client the token's person (or its one-client limit) does not
// reach, 422 with field errors for a wrong body, 429 with Retry-After past the rate; reads are RLS's, entries
// page by cursor, and logging time runs the hours page's own command. Losing access revokes the tokens.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as clientsGET } from "@/app/api/v1/clients/route";
import { GET as entriesGET, POST as entriesPOST } from "@/app/api/v1/clients/[clientId]/time-entries/route";
import { POST as voidPOST } from "@/app/api/v1/clients/[clientId]/time-entries/[entryId]/void/route";
import { POST as correctPOST } from "@/app/api/v1/clients/[clientId]/time-entries/[entryId]/corrections/route";
import { GET as openapiGET } from "@/app/api/v1/openapi.json/route";
import { GET as invoicesGET } from "@/app/api/v1/clients/[clientId]/invoices/route";
import { GET as statementsGET } from "@/app/api/v1/clients/[clientId]/statements/route";
import { GET as roadmapGET } from "@/app/api/v1/clients/[clientId]/roadmap-items/route";
import { GET as updatesGET } from "@/app/api/v1/clients/[clientId]/updates/route";
import { createApiToken, revokeApiToken } from "@/lib/api/commands";
import { API_RATE_PER_MINUTE } from "@/lib/domain/api-scopes";
import { execute } from "@/lib/commands/execute";
import { admin, createCast, type TestUser } from "../support/fixtures";
import { serveRoutes } from "../support/route-server";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
let app: Awaited<ReturnType<typeof serveRoutes>>;
let febEntry = "";
/** Routes of one entry, registered as a test creates the entry. */
const entryRoutes = (clientId: string, entryId: string) => {
  const params = { params: Promise.resolve({ clientId, entryId }) };
  routes[`${entriesOf(clientId)}/${entryId}/void`] = { POST: (r) => voidPOST(r, params) };
  routes[`${entriesOf(clientId)}/${entryId}/corrections`] = { POST: (r) => correctPOST(r, params) };
};
const routes: Parameters<typeof serveRoutes>[0] = {};

async function tokenFor(user: TestUser, fields: Record<string, string>) {
  const out = await execute(createApiToken, user.claims, { name: "Test", lifetimeDays: "30", ...fields });
  if (!out.ok) throw out.error;
  return out.data.token;
}
const call = (path: string, token: string | null, init: RequestInit = {}) =>
  fetch(`${app.url}${path}`, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), "content-type": "application/json", ...(init.headers ?? {}) } });
const entriesOf = (clientId: string) => `/api/v1/clients/${clientId}/time-entries`;
const countEntries = async () => (await admin<{ n: number }[]>`select count(*)::int as n from public.time_entries`)[0].n;

beforeAll(async () => {
  cast = await createCast();
  await admin`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents, overage_rate_cents_per_hour, overage_increment_minutes)
    values (${cast.clientA}, '2026-01-01', 6000, 100000, 10000, 15)`;
  await admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category)
    select ${cast.clientA}, ${cast.assigned.id}, date '2026-03-01' + (i % 20), 15 + i, 'Seeded ' || i, 'build' from generate_series(1, 25) i`;
  const [feb] = await admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category)
    values (${cast.clientA}, ${cast.assigned.id}, '2026-02-10', 60, 'February work', 'build') returning id`;
  febEntry = feb.id;
  await admin`insert into public.billing_periods (client_id, month, status, closed_at, statement) values (${cast.clientA}, '2026-02-01', 'closed', now(), '{"totalCents": 100000}')`;
  const [inv] = await admin`insert into public.invoices (client_id, month, number, status, currency, total_cents, issued_at, pushed_at)
    values (${cast.clientA}, '2026-02-01', ${`INV-A${randomUUID().slice(0, 6)}`}, 'open', 'USD', 100000, now(), now()) returning id`;
  await admin`insert into public.invoice_lines (invoice_id, client_id, position, kind, description, amount_cents) values (${inv.id}, ${cast.clientA}, 0, 'retainer_fee', 'Retainer', 100000)`;
  await admin`insert into public.roadmap_items (client_id, title, status) values (${cast.clientA}, 'Order intake', 'planned')`;
  await admin`insert into public.weekly_updates (client_id, week_start, status, title, body_md, published_at) values (${cast.clientA}, '2026-03-02', 'published', 'Week one', 'Done', now())`;
  await admin`insert into public.weekly_updates (client_id, week_start, status, title, body_md) values (${cast.clientA}, '2026-03-09', 'draft', 'Draft', 'Not yet')`;
  Object.assign(routes, {
    "/api/v1/clients": { GET: (r: Request) => clientsGET(r, { params: Promise.resolve({}) }) },
    "/api/v1/openapi.json": { GET: () => openapiGET() },
  });
  for (const clientId of [cast.clientA, cast.clientB, randomUUID(), "not-a-client"]) {
    const params = { params: Promise.resolve({ clientId }) };
    routes[entriesOf(clientId)] = { GET: (r) => entriesGET(r, params), POST: (r) => entriesPOST(r, params) };
    for (const [path, GET] of [["invoices", invoicesGET], ["statements", statementsGET], ["roadmap-items", roadmapGET], ["updates", updatesGET]] as const) {
      routes[`/api/v1/clients/${clientId}/${path}`] = { GET: (r) => GET(r, params) };
    }
  }
  app = await serveRoutes(routes);
});
afterAll(() => app.close());

describe("tokens", () => {
  it("are stored as a hash, shown once, and refused where they would do more than the person's pages", async () => {
    const token = await tokenFor(cast.assigned, { "scope.hours:read": "on", "scope.hours:write": "on" });
    expect(token).toMatch(/^rp_[A-Za-z0-9_-]{43}$/);
    const [row] = await admin`select token_hash, prefix, scopes, expires_at - created_at as lifetime from public.api_tokens where user_id = ${cast.assigned.id} order by created_at desc limit 1`;
    expect(row.token_hash).not.toContain(token.slice(3));
    expect(row.prefix).toBe(token.slice(0, 9));
    expect(row.scopes).toEqual(["hours:read", "hours:write"]);
    const before = (await admin`select count(*)::int as n from public.api_tokens`)[0].n;
    const refusals = await Promise.all([
      execute(createApiToken, cast.ownerA.claims, { name: "x", lifetimeDays: "30", "scope.hours:write": "on" }),
      execute(createApiToken, cast.memberA.claims, { name: "x", lifetimeDays: "30", "scope.invoices:read": "on", clientId: cast.clientA }),
      execute(createApiToken, cast.ownerA.claims, { name: "x", lifetimeDays: "30", "scope.hours:read": "on", clientId: cast.clientB }),
      execute(createApiToken, cast.ownerA.claims, { name: "x", lifetimeDays: "30" }),
      execute(createApiToken, cast.ownerA.claims, { name: "x", lifetimeDays: "3650", "scope.hours:read": "on" }),
      execute(createApiToken, cast.ownerA.claims, { name: "x", lifetimeDays: "30", "scope.admin:all": "on" }),
    ]);
    expect(refusals.map((r) => (r.ok ? "accepted" : Object.keys(r.error.fieldErrors)[0] ?? r.error.code))).toEqual(["scopes", "scopes", "not_found", "scopes", "lifetimeDays", "scopes"]);
    expect((await admin`select count(*)::int as n from public.api_tokens`)[0].n).toBe(before);
  });
});

describe("the API", () => {
  it("refuses requests without a live token (401), past the scope (403) and outside the token's client (404)", async () => {
    const reader = await tokenFor(cast.ownerA, { "scope.roadmap:read": "on" });
    const limited = await tokenFor(cast.admin, { "scope.hours:read": "on", clientId: cast.clientB });
    const statuses = await Promise.all([
      call("/api/v1/clients", null), call("/api/v1/clients", "rp_" + "x".repeat(43)), call("/api/v1/clients", "Basic abc"),
      call(entriesOf(cast.clientA), reader), call(entriesOf(cast.clientA), limited), call(entriesOf(cast.clientB), (await tokenFor(cast.ownerA, { "scope.hours:read": "on" }))),
      call(entriesOf("not-a-client"), limited),
    ].map(async (p) => (await p).status));
    expect(statuses).toEqual([401, 401, 401, 403, 404, 404, 404]);
    const body = await (await call("/api/v1/clients", null)).json();
    expect(body).toEqual({ error: { code: "unauthenticated", message: expect.stringContaining("Authorization: Bearer"), fields: {} } });
    // Each refused bearer is on the security record by its reason, never the token (ASVS 16.3.1).
    const refused = (await admin<{ detail: string }[]>`select detail from public.security_events where kind = 'bearer_refused' and detail like 'API token:%'`).map((r) => r.detail);
    expect(refused).toEqual(expect.arrayContaining(["API token: This API needs a token.", "API token: That token is not known."]));
    expect(refused.join(" ")).not.toContain("rp_x");
    // A token used past its scope, or outside its one client, is a refused authorization of its person (ASVS 16.3.2).
    const past = await admin<{ user_id: string; detail: string }[]>`select user_id, detail from public.security_events where kind = 'access_refused' and detail like 'api.%with token%'`;
    expect(past).toEqual(expect.arrayContaining([
      { user_id: cast.ownerA.id, detail: expect.stringContaining("it needs the hours:read scope") },
      { user_id: cast.admin.id, detail: expect.stringContaining("That client") },
    ]));
    // A one-client token lists only that client.
    const list = await (await call("/api/v1/clients", limited)).json();
    expect(list.data.map((c: { id: string }) => c.id)).toEqual([cast.clientB]);
  });

  it("pages a client's entries by cursor, as the person's RLS shows them", async () => {
    const token = await tokenFor(cast.ownerA, { "scope.hours:read": "on" });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await call(`${entriesOf(cast.clientA)}?limit=10&from=2026-03-01&to=2026-03-31${cursor ? `&cursor=${cursor}` : ""}`, token);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { data: { id: string; workDate: string; minutes: number }[]; next_cursor: string | null };
      seen.push(...page.data.map((e) => e.id));
      cursor = page.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(25);
    const bad = await call(`${entriesOf(cast.clientA)}?limit=9999&cursor=@@`, token);
    expect(bad.status).toBe(422);
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(["cursor", "limit"]);
  });

  it("logs time with the hours page's command from a JSON body, and refuses a wrong body with field errors, changing nothing", async () => {
    const token = await tokenFor(cast.assigned, { "scope.hours:write": "on" });
    const before = await countEntries();
    const wrong = await call(entriesOf(cast.clientA), token, { method: "POST", body: JSON.stringify({ workDate: "2026-03-05", minutes: "90", description: "", category: "nap", extra: 1 }) });
    expect(wrong.status).toBe(422);
    expect(Object.keys((await wrong.json()).error.fields).sort()).toEqual(expect.arrayContaining(["category", "description", "minutes"]));
    const notJson = await call(entriesOf(cast.clientA), token, { method: "POST", body: "minutes=90" });
    expect(notJson.status).toBe(400);
    expect(await countEntries()).toBe(before);
    const ok = await call(entriesOf(cast.clientA), token, { method: "POST", body: JSON.stringify({ workDate: "2026-03-05", minutes: 90, description: "Through the API", category: "support", billable: false }) });
    expect(ok.status).toBe(200);
    expect((await ok.json()).data).toMatchObject({ status: "saved" });
    const [row] = await admin`select minutes, billable, category, engineer_id from public.time_entries where description = 'Through the API' and client_id = ${cast.clientA}`;
    expect(row).toEqual({ minutes: 90, billable: false, category: "support", engineer_id: cast.assigned.id });
    // An owner's token cannot log time even with a forged scope row: the command's own scope refuses.
    const [ownerToken] = [await tokenFor(cast.ownerA, { "scope.hours:read": "on" })];
    await admin`update public.api_tokens set scopes = '{hours:read,hours:write}' where user_id = ${cast.ownerA.id}`;
    const forged = await call(entriesOf(cast.clientA), ownerToken, { method: "POST", body: JSON.stringify({ workDate: "2026-03-05", minutes: 30, description: "Owner", category: "build" }) });
    expect(forged.status).toBe(404);
    expect(await countEntries()).toBe(before + 1);
  });

  it("reads statements, invoices, the roadmap and updates as the person's pages show them, each under its scope", async () => {
    const all = { "scope.hours:read": "on", "scope.invoices:read": "on", "scope.roadmap:read": "on", "scope.updates:read": "on" };
    const owner = await tokenFor(cast.ownerA, all);
    const engineer = await tokenFor(cast.assigned, all);
    const member = await tokenFor(cast.memberA, { "scope.hours:read": "on", "scope.roadmap:read": "on", "scope.updates:read": "on" });
    const get = async (token: string, path: string) => {
      const res = await call(`/api/v1/clients/${cast.clientA}/${path}`, token);
      return { status: res.status, body: await res.json() };
    };
    const invoices = await get(owner, "invoices");
    expect(invoices.body.data).toEqual([expect.objectContaining({ month: "2026-02", status: "open", totalCents: 100000, lines: [expect.objectContaining({ kind: "retainer_fee", amountCents: 100000 })] })]);
    expect((await get(owner, "statements")).body.data).toEqual([expect.objectContaining({ month: "2026-02", statement: { totalCents: 100000 } })]);
    expect((await get(member, "statements")).body.data).toEqual([expect.objectContaining({ month: "2026-02", statement: null })]);
    expect((await get(member, "invoices")).status).toBe(403);
    expect((await get(owner, "roadmap-items")).body.data.map((i: { title: string }) => i.title)).toEqual(["Order intake"]);
    expect((await get(owner, "updates")).body.data.map((u: { title: string }) => u.title)).toEqual(["Week one"]);
    expect((await get(engineer, "updates")).body.data.map((u: { title: string }) => u.title)).toEqual(["Draft", "Week one"]);
    const hoursOnly = await tokenFor(cast.ownerA, { "scope.hours:read": "on" });
    expect(await Promise.all(["invoices", "roadmap-items", "updates"].map(async (p) => (await get(hoursOnly, p)).status))).toEqual([403, 403, 403]);
    expect((await call(`/api/v1/clients/${cast.clientB}/invoices`, owner)).status).toBe(404);
  });

  it("voids an open month's entry and corrects a closed month's, through the hours page's commands", async () => {
    const token = await tokenFor(cast.assigned, { "scope.hours:read": "on", "scope.hours:write": "on" });
    const ownerToken = await tokenFor(cast.ownerA, { "scope.hours:read": "on" });
    const logged = await (await call(entriesOf(cast.clientA), token, { method: "POST", body: JSON.stringify({ workDate: "2026-03-06", minutes: 45, description: "To void", category: "build" }) })).json();
    const entryId = logged.data.entryId as string;
    entryRoutes(cast.clientA, entryId);
    entryRoutes(cast.clientA, febEntry);
    const voidPath = `${entriesOf(cast.clientA)}/${entryId}/void`;
    expect((await call(voidPath, ownerToken, { method: "POST", body: JSON.stringify({ reason: "Logged twice" }) })).status).toBe(403);
    const short = await call(voidPath, token, { method: "POST", body: JSON.stringify({ reason: "x" }) });
    expect(short.status).toBe(422);
    expect((await call(voidPath, token, { method: "POST", body: JSON.stringify({ reason: "Logged twice" }) })).status).toBe(200);
    const [voided] = await admin`select void_reason from public.time_entries where id = ${entryId}`;
    expect(voided.void_reason).toBe("Logged twice");
    // Filters: only voided entries.
    const onlyVoided = await (await call(`${entriesOf(cast.clientA)}?voided=true&category=build`, token)).json();
    expect(onlyVoided.data.map((e: { id: string }) => e.id)).toEqual([entryId]);

    // A closed month's entry cannot be voided, only corrected (signed minutes, in an open month).
    const closedVoid = await call(`${entriesOf(cast.clientA)}/${febEntry}/void`, token, { method: "POST", body: JSON.stringify({ reason: "Too late" }) });
    expect(closedVoid.status).toBe(409);
    const corrected = await call(`${entriesOf(cast.clientA)}/${febEntry}/corrections`, token, { method: "POST", body: JSON.stringify({ workDate: "2026-03-12", minutes: -15, description: "Fifteen minutes were a call" }) });
    expect(corrected.status).toBe(200);
    const [correction] = await admin`select minutes, work_date::text as day from public.time_entries where adjusts_entry_id = ${febEntry}`;
    expect(correction).toEqual({ minutes: -15, day: "2026-03-12" });
    const zero = await call(`${entriesOf(cast.clientA)}/${febEntry}/corrections`, token, { method: "POST", body: JSON.stringify({ workDate: "2026-03-12", minutes: 0, description: "Nothing" }) });
    expect(zero.status).toBe(422);
  });

  it("limits each token to its rate, with Retry-After", async () => {
    const token = await tokenFor(cast.ownerA, { "scope.hours:read": "on" });
    const [{ id }] = await admin`select id from public.api_tokens where user_id = ${cast.ownerA.id} order by created_at desc limit 1`;
    await admin`insert into public.rate_limit_hits (bucket) select ${`api:${id}`} from generate_series(1, ${API_RATE_PER_MINUTE})`;
    const res = await call("/api/v1/clients", token);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await res.json()).error.code).toBe("rate_limited");
  });

  it("stops taking a token once revoked by its person, or once the person loses access", async () => {
    const token = await tokenFor(cast.memberA, { "scope.hours:read": "on" });
    expect((await call("/api/v1/clients", token)).status).toBe(200);
    const [{ id }] = await admin`select id from public.api_tokens where user_id = ${cast.memberA.id} order by created_at desc limit 1`;
    const other = await execute(revokeApiToken, cast.ownerA.claims, { tokenId: id });
    expect(!other.ok && other.error.code).toBe("not_found");
    expect((await execute(revokeApiToken, cast.memberA.claims, { tokenId: id })).ok).toBe(true);
    expect((await call("/api/v1/clients", token)).status).toBe(401);

    const second = await tokenFor(cast.memberA, { "scope.hours:read": "on" });
    expect((await call("/api/v1/clients", second)).status).toBe(200);
    await admin`delete from public.client_members where user_id = ${cast.memberA.id}`;
    const after = await call("/api/v1/clients", second);
    expect(after.status).toBe(401);
    expect((await after.json()).error.message).toMatch(/revoked/);
  });

  it("describes itself in an OpenAPI 3.1 document generated from the zod schemas", async () => {
    const doc = await (await call("/api/v1/openapi.json", null)).json();
    expect(doc.openapi).toBe("3.1.0");
    const post = doc.paths["/clients/{clientId}/time-entries"].post;
    const body = post.requestBody.content["application/json"].schema;
    expect(body.properties.minutes.type).toBe("integer");
    expect(body.properties.billable.type).toBe("boolean");
    expect(body.required).toEqual(expect.arrayContaining(["workDate", "minutes", "description", "category"]));
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(["200", "401", "403", "404", "422", "429"]));
  });
});
