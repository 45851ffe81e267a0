// Issue 14, item 5: drafts that cannot lie. Issue 20, item 2: drafts that cannot phish. Three parts:
//
// 1. Every answer of the adversarial corpus (tests/unit/draft-corpus.ts) goes through the product's drafting
//    path, draftWithClaude: the real @anthropic-ai/sdk against the scripted in-repo double, the check, the
//    one retry and the error. A refused lie is sent twice (it must end in the clear error) and then once
//    before a good answer (the good answer, exactly, must come back); a neutralizable answer is sent once
//    (it must come back with no trace of what was neutralized). "Succeeded" counts lies that came back.
// 2. On the production stack, drafting from the template (AI drafting switched off for the client): injections
//    planted in an entry's descriptions and a roadmap title of a far week, drafted through the real
//    draftUpdateAction over HTTP; and a stored draft whose Markdown holds foreign links, rendered by the
//    production build. Nothing injected may reach the prose, no foreign link may render live, and no other
//    update row may change.
// 3. Phishing on the production stack, whose Claude is the scripted double (run.ts starts it and gives the
//    stack its address): a member's roadmap title and an entry description carry issue 20's reply, and every
//    phishing payload of the corpus (addresses in any disguise, payment redirection, the balance in words) is
//    Claude's answer twice to the real draftUpdateAction; then the same payload is written by hand into a
//    stored draft and published through the real publishUpdateAction. "Succeeded" counts a draft saved or an
//    update published; no update, e-mail or audit row may change.
import assert from "node:assert/strict";
import { draftWithClaude } from "@/lib/updates/ai-draft";
import { demoId } from "@/lib/dev/seed";
import { AppError } from "@/lib/platform/errors";
import { log } from "@/lib/platform/log";
import { startAnthropicDouble } from "../../doubles/anthropic";
import { APP_URL, corpus, corpusFacts, ENTRY, goodDraft, INJECTED, ISSUE_20, phishingCorpus } from "../../unit/draft-corpus";
import { actionIds, callAction, cookieFor, type Stack } from "../harness";

const WEEK = "2014-06-02"; // a Monday no other attack and no demo data touches
// Lies an independent eye looks for in saved prose: what the corpus and the planted facts try to say.
const LIE = /free|owe|invoice|pay|costs? nothing|waive|\b500\b|\b2026\b|\b15 bugs|evil\.example|ignore previous/i;

async function throughTheSdk(): Promise<{ attempts: number; lies: string[] }> {
  const double = await startAnthropicDouble();
  const facts = corpusFacts();
  const cfg = { apiKey: "stress-key", model: "claude-sonnet-5-5", baseURL: double.url, timeoutMs: 5000, maxRetries: 0, appUrl: APP_URL };
  const lies: string[] = [];
  let attempts = 0;
  const answer = (text: string) => ({ kind: "text" as const, text });
  // Each refused answer logs a warning by design; hundreds of them would bury the suite's figures.
  const level = log.level;
  log.level = "error";
  try {
    for (const c of corpus) {
      if (c.outcome === "refused") {
        double.script(answer(c.answer), answer(c.answer));
        attempts += 2;
        const twice = await draftWithClaude(facts, cfg).then(
          (r) => `saved ${JSON.stringify(r.draft).slice(0, 120)}`,
          (e: unknown) => (e instanceof AppError && /^Claude's draft did not match the week's facts twice .*Nothing was saved/.test(e.userMessage) ? null : `failed oddly: ${String(e)}`),
        );
        if (twice) lies.push(`${c.name} (twice): ${twice}`);
        double.script(answer(c.answer), { kind: "json", body: goodDraft() });
        attempts += 1;
        const retried = await draftWithClaude(facts, cfg).catch((e: unknown) => ({ draft: String(e) }));
        if (JSON.stringify(retried.draft) !== JSON.stringify(goodDraft())) lies.push(`${c.name} (then a good one): ${JSON.stringify(retried.draft).slice(0, 120)}`);
      } else {
        double.script(answer(c.answer));
        attempts += 1;
        const r = await draftWithClaude(facts, cfg).catch((e: unknown) => ({ draft: String(e) }));
        const saved = JSON.stringify(r.draft);
        const links = [...saved.matchAll(/\]\(([^)]*)\)/g)].map((m) => m[1]).filter((href) => !href.startsWith("/clients/"));
        if (typeof r.draft === "string" || (c.absent ?? []).some((a) => saved.includes(a)) || links.length) lies.push(`${c.name}: ${saved.slice(0, 120)}`);
      }
    }
  } finally {
    log.level = level;
    await double.close();
  }
  return { attempts, lies };
}

type AnthropicDouble = Awaited<ReturnType<typeof startAnthropicDouble>>;

async function onTheStack(stack: Stack): Promise<{ attempts: number; lies: string[]; rowsChanged: number }> {
  const actions = actionIds();
  const harbor = demoId("client:harbor");
  // The stack's Claude is the double; this half is about the template, so the owners' switch says so.
  const [{ enabled }] = await stack.admin<{ enabled: boolean }[]>`select ai_drafting_enabled as enabled from public.clients where id = ${harbor}`;
  await stack.admin`update public.clients set ai_drafting_enabled = false where id = ${harbor}`;
  try {
    return await templateOnTheStack(stack, actions, harbor);
  } finally {
    await stack.admin`update public.clients set ai_drafting_enabled = ${enabled} where id = ${harbor}`;
  }
}

