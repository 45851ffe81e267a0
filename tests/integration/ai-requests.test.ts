// What AI saw (issue 26) against the real database and the real Anthropic SDK pointed at the in-repo double: every
// attempt of a draft is kept exactly as the double received it (after redaction), with the answer, the check's
// verdict, retries, tokens and the draft it became; a failed draft keeps its record too. Owners and the client's
// staff read the records, members and other tenants do not, and nobody signed in writes, changes or removes one
// (the table as PostgREST reaches it). The page's view pages and searches them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { asUser } from "@/lib/db";
import { insertEntry } from "@/lib/db/entries";
import { findUpdateForWeek } from "@/lib/db/updates";
import type { ClientPage } from "@/lib/pages/access";
import { AI_PAGE_SIZE, viewAiRequests } from "@/lib/pages/ai";
import { AppError } from "@/lib/platform/errors";
import { draftUpdate, type DraftOptions } from "@/lib/updates/draft";
import { startAnthropicDouble } from "../doubles/anthropic";
import { asPostgrest } from "../support/direct-access";
import { admin, createCast, type TestUser } from "../support/fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
type Tx = Parameters<Parameters<typeof asPostgrest>[2]>[0];
let cast: Cast;
let claude: Awaited<ReturnType<typeof startAnthropicDouble>>;
const WEEK = "2026-03-02"; // Monday
const now = new Date("2026-03-09T12:00:00Z");
const ids: string[] = [];
const SECRET = "sk_live_51HqLyjWDarjtT1zdp7dcAbCdEfGh12345";

const opts = (over: Partial<DraftOptions["claude"]> = {}): DraftOptions => ({
  claude: { apiKey: "test-key", model: "claude-sonnet-5-5", baseURL: claude.url, timeoutMs: 2000, maxRetries: 2, ...over },
  now,
});
const good = () => ({
  headline: "Order import is live",
  summary: "The order import now runs every morning and the team reviewed it together.",
  highlights: [{ text: "Shipped the order import", entryIds: [ids[0]] }],
  nextWeek: ["Start the ETA texts"],
  risks: [],
});
const failure = (e: unknown) => (e instanceof AppError ? e.userMessage : String(e));
const actor = (u: TestUser) => ({ label: u.email, id: u.id, email: u.email });
const recordsOf = (clientId: string) => admin<{
  attempt: number; outcome: string; feedback: string | null; update_id: string | null; requested_by: string; http_attempts: number;
  input_tokens: number | null; output_tokens: number | null; request: { system: string; messages: { content: string }[] }; response: string | null;
  masked: { kind: string; placeholder: string; preview: string }[]; endpoint: string; model: string; answered_by: string | null; purpose: string;
}[]>`select * from public.ai_requests where client_id = ${clientId} order by created_at, attempt`;

beforeAll(async () => {
  claude = await startAnthropicDouble();
  cast = await createCast();
  await admin`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents, overage_rate_cents_per_hour)
    values (${cast.clientA}, '2026-01-01', 1200, 400000, 15000)`;
  await asUser(cast.assigned.claims, async (tx) => {
    const entry = (workDate: string, minutes: number, description: string) =>
      insertEntry(tx, { actorId: cast.assigned.id, clientId: cast.clientA, input: { workDate, minutes, description, category: "build", billable: true, roadmapItemId: null } });
    ids.push(await entry("2026-03-02", 120, "Built the order import"));
    ids.push(await entry("2026-03-04", 60, `Sent dana@harbor.test the staging key ${SECRET}; she calls back on +1 (415) 555-0134`));
  });
});
afterAll(() => claude.close());
beforeEach(async () => {
  await admin`delete from public.weekly_updates where client_id = ${cast.clientA}`;
  await admin`delete from public.ai_requests`;
  claude.requests.length = 0;
});

