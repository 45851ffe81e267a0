// Issue 26, what AI saw: the model prompt and the record's doors attacked on the production stack.
//   - secrets in the work log: an entry of Harbor holds an email address, a phone number, a Stripe key, a JWT, a
//     password after its label, an IBAN and a database URL with its password; Sam drafts that week through the
//     real draftUpdateAction, Claude (the scripted double) answering twice with what the check refuses. Figure:
//     values planted, and how many of them reached the model or the record (0 each);
//   - the page, /clients/<Harbor>/ai, asked by people who may not read Harbor's record (its member, other clients'
//     owners, an engineer of another client) and signed out, with hostile searches and cursors: answered other
//     than 404 or sign-in, Harbor's record shown, server errors (0 each); control: Harbor's owner finds it;
//   - the table as PostgREST reaches it, as everyone: rewriting what was sent or answered, moving it to another
//     client, re-attributing it, deleting it, planting one (rows changed 0).
import assert from "node:assert/strict";
import { demoId } from "@/lib/dev/seed";
import type { startAnthropicDouble } from "../../doubles/anthropic";
import { asPostgrest } from "../../support/direct-access";
import { actionIds, callAction, cookieFor, PEOPLE, type Stack } from "../harness";

type Report = (line: string) => void;
type AnthropicDouble = Awaited<ReturnType<typeof startAnthropicDouble>>;

const WEEK = "2014-07-07"; // a Monday no other attack and no demo data touches
const PLANTED = {
  email: "ops.lead+alerts@harborpine.test",
  phone: "+1 (415) 555-0134",
  stripe: "sk_live_51HqLyjWDarjtT1zdp7dcStressKey0042",
  jwt: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzdHJlc3MifQ.c3RyZXNzLXNpZ25hdHVyZS0wMDQy",
  password: "Tr0ub4dor&3-stress",
  iban: "DE89 3704 0044 0532 0130 00",
  url: "postgres://app:Sup3rSecretStress@db.harborpine.test:5432/prod",
};