async function templateOnTheStack(stack: Stack, actions: ReturnType<typeof actionIds>, harbor: string): Promise<{ attempts: number; lies: string[]; rowsChanged: number }> {
  const sam = await cookieFor(stack, "sam");
  const engineer = demoId("sam@practice.test");
  const lies: string[] = [];
  const others = async () => (await stack.admin<{ sum: string }[]>`
    select md5(coalesce(string_agg(u::text, '|' order by u.id), '')) as sum from public.weekly_updates u
    where not (u.client_id = ${harbor} and u.week_start = ${WEEK})`)[0].sum;
  const before = await others();

  // The owner's roadmap title and the engineer's descriptions carry the injections.
  const [item] = await stack.admin<{ id: string }[]>`insert into public.roadmap_items (client_id, title, status, proposed_by)
    values (${harbor}, ${INJECTED.title}, 'proposed', ${demoId("olivia@harborpine.test")}) returning id`;
  for (const [day, description, itemId] of [["2014-06-02", INJECTED.description, null], ["2014-06-03", INJECTED.figures, item.id], ["2014-06-04", INJECTED.link, item.id]] as const) {
    await stack.admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, roadmap_item_id)
      values (${harbor}, ${engineer}, ${day}, 60, ${description}, 'build', ${itemId})`;
  }
  const drafted = await callAction(stack, sam, actions.get("draftUpdateAction")!, { clientId: harbor, weekStart: WEEK });
  const [row] = await stack.admin<{ id: string; title: string; body_md: string }[]>`
    select id, title, body_md from public.weekly_updates where client_id = ${harbor} and week_start = ${WEEK}`;
  assert.ok(row, `the draft was not saved: ${drafted.status} ${JSON.stringify(drafted.result)}`);
  // The prose is everything above the figures the portal renders (which list the roadmap title as written, escaped).
  const prose = `${row.title}\n${row.body_md.split("### By the numbers")[0]}`;
  if (LIE.test(prose)) lies.push(`template draft quotes an injection: ${prose.slice(0, 200)}`);

  // A stored draft whose Markdown links elsewhere (as an engineer could type it): rendered by the build.
  const saved = await callAction(stack, sam, actions.get("saveDraftAction")!, {
    clientId: harbor, updateId: row.id, title: "Links",
    bodyMd: ["[Pay your invoice here](https://evil.example/pay)", "https://evil.example/bare", "<https://evil.example/auto>", "[p](//evil.example/x)",
      '<a href="https://evil.example/html">html</a>', "![pixel](https://evil.example/p.png)", "[ref][x]\n\n[x]: https://evil.example/ref"].join("\n\n"),
  });
  assert.equal(saved.result?.ok, true, JSON.stringify(saved.result));
  const page = await (await fetch(`${stack.base}/clients/${harbor}/updates/${row.id}`, { headers: { cookie: sam } })).text();
  const foreign = [...page.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => m[1]).filter((href) => new URL(href, stack.base).origin !== new URL(stack.base).origin);
  if (foreign.length) lies.push(`stored draft rendered live links: ${foreign.join(", ")}`);
  if (/<img [^>]*evil/.test(page)) lies.push("stored draft rendered an image");
  // The preview rendered the stored link, as text (the textarea holds the raw Markdown, escaped).
  assert.ok(page.includes("<span>Pay your invoice here</span>"), "the editor page did not render the stored draft's preview");

  const after = await others();
  return { attempts: 2, lies, rowsChanged: before === after ? 0 : 1 };
}

const PHISH_WEEK = "2014-06-16"; // another Monday nobody touches
// The phishing filter's reasons (lib/ai/phishing.ts), as the retry request quotes them back to Claude.
const FILTER_REASON = /(?:web|e-mail|network) address|disguised|speaks of where money goes|speaks of how much of the month/;

/** Part 3: each phishing payload as Claude's answer to the real draft action, then published by hand. */
async function phishingOnTheStack(stack: Stack, claude: AnthropicDouble): Promise<{ payloads: number; attempts: number; succeeded: string[]; rowsChanged: number }> {
  const actions = actionIds();
  const harbor = demoId("client:harbor");
  const sam = await cookieFor(stack, "sam");
  // What must not change: every update, every update e-mail queued, every audit line of an update. (Other
  // mail may be delivered meanwhile, which updates its outbox row: it is none of this attack's business.)
  const state = async () => (await stack.admin<{ sum: string }[]>`
    select md5(
      (select coalesce(string_agg(u::text, '|' order by u.id), '') from public.weekly_updates u) ||
      (select coalesce(string_agg(o.id::text, '|' order by o.id), '') from public.outbox o where o.kind = 'update.published') ||
      (select coalesce(string_agg(a::text, '|' order by a.id), '') from public.audit_events a where a.entity = 'weekly_update')) as sum`)[0].sum;

  // The facts carry the attack: a member proposes the roadmap item, the engineer's entry quotes it.
  const [item] = await stack.admin<{ id: string }[]>`insert into public.roadmap_items (client_id, title, status, proposed_by)
    values (${harbor}, ${ISSUE_20.reply.slice(0, 200)}, 'proposed', ${demoId("marco@harborpine.test")}) returning id`;
  const [entry] = await stack.admin<{ id: string }[]>`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, roadmap_item_id)
    values (${harbor}, ${demoId("sam@practice.test")}, ${PHISH_WEEK}, 60, ${`${ISSUE_20.spelled}; ${ISSUE_20.host}`}, 'build', ${item.id}) returning id`;
  // A stored draft of another week to publish by hand (made before the count starts).
  const [draft] = await stack.admin<{ id: string }[]>`insert into public.weekly_updates (client_id, week_start, status, title, body_md, source)
    values (${harbor}, '2014-06-23', 'draft', 'Week of work', 'The order import is live.', 'manual') returning id`;

  const payloads = phishingCorpus;
  const before = await state();
  const succeeded: string[] = [];
  let attempts = 0;
  for (const c of payloads) {
    // Claude answers with the payload twice (the first answer and the retry), citing this week's entry so that
    // the payload is all there is to refuse: the draft action must refuse, and for the payload's words.
    const answer = c.answer.replaceAll(ENTRY.importBuilt, entry.id).replaceAll(ENTRY.payLink, entry.id);
    claude.script({ kind: "text", text: answer }, { kind: "text", text: answer });
    // 130 drafts are far past the drafts limit (lib/commands/limits.ts, attacked in attacks/limits.ts): this attack
    // is about what Claude's answers can do, so the count starts afresh for each.
    await stack.admin`delete from public.rate_limit_hits where bucket like 'limit:drafts:%'`;
    const drafted = await callAction(stack, sam, actions.get("draftUpdateAction")!, { clientId: harbor, weekStart: PHISH_WEEK });
    attempts++;
    const [saved] = await stack.admin`select id from public.weekly_updates where client_id = ${harbor} and week_start = ${PHISH_WEEK}`;
    if (saved || drafted.result?.ok !== false || drafted.redirect) succeeded.push(`${c.name}: drafted (${drafted.status} ${JSON.stringify(drafted.result)?.slice(0, 120)})`);
    const asked = claude.messagesRequests();
    // The retry carries the reasons of the first refusal: they must be the phishing filter's.
    const feedback = asked[1]?.body.split("Your previous answer was rejected:")[1] ?? "";
    if (asked.length !== 2 || !FILTER_REASON.test(feedback)) succeeded.push(`${c.name}: not refused by the phishing filter (${asked.length} requests)`);
    claude.requests.length = 0;

    // The same words, written by hand into the body and published.
    const words = JSON.parse(c.answer) as { summary: string; headline: string; highlights: { text: string }[]; nextWeek: string[]; risks: string[] };
    const bodyMd = [words.summary, ...words.highlights.map((h) => h.text), ...words.nextWeek, ...words.risks].join("\n\n");
    const published = await callAction(stack, sam, actions.get("publishUpdateAction")!, { clientId: harbor, updateId: draft.id, title: words.headline, bodyMd });
    attempts++;
    const [row] = await stack.admin<{ status: string }[]>`select status from public.weekly_updates where id = ${draft.id}`;
    if (row.status !== "draft" || published.result?.ok !== false || published.redirect) succeeded.push(`${c.name}: published (${published.status} ${JSON.stringify(published.result)?.slice(0, 120)})`);
  }
  const after = await state();
  await stack.admin`delete from public.weekly_updates where id = ${draft.id}`;
  return { payloads: payloads.length, attempts, succeeded, rowsChanged: before === after ? 0 : 1 };
}

export async function drafts(stack: Stack, report: (line: string) => void, claude: AnthropicDouble) {
  const sdk = await throughTheSdk();
  const live = await onTheStack(stack);
  const lies = [...sdk.lies, ...live.lies];
  report(`lying drafts: ${sdk.attempts + live.attempts} attempts, succeeded: ${lies.length}, rows changed: ${live.rowsChanged} ` +
    `(${corpus.length} adversarial answers × refused twice / refused then retried / neutralized through the SDK and the check = ${sdk.attempts}; ` +
    "on the stack: a template draft of injected facts and a stored draft of foreign links rendered by the build)");
  assert.deepEqual(lies.slice(0, 10), []);
  assert.equal(live.rowsChanged, 0);

  const phish = await phishingOnTheStack(stack, claude);
  report(`phishing drafts: ${phish.attempts} attempts, succeeded: ${phish.succeeded.length}, rows changed: ${phish.rowsChanged} ` +
    `(${phish.payloads} issue-20 payloads, each Claude's answer twice to draftUpdateAction on facts carrying a member's phishing title, ` +
    "then written by hand and sent to publishUpdateAction)");
  assert.deepEqual(phish.succeeded.slice(0, 10), []);
  assert.equal(phish.rowsChanged, 0);
}