describe("what AI saw, as drafting keeps it", () => {
  it("keeps each attempt exactly as sent, masked, with the answer, the verdict, tokens and the draft it became", async () => {
    claude.script({ kind: "text", text: "Sure! {" }, { kind: "json", body: good() });
    const { id } = await draftUpdate(cast.assigned.claims, cast.clientA, WEEK, opts());
    const records = await recordsOf(cast.clientA);
    expect(records.map((r) => [r.attempt, r.outcome, r.update_id])).toEqual([[1, "refused", id], [2, "accepted", id]]);
    expect(records[0]).toMatchObject({ feedback: "the answer is not valid JSON", response: "Sure! {", http_attempts: 1, input_tokens: 100, output_tokens: 50 });
    expect(records[1]).toMatchObject({
      requested_by: cast.assigned.id, model: "claude-sonnet-5-5", answered_by: "claude-sonnet-5-5", endpoint: `${claude.url}/v1/messages`,
      purpose: "Draft of the weekly update for the week of March 2, 2026", response: JSON.stringify(good()), feedback: null,
    });
    // The record is what the double received, byte for byte: the same instructions and message.
    const sent = claude.messagesRequests().map((r) => JSON.parse(r.body) as { system: string; messages: { content: string }[] });
    expect(records.map((r) => [r.request.system, r.request.messages[0].content])).toEqual(sent.map((s) => [s.system, s.messages[0].content]));
    // Masked before sending, and the record says what, never the value.
    for (const raw of ["dana@harbor.test", SECRET, "555-0134"]) {
      expect(claude.requests.map((r) => r.body).join("")).not.toContain(raw);
      expect(JSON.stringify(records)).not.toContain(raw);
    }
    expect(records[1].request.messages[0].content).toContain("Sent [email 1] the staging key [secret 1]; she calls back on [phone 1]");
    expect(records[1].masked.map((m) => [m.kind, m.placeholder])).toEqual([["email", "[email 1]"], ["secret", "[secret 1]"], ["phone", "[phone 1]"]]);
    // The draft itself is the person's to edit: it was saved from the checked answer.
    expect(await asUser(cast.assigned.claims, (tx) => findUpdateForWeek(tx, { clientId: cast.clientA, weekStart: WEEK }))).toMatchObject({ id, source: "ai" });
  });

  it("keeps the record of a draft that failed, with the SDK's retries, and saves no draft", async () => {
    claude.script({ kind: "status", status: 500 }, { kind: "status", status: 500 }, { kind: "status", status: 500 });
    const message = await draftUpdate(cast.assigned.claims, cast.clientA, WEEK, opts()).catch(failure);
    expect(message).toBe("Claude is having trouble right now. Your existing draft is unchanged. Try again in a few minutes.");
    const records = await recordsOf(cast.clientA);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ attempt: 1, outcome: "failed", http_attempts: 3, response: null, answered_by: null, update_id: null, feedback: message });
  });

  it("sends nothing and keeps nothing when the owners turned drafting off", async () => {
    await admin`update public.clients set ai_drafting_enabled = false where id = ${cast.clientA}`;
    try {
      await draftUpdate(cast.assigned.claims, cast.clientA, WEEK, opts());
      expect(claude.messagesRequests()).toHaveLength(0);
      expect(await recordsOf(cast.clientA)).toHaveLength(0);
    } finally {
      await admin`update public.clients set ai_drafting_enabled = true where id = ${cast.clientA}`;
    }
  });
});

