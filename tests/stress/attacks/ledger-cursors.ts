// Issue 24, the ledger's page cursors (GET /clients/:id/hours?after=…|before=…) and its totals function, attacked
// on the production stack. A cursor is an entry's id; the attacks aim Kiwi's entries at people who must not see
// them:
//   - Harbor's owner (Olivia) and Harbor's engineer (Sam, the admin, who may read Kiwi too: a cursor is only ever
//     read within the ledger it pages) page Harbor's ledger from Kiwi's entries, in Kiwi's months, both ways:
//     every page must say it is no longer there and carry none of Kiwi's entries;
//   - Olivia asks for Kiwi's ledger itself with a cursor: not found;
//   - cursors that are not ids (SQL, a repeated parameter, 10 kB, a month that is not one): the newest page, never
//     an error;
//   - private.ledger_totals called as PostgREST would (role authenticated, Olivia's claims) for Kiwi: all zeros.
// Figure: attempts, succeeded (a Kiwi entry shown, a 5xx, a non-zero total) 0, rows changed 0; and the control, Harbor's
// own entry as Olivia's cursor, pages on to Harbor's older entries (so a pager that always said "gone" would fail).
import assert from "node:assert/strict";
import { demoId } from "@/lib/dev/seed";
import { cookieFor, type Stack } from "../harness";

type Report = (line: string) => void;

export async function ledgerCursors(stack: Stack, report: Report, ctx: { checksums: () => Promise<Record<string, string>> }) {
  const kiwi = demoId("client:kiwi");
  const harbor = demoId("client:harbor");
  // The demo's clients share descriptions, so a leak is told by the entry's own row (id="entry-<id>").
  const targets = await stack.admin<{ id: string; month: string }[]>`
    select e.id, to_char(e.work_date, 'YYYY-MM') as month from public.time_entries e
    where e.client_id = ${kiwi} order by e.work_date desc, e.id limit 12`;
  assert.equal(targets.length, 12, "Kiwi has entries to aim at");
  const kiwiIds = (await stack.admin<{ id: string }[]>`select id from public.time_entries where client_id = ${kiwi}`).map((r) => r.id);
  const before = await ctx.checksums();
  let attempts = 0;
  let succeeded = 0;
  const problems: string[] = [];
  const get = async (who: "olivia" | "sam", url: string) => {
    attempts++;
    const res = await fetch(`${stack.base}${url}`, { headers: { cookie: await cookieFor(stack, who) }, redirect: "manual" });
    return { status: res.status, body: await res.text() };
  };
  const leaks = (body: string) => kiwiIds.some((id) => body.includes(`entry-${id}`));

  for (const who of ["olivia", "sam"] as const) {
    for (const t of targets) {
      for (const dir of ["after", "before"]) {
        const { status, body } = await get(who, `/clients/${harbor}/hours?month=${t.month}&${dir}=${t.id}`);
        if (status !== 200 || !body.includes("This page of the ledger is no longer there") || leaks(body)) {
          succeeded++;
          problems.push(`${who} ${dir} ${t.id}: ${status}`);
        }
      }
    }
  }
  for (const t of targets.slice(0, 4)) {
    const { status, body } = await get("olivia", `/clients/${kiwi}/hours?month=${t.month}&after=${t.id}`);
    if (status !== 404 || leaks(body)) {
      succeeded++;
      problems.push(`olivia on Kiwi's ledger: ${status}`);
    }
  }
  for (const query of [
    "after=' or 1=1--", `after=${targets[0].id}'--`, `after=${targets[0].id}&after=${targets[1].id}`, `before=${"a".repeat(10_000)}`,
    "month=2026-13&after=00000000-0000-0000-0000-000000000000", "after=%00", `before[]=${targets[0].id}`,
  ]) {
    const { status, body } = await get("olivia", `/clients/${harbor}/hours?${query}`);
    if (status >= 500 || status === 200 && leaks(body)) {
      succeeded++;
      problems.push(`${query.slice(0, 40)}: ${status}`);
    }
  }
  // The totals function as the Data API would run it, for a client Olivia cannot read.
  const [totals] = await stack.admin.begin(async (tx) => {
    await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${JSON.stringify({ sub: demoId("olivia@harborpine.test"), role: "authenticated" })}, true)`;
    return tx<{ entries: number; billable_minutes: number }[]>`select entries::int, billable_minutes::int from private.ledger_totals(${kiwi}, '2000-01-01', '2100-01-01', null, null, null)`;
  });
  attempts++;
  if (totals.entries !== 0 || totals.billable_minutes !== 0) {
    succeeded++;
    problems.push(`ledger_totals for Kiwi as Olivia: ${JSON.stringify(totals)}`);
  }
  // The control: Harbor's own newest entry as Olivia's cursor pages on to Harbor's older entries of that month.
  const [own] = await stack.admin<{ id: string; month: string }[]>`
    select e.id, to_char(e.work_date, 'YYYY-MM') as month from public.time_entries e
    where e.client_id = ${harbor}
      and (select count(*) from public.time_entries o where o.client_id = e.client_id and date_trunc('month', o.work_date) = date_trunc('month', e.work_date)) > 1
    order by e.work_date desc, e.created_at desc, e.id desc limit 1`;
  const control = await get("olivia", `/clients/${harbor}/hours?month=${own.month}&after=${own.id}`);
  attempts--; // the control is not an attack
  const controlShows = control.status === 200 && !control.body.includes("no longer there") && /id="entry-[0-9a-f-]{36}"/.test(control.body) && !control.body.includes(`entry-${own.id}`);
  const after = await ctx.checksums();
  const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
  report(`ledger cursors: ${attempts} attempts (Kiwi's entries as cursors on Harbor's ledger by its owner and its engineer, both ways; Kiwi's ledger by Harbor's owner; 7 malformed cursors; Kiwi's totals through private.ledger_totals as Harbor's owner), succeeded: ${succeeded}, rows changed: ${changed.length}; the control (Harbor's own entry as Olivia's cursor) pages on: ${controlShows}`);
  assert.deepEqual(problems, []);
  assert.equal(succeeded, 0);
  assert.deepEqual(changed, []);
  assert.ok(controlShows, `the control: ${control.status}`);
}