export async function aiRecord(stack: Stack, report: Report, claude: AnthropicDouble, ctx: { checksums: () => Promise<Record<string, string>> }) {
  const harbor = demoId("client:harbor");
  const marker = `stress-ai-${Date.now().toString(36)}`;
  await stack.admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, billable)
    values (${harbor}, ${demoId("sam@practice.test")}, ${WEEK}, 45,
      ${`${marker}: mailed ${PLANTED.email}, call ${PLANTED.phone}; key ${PLANTED.stripe}; token ${PLANTED.jwt}; password: ${PLANTED.password}; IBAN ${PLANTED.iban}; db ${PLANTED.url}`},
      'support', true)`;
  claude.requests.length = 0;
  claude.script({ kind: "text", text: "not json" }, { kind: "text", text: "still not json" });
  await stack.admin`delete from public.rate_limit_hits where bucket like 'limit:drafts:%'`;
  const drafted = await callAction(stack, await cookieFor(stack, "sam"), actionIds().get("draftUpdateAction")!, { clientId: harbor, weekStart: WEEK });
  assert.equal(drafted.result?.ok, false, "the double's answers are refused: no draft");
  const sent = claude.messagesRequests().map((r) => r.body).join("\n");
  const requestsSent = claude.messagesRequests().length;
  claude.requests.length = 0; // the next attack counts its own
  assert.ok(sent.includes(marker), "the planted entry was in the week's facts");
  const records = await stack.admin<{ body: string }[]>`select row_to_json(a)::text as body from public.ai_requests a where client_id = ${harbor} and a.request::text like ${`%${marker}%`}`;
  const recorded = records.map((r) => r.body).join("\n");
  const values = Object.values(PLANTED);
  const reachedModel = values.filter((v) => sent.includes(v) || sent.includes(JSON.stringify(v).slice(1, -1)));
  const reachedRecord = values.filter((v) => recorded.includes(v) || recorded.includes(JSON.stringify(v).slice(1, -1)));
  report(`model prompt: ${values.length} secrets planted in an entry, ${requestsSent} requests sent, reached the model: ${reachedModel.length}, ` +
    `kept in the record: ${reachedRecord.length}; ${records.length} attempts recorded`);
  assert.deepEqual(reachedModel, []);
  assert.deepEqual(reachedRecord, []);
  assert.equal(records.length, 2);

  // The page, by everyone who may not read Harbor's record.
  const before = await ctx.checksums();
  const [{ id: recordId }] = await stack.admin<{ id: string }[]>`select id from public.ai_requests where client_id = ${harbor} and request::text like ${`%${marker}%`} limit 1`;
  const hostile = ["", marker, `${marker}' or '1'='1`, "%", "_", "\\", "<script>alert(1)</script>", "x".repeat(5000)];
  let attempts = 0;
  let answered = 0;
  let shown = 0;
  let serverErrors = 0;
  for (const who of ["marco", "aroha", "yuki", "priya", null] as const) {
    const cookie = who ? await cookieFor(stack, who) : "";
    for (const q of hostile) {
      for (const before of ["", recordId, "not-a-cursor"]) {
        attempts++;
        const res = await fetch(`${stack.base}/clients/${harbor}/ai?q=${encodeURIComponent(q)}${before ? `&before=${before}` : ""}`, { headers: { cookie }, redirect: "manual" });
        const html = await res.text();
        if (res.status >= 500) serverErrors++;
        if (res.status === 200) answered++;
        // The record's own words (a 404 page's payload echoes the query, which holds the marker).
        if (html.includes(`${marker}: mailed`)) shown++;
      }
    }
  }
  // The table as PostgREST reaches it.
  let direct = 0;
  let directRows = 0;
  for (const who of ["sam", "olivia", "marco", "aroha", "priya"] as const) {
    const actor = { label: who, id: demoId(PEOPLE[who]), email: PEOPLE[who] };
    for (const write of [
      (tx: Parameters<Parameters<typeof asPostgrest>[2]>[0]) => tx`update public.ai_requests set response = 'nothing to see', masked = '[]'`,
      (tx: Parameters<Parameters<typeof asPostgrest>[2]>[0]) => tx`update public.ai_requests set request = jsonb_set(request, '{system}', '"forged"')`,
      (tx: Parameters<Parameters<typeof asPostgrest>[2]>[0]) => tx`update public.ai_requests set client_id = ${demoId("client:kiwi")}, requested_by = ${actor.id}`,
      (tx: Parameters<Parameters<typeof asPostgrest>[2]>[0]) => tx`delete from public.ai_requests`,
      (tx: Parameters<Parameters<typeof asPostgrest>[2]>[0]) => tx`insert into public.ai_requests (client_id, purpose, endpoint, model, prompt_version, attempt, http_attempts, request, outcome)
        values (${harbor}, 'planted', 'https://evil.test', 'm', 'v', 1, 1, '{}', 'accepted')`,
    ]) {
      direct++;
      directRows += (await asPostgrest(stack.admin, actor, write, { rollback: true })).rows;
    }
  }
  const after = await ctx.checksums();
  const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
  // The control: Harbor's owner finds the record by its words.
  const olivia = await (await fetch(`${stack.base}/clients/${harbor}/ai?q=${marker}`, { headers: { cookie: await cookieFor(stack, "olivia") } })).text();
  const found = olivia.includes(`${marker}: mailed [email 1]`);
  report(`what AI saw: ${attempts} page requests by people who may not read Harbor's record and signed out (hostile searches and cursors), ` +
    `answered: ${answered}, Harbor's record shown: ${shown}, server errors: ${serverErrors}; ${direct} writes as PostgREST, rows changed: ${directRows}; ` +
    `tables changed: ${changed.length}; control: Harbor's owner finds it: ${found}`);
  assert.equal(answered, 0);
  assert.equal(shown, 0);
  assert.equal(serverErrors, 0);
  assert.equal(directRows, 0);
  assert.deepEqual(changed, []);
  assert.ok(found, "the control: the record is there to be found");
}
