// Issue 25, the timer: its three doors (start, stop, discard) attacked on the production stack.
//   - a real timer of Priya's on Kiwi (she is its engineer), started through the action; then, with it running:
//     owners and members starting one for their own client; engineers starting one for a client they do not work
//     for; fields a person might add hoping the action writes them (user_id, started_at, engineerId, minutes);
//     everyone else stopping or discarding hers (naming Kiwi, and their own client), signed out too;
//   - the table as PostgREST would reach it, as Priya and as the others: reading, moving the start back, taking
//     it over, planting one;
//   - the control: ten starts at once by Sam keep one timer; Priya stops hers: one entry, as her, for Kiwi.
// Figure: attempts, succeeded 0, rows changed 0 (tenant tables and timers) before the control.
import assert from "node:assert/strict";
import { demoId } from "@/lib/dev/seed";
import { asPostgrest } from "../../support/direct-access";
import { actionIds, callAction, cookieFor, refusalTally, PEOPLE, type Stack } from "../harness";

type Report = (line: string) => void;

export async function timers(stack: Stack, report: Report, ctx: { checksums: () => Promise<Record<string, string>> }) {
  const actions = actionIds();
  const start = actions.get("startTimerAction")!;
  const stop = actions.get("stopTimerAction")!;
  const discard = actions.get("discardTimerAction")!;
  const kiwi = demoId("client:kiwi");
  const harbor = demoId("client:harbor");
  const priyaId = demoId("priya@practice.test");
  await stack.admin`delete from public.running_timers`;
  const priya = await cookieFor(stack, "priya");
  const started = await callAction(stack, priya, start, { clientId: kiwi, description: "Stress: carrier webhook retries", category: "build", billable: "on" });
  assert.equal(started.result?.ok, true, `Priya starts hers: ${JSON.stringify(started.result)}`);
  const timerRows = async () => stack.admin<{ user_id: string; client_id: string; started_at: Date }[]>`select user_id, client_id, started_at from public.running_timers order by user_id`;
  const timersBefore = JSON.stringify(await timerRows());

  const before = await ctx.checksums();
  const { tally, attempt } = refusalTally(stack);
  const fields = (clientId: string) => ({ clientId, description: "Stress: not mine", category: "build", billable: "on" });
  // Owners and members, for the client they belong to: they log no time.
  for (const [who, client] of [["olivia", harbor], ["marco", harbor], ["aroha", kiwi], ["yuki", demoId("client:sakura")]] as const) {
    await attempt(`${who} starts a timer for their own client`, await cookieFor(stack, who), start, fields(client));
  }
  // Priya, for a client she does not work for; with forged fields; a second while hers runs.
  await attempt("priya starts one for Harbor", priya, start, fields(harbor));
  await attempt("priya starts a second, with forged fields", priya, start, {
    ...fields(kiwi), user_id: demoId("sam@practice.test"), userId: demoId("sam@practice.test"), started_at: "2020-01-01T00:00:00Z", startedAt: "2020-01-01", engineerId: demoId("sam@practice.test"), minutes: "900",
  });
  // Everyone else stopping or discarding hers (naming Kiwi, and their own client); signed out.
  for (const who of ["sam", "olivia", "marco", "aroha", "yuki"] as const) {
    const cookie = await cookieFor(stack, who);
    for (const client of [kiwi, harbor]) await attempt(`${who} stops it naming ${client === kiwi ? "Kiwi" : "Harbor"}`, cookie, stop, { clientId: client, confirm: "1", minutes: "8h" });
    await attempt(`${who} discards it`, cookie, discard, {});
  }
  await attempt("signed out starts one", "", start, fields(kiwi));
  await attempt("signed out stops hers", "", stop, { clientId: kiwi, confirm: "1" });
  await attempt("signed out discards hers", "", discard, {});
  // Priya herself, naming another client than her timer's.
  await attempt("priya stops hers naming Harbor", priya, stop, { clientId: harbor, confirm: "1" });

  // The table as PostgREST reaches it: nobody writes a row, an instant or an id; nobody reads another's.
  let direct = 0;
  let directChanged = 0;
  for (const who of ["priya", "sam", "olivia", "aroha"] as const) {
    const actor = { label: who, id: demoId(PEOPLE[who]), email: PEOPLE[who] };
    for (const write of [
      (tx: Parameters<Parameters<typeof asPostgrest>[2]>[0]) => tx`update public.running_timers set started_at = started_at - interval '20 hours'`,
      (tx: Parameters<Parameters<typeof asPostgrest>[2]>[0]) => tx`update public.running_timers set user_id = ${actor.id}`,
      (tx: Parameters<Parameters<typeof asPostgrest>[2]>[0]) => tx`delete from public.running_timers`,
      (tx: Parameters<Parameters<typeof asPostgrest>[2]>[0]) => tx`insert into public.running_timers (user_id, client_id, description, category, started_at) values (${actor.id}, ${kiwi}, 'x', 'build', now() - interval '9 hours')`,
    ]) {
      direct++;
      const outcome = await asPostgrest(stack.admin, actor, write, { rollback: true });
      if (outcome.rows > 0) directChanged++;
    }
    const read = await asPostgrest(stack.admin, actor, (tx) => tx`select user_id from public.running_timers`);
    direct++;
    if (read.rows !== (who === "priya" ? 1 : 0)) directChanged++;
  }
  const after = await ctx.checksums();
  const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
  const timersAfter = JSON.stringify(await timerRows());

  // The control: ten starts at once by Sam keep one timer of his; Priya stops hers into one entry, as her, for Kiwi.
  const sam = await cookieFor(stack, "sam");
  const racing = await Promise.all(Array.from({ length: 10 }, () => callAction(stack, sam, start, { ...fields(kiwi), description: "Stress: racing starts" })));
  const [{ samTimers }] = await stack.admin<{ samTimers: number }[]>`select count(*)::int as "samTimers" from public.running_timers where user_id = ${demoId("sam@practice.test")}`;
  await callAction(stack, sam, discard, {});
  const stopped = await callAction(stack, priya, stop, { clientId: kiwi, confirmOverage: "1" }); // past the ceiling too, if other steps took Kiwi there
  const entries = await stack.admin<{ engineer_id: string; client_id: string; minutes: number }[]>`
    select engineer_id, client_id, minutes from public.time_entries where description = 'Stress: carrier webhook retries'`;
  report(`timers: ${tally.attempts} attempts through the actions (owners and members starting, engineers for others' clients, forged ids and instants, stopping and discarding another's, signed out) and ${direct} as PostgREST, succeeded: ${tally.succeeded + directChanged}, rows changed: ${changed.length} (timers ${timersBefore === timersAfter ? "unchanged" : "CHANGED"}); 10 racing starts: ${racing.filter((r) => r.result?.ok).length} started, ${samTimers} running; Priya's stop: ${entries.length} entry`);
  assert.deepEqual(tally.problems, []);
  assert.equal(tally.succeeded + directChanged, 0);
  assert.deepEqual(changed, []);
  assert.equal(timersAfter, timersBefore);
  assert.equal(samTimers, 1);
  assert.equal(racing.filter((r) => r.result?.ok).length, 1);
  assert.equal(stopped.result?.ok, true, JSON.stringify(stopped.result));
  assert.deepEqual(entries.map((e) => [e.engineer_id, e.client_id, e.minutes]), [[priyaId, kiwi, 1]]);
}

