// Issue 14, item 5: drafts that cannot lie. Two halves, because the stress stack has no Anthropic double of
// its own (it drafts from the template unless ANTHROPIC_API_KEY is set where the suite runs):
//
// 1. Every answer of the adversarial corpus (tests/unit/draft-corpus.ts) goes through the product's drafting
//    path, draftWithClaude: the real @anthropic-ai/sdk against the scripted in-repo double, the check, the
//    one retry and the error. A refused lie is sent twice (it must end in the clear error) and then once
//    before a good answer (the good answer, exactly, must come back); a neutralizable answer is sent once
//    (it must come back with no trace of what was neutralized). "Succeeded" counts lies that came back.
// 2. On the production stack: injections planted in an entry's descriptions and a roadmap title of a far
//    week, drafted through the real draftUpdateAction over HTTP; and a stored draft whose Markdown holds
//    foreign links, rendered by the production build. Nothing injected may reach the prose, no foreign link
//    may render live, and no other update row may change.
import assert from "node:assert/strict";
import { draftWithClaude } from "@/lib/ai/claude";
import { demoId } from "@/lib/dev/seed";
import { AppError } from "@/lib/platform/errors";
import { log } from "@/lib/platform/log";
import { startAnthropicDouble } from "../../doubles/anthropic";
import { APP_URL, corpus, corpusFacts, goodDraft, INJECTED } from "../../unit/draft-corpus";
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

async function onTheStack(stack: Stack): Promise<{ attempts: number; lies: string[]; rowsChanged: number }> {
  const actions = actionIds();
  const harbor = demoId("client:harbor");
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

export async function drafts(stack: Stack, report: (line: string) => void) {
  const sdk = await throughTheSdk();
  const live = await onTheStack(stack);
  const lies = [...sdk.lies, ...live.lies];
  report(`lying drafts: ${sdk.attempts + live.attempts} attempts, succeeded: ${lies.length}, rows changed: ${live.rowsChanged} ` +
    `(${corpus.length} adversarial answers × refused twice / refused then retried / neutralized through the SDK and the check = ${sdk.attempts}; ` +
    "on the stack: a template draft of injected facts and a stored draft of foreign links rendered by the build)");
  assert.deepEqual(lies.slice(0, 10), []);
  assert.equal(live.rowsChanged, 0);
}