describe("the table, as PostgREST reaches it", () => {
  it("lets owners and the client's staff read the records, nobody else, and nobody signed in write one", async () => {
    claude.script({ kind: "json", body: good() });
    await draftUpdate(cast.assigned.claims, cast.clientA, WEEK, opts());
    const before = JSON.stringify(await recordsOf(cast.clientA));
    for (const who of [cast.assigned, cast.admin, cast.ownerA]) {
      expect((await asPostgrest(admin, actor(who), (tx) => tx`select id, request, response, masked from public.ai_requests`)).rows, who.email).toBe(1);
    }
    for (const who of [cast.memberA, cast.ownerB, cast.unassigned]) {
      expect((await asPostgrest(admin, actor(who), (tx) => tx`select * from public.ai_requests`)).rows, who.email).toBe(0);
    }
    expect((await asPostgrest(admin, { label: "anon", id: null }, (tx) => tx`select * from public.ai_requests`)).refused).toBe("42501"); // permission denied
    const writes = [
      (tx: Tx) => tx`update public.ai_requests set response = 'nothing to see'`,
      (tx: Tx) => tx`update public.ai_requests set masked = '[]', request = '{}'`,
      (tx: Tx) => tx`update public.ai_requests set client_id = ${cast.clientB}`,
      (tx: Tx) => tx`update public.ai_requests set requested_by = ${cast.ownerA.id}, created_at = now() - interval '1 year'`,
      (tx: Tx) => tx`delete from public.ai_requests`,
      (tx: Tx) => tx`insert into public.ai_requests (client_id, purpose, endpoint, model, prompt_version, attempt, http_attempts, request, outcome)
        values (${cast.clientA}, 'planted', 'https://evil.test', 'm', 'v', 1, 1, '{}', 'accepted')`,
    ];
    let attempts = 0;
    for (const who of [cast.assigned, cast.admin, cast.ownerA, cast.memberA]) {
      for (const write of writes) {
        const outcome = await asPostgrest(admin, actor(who), write, { rollback: true });
        attempts++;
        expect(outcome.rows, `${who.email}: ${outcome.refused}`).toBe(0);
      }
    }
    expect(attempts).toBe(24);
    expect(JSON.stringify(await recordsOf(cast.clientA))).toBe(before);
  });
});

describe("the page's view", () => {
  it("pages newest first, 20 at a time, and finds a request by a word it sent or received", async () => {
    await admin`
      insert into public.ai_requests (client_id, requested_by, created_at, purpose, endpoint, model, prompt_version, attempt, http_attempts, request, response, outcome)
      select ${cast.clientA}, ${cast.assigned.id}, timestamptz '2026-03-01 00:00Z' + make_interval(mins => g), 'Draft ' || g, 'https://api.anthropic.com/v1/messages',
             'claude-test', 'weekly-update/1', 1, 1, jsonb_build_object('system', 'Write', 'messages', jsonb_build_array(jsonb_build_object('role', 'user', 'content', 'facts ' || g || case when g = 7 then ' carrier-rates' else '' end))),
             '{"headline":"Week ' || g || '"}', 'accepted'
      from generate_series(1, 25) g`;
    const page = { claims: cast.ownerA.claims, client: { id: cast.clientA } } as unknown as ClientPage;
    const first = await viewAiRequests(page, {});
    expect(first.requests.map((r) => r.purpose)).toEqual(Array.from({ length: AI_PAGE_SIZE }, (_, i) => `Draft ${25 - i}`));
    expect(first.older).toBe(first.requests.at(-1)!.id);
    const second = await viewAiRequests(page, { before: first.older! });
    expect(second.requests.map((r) => r.purpose)).toEqual(["Draft 5", "Draft 4", "Draft 3", "Draft 2", "Draft 1"]);
    expect(second).toMatchObject({ older: null, paged: true });
    expect((await viewAiRequests(page, { q: "CARRIER-rates" })).requests.map((r) => r.purpose)).toEqual(["Draft 7"]);
    expect((await viewAiRequests(page, { q: "Week 12" })).requests.map((r) => r.purpose)).toEqual(["Draft 12"]);
    expect((await viewAiRequests(page, { q: "100%_" })).requests).toEqual([]); // wildcards are text
    expect((await viewAiRequests(page, { before: "not-an-id", q: ["a", "b"] })).requests).toHaveLength(AI_PAGE_SIZE); // malformed: as if absent
    // Another client's owner, naming this client: RLS answers nothing.
    expect((await viewAiRequests({ claims: cast.ownerB.claims, client: { id: cast.clientA } } as unknown as ClientPage, {})).requests).toEqual([]);
  });
});