/**
 * Issue 25, the week grid's page (/week) on the production stack: owners and members (with and without a start),
 * signed out, and staff with hostile `start` values (SQL, script, far dates, repeated, huge). Figure: attempts,
 * answered other than 404 or the sign-in redirect for those who may not, server errors, another engineer's
 * entry shown.
 */
export async function weekPage(stack: Stack, report: Report) {
  let attempts = 0;
  const problems: string[] = [];
  const get = async (cookie: string, path: string) => {
    attempts++;
    return fetch(`${stack.base}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  };
  for (const who of ["olivia", "marco", "aroha", "yuki"] as const) {
    const cookie = await cookieFor(stack, who);
    for (const path of ["/week", "/week?start=2026-01-05", "/week/", "/week?start=' or 1=1 --"]) {
      const res = await get(cookie, path);
      if (res.status !== 404 && !(res.status === 308 && path.endsWith("/"))) problems.push(`${who} ${path}: ${res.status}`);
    }
  }
  for (const path of ["/week", "/week?start=2026-01-05"]) {
    const res = await get("", path);
    if (res.status !== 307 || !res.headers.get("location")?.includes("/login")) problems.push(`signed out ${path}: ${res.status}`);
  }
  // Staff with hostile starts: every one a page of some week, never an error.
  const priya = await cookieFor(stack, "priya");
  const hostile = ["' or 1=1 --", "<script>alert(1)</script>", "9999-12-31", "0001-01-01", "2026-02-30", "x".repeat(5000), "2026-11-09&start=2020-01-06", "%00", "[]"];
  let serverErrors = 0;
  for (const start of hostile) {
    const res = await get(priya, `/week?start=${encodeURIComponent(start)}`);
    const html = await res.text();
    if (res.status >= 500) serverErrors++;
    if (res.status !== 200 || !html.includes("Your week") || html.includes("<script>alert(1)")) problems.push(`priya start=${start.slice(0, 30)}: ${res.status}`);
  }
  // Priya's week shows her entries only: a description only Sam logged this week never appears on hers.
  const sam = demoId("sam@practice.test");
  const [{ description }] = await stack.admin<{ description: string }[]>`
    insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, billable)
    values (${demoId("client:kiwi")}, ${sam}, (now() at time zone 'Pacific/Auckland')::date - 1, 30, 'Stress: Sam''s own week entry', 'build', true) returning description`;
  const hers = await (await get(priya, "/week")).text();
  const leaked = hers.includes(description) ? 1 : 0;
  report(`week page: ${attempts} attempts (owners and members, signed out, hostile starts as staff), answered other than 404/sign-in for those who may not: ${problems.length}, server errors: ${serverErrors}, another engineer's entries shown: ${leaked}`);
  assert.deepEqual(problems, []);
  assert.equal(serverErrors, 0);
  assert.equal(leaked, 0);
}

/**
 * Issue 25, bulk edit's arrays of ids: Priya (Kiwi's engineer) sends her own client's entries mixed with Harbor's,
 * naming Kiwi and naming Harbor, for every change; owners and members send their own client's entries. Figure:
 * attempts, succeeded 0, rows changed 0.
 */
export async function bulkIds(stack: Stack, report: Report, ctx: { checksums: () => Promise<Record<string, string>> }) {
  const bulk = actionIds().get("bulkEntriesAction")!;
  const kiwi = demoId("client:kiwi");
  const harbor = demoId("client:harbor");
  const live = (client: string) => stack.admin<{ id: string }[]>`
    select e.id from public.time_entries e where e.client_id = ${client} and e.voided_at is null and e.adjusts_entry_id is null
      and not exists (select 1 from public.billing_periods bp where bp.client_id = e.client_id and bp.month = date_trunc('month', e.work_date)::date and bp.status = 'closed')
    order by e.work_date desc limit 3`;
  const mine = (await live(kiwi)).map((r) => r.id);
  const theirs = (await live(harbor)).map((r) => r.id);
  const before = await ctx.checksums();
  let attempts = 0;
  const accepted: string[] = [];
  const changes: Record<string, string>[] = [{ change: "category", category: "support" }, { change: "billable", billable: "no" }, { change: "void", reason: "Stress: not mine" }, { change: "roadmapItem", roadmapItemId: "" }];
  const priya = await cookieFor(stack, "priya");
  for (const c of changes) {
    for (const [clientId, entryIds] of [[kiwi, [...mine, ...theirs]], [kiwi, [theirs[0], ...mine]], [harbor, theirs], [harbor, [...theirs, ...mine]]] as const) {
      attempts++;
      const reply = await callAction(stack, priya, bulk, { clientId, entryIds: entryIds.join(","), ...c });
      if (reply.result?.ok !== false) accepted.push(`priya ${c.change} ${clientId === kiwi ? "Kiwi" : "Harbor"}: ${reply.status}`);
    }
    for (const [who, clientId, entryIds] of [["olivia", harbor, theirs], ["marco", harbor, theirs], ["aroha", kiwi, mine]] as const) {
      attempts++;
      const reply = await callAction(stack, await cookieFor(stack, who), bulk, { clientId, entryIds: entryIds.join(","), ...c });
      if (reply.result?.ok !== false) accepted.push(`${who} ${c.change}: ${reply.status}`);
    }
  }
  const after = await ctx.checksums();
  const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
  report(`bulk edit ids: ${attempts} attempts (own entries mixed with another client's, naming either client; owners and members), succeeded: ${accepted.length}, rows changed: ${changed.length}`);
  assert.deepEqual(accepted, []);
  assert.deepEqual(changed, []);
}

/**
 * Issue 25, search (/search): a word only Harbor's entries, items and updates hold, searched by everyone who may not
 * read Harbor (Kiwi's and Sakura's owners and members, Priya), also naming Harbor as the client; hostile queries as
 * each. Figure: attempts, Harbor rows shown to them, server errors.
 */
export async function searchPage(stack: Stack, report: Report) {
  const harbor = demoId("client:harbor");
  const word = `wombat${Date.now().toString(36)}`;
  await stack.admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, billable)
    values (${harbor}, ${demoId("sam@practice.test")}, (now() at time zone 'America/Los_Angeles')::date, 15, ${`Stress: the ${word} entry`}, 'build', true)`;
  await stack.admin`insert into public.roadmap_items (client_id, title, description, status) values (${harbor}, ${`Stress: the ${word} item`}, '', 'planned')`;
  await stack.admin`insert into public.weekly_updates (client_id, week_start, status, title, body_md, source, published_at)
    values (${harbor}, '2020-01-06', 'published', 'Stress week', ${`The ${word} update.`}, 'manual', now())`;
  let attempts = 0;
  let shown = 0;
  let serverErrors = 0;
  const hostile = [word, word.slice(0, 8), `${word} | stress`, `${word}' or '1'='1`, `${word}:*`, "!()&|", "<script>alert(1)</script>", "x".repeat(5000), "%00"];
  for (const who of ["aroha", "yuki", "priya"] as const) {
    const cookie = await cookieFor(stack, who);
    for (const q of hostile) {
      for (const client of ["", harbor]) {
        attempts++;
        const res = await fetch(`${stack.base}/search?q=${encodeURIComponent(q)}${client ? `&client=${client}` : ""}`, { headers: { cookie } });
        const html = await res.text();
        if (res.status >= 500) serverErrors++;
        if (html.includes(`Stress: the ${word}`) || html.includes(`The ${word} update`) || html.includes("<script>alert(1)")) shown++;
      }
    }
  }
  // The control: Harbor's owner finds all three.
  const olivia = await (await fetch(`${stack.base}/search?q=${word}`, { headers: { cookie: await cookieFor(stack, "olivia") } })).text();
  const found = olivia.split(`>${word}</mark>`).length - 1;
  report(`search: ${attempts} searches by people who may not read Harbor (hostile queries, naming Harbor), Harbor's rows shown: ${shown}, server errors: ${serverErrors}; Harbor's owner finds ${found} of 3`);
  assert.equal(shown, 0);
  assert.equal(serverErrors, 0);
  assert.equal(found, 3, "the control: the rows are there to be found");
}
