// The ledger of any size (issue 24): a month is listed LEDGER_PAGE entries at a time from a keyset cursor, and its
// totals are summed in SQL for the whole filter. Against the real schema and RLS, as the client's owner:
//   - paging older from the newest page, then newer from the oldest, visits every entry of the filter once, in
//     the ledger's order, including entries logged at the same instant (the id breaks the tie);
//   - each page says where it sits ("101–200 of 262");
//   - the SQL totals equal lib/domain/ledger's rules applied to every entry, for generated filters (fast-check);
//   - the per-day sums they are read from (private.ledger_days, kept by statement triggers) equal the entries'
//     after generated sequences of inserts, edits, voids, moves and deletes;
//   - a cursor naming another client's entry, or one the filter does not keep, reads nothing and says so.
// The month is February 2028, so the 29th is in it; the clock is fixed.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { asUser } from "@/lib/db";
import { listEntries } from "@/lib/db/entries";
import { CATEGORIES, type Category } from "@/lib/domain/categories";
import { ledgerTotals } from "@/lib/domain/ledger";
import { LEDGER_PAGE, ledgerData } from "@/lib/pages/ledger";
import type { ClientRef } from "@/lib/types/clients";
import type { EntryRow } from "@/lib/types/hours";
import type { LedgerCursor, LedgerData, LedgerFilter } from "@/lib/types/pages";
import { addMember, admin, assignEngineer, clientRef, createClient, createStaff, createUser, type TestUser } from "../support/fixtures";

const now = new Date("2028-03-10T15:00:00Z");
const month = "2028-02-01";
const COUNT = 2 * LEDGER_PAGE + 62; // three pages, the last one short
let owner: TestUser;
let client: ClientRef;
let otherEntry: string;
let itemId: string;

beforeAll(async () => {
  const clientId = await createClient({ name: "Busy ledger" });
  const other = await createClient({ name: "Another client" });
  const engineer = await createStaff("ledger-pages-eng", "engineer");
  owner = await createUser("ledger-pages-owner");
  await addMember(clientId, owner, "owner");
  await assignEngineer(clientId, engineer);
  await assignEngineer(other, engineer);
  client = await clientRef(clientId);
  [{ id: itemId }] = await admin<{ id: string }[]>`
    insert into public.roadmap_items (client_id, title, status) values (${clientId}, 'Data pipeline', 'in_progress') returning id`;
  // Set-based and deterministic: day i % 29 + 1 (the 29th included), categories and billable in turn, every
  // seventh voided, every fifth on the roadmap item, and blocks of eight logged at the same instant.
  await admin`
    insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, billable, roadmap_item_id, voided_at, voided_by, void_reason, created_at)
    select ${clientId}, ${engineer.id}, ${month}::date + (i % 29), 15 + (i * 37) % 240, 'Entry ' || i,
           (${CATEGORIES as unknown as string[]}::text[])[1 + i % ${CATEGORIES.length}], i % 3 <> 0,
           case when i % 5 = 0 then ${itemId}::uuid end,
           case when i % 7 = 0 then ${now} end, case when i % 7 = 0 then ${engineer.id}::uuid end, case when i % 7 = 0 then 'Duplicate' end,
           timestamptz '2028-03-01 09:00:00+00' + ((i / 8) * interval '1 second')
    from generate_series(1, ${COUNT}) as i`;
  // An entry in the month before and one of another client: neither is in this view.
  await admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, billable)
    values (${clientId}, ${engineer.id}, '2028-01-31', 60, 'January', 'build', true)`;
  [{ id: otherEntry }] = await admin<{ id: string }[]>`
    insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, billable)
    values (${other}, ${engineer.id}, '2028-02-10', 60, 'Not yours', 'build', true) returning id`;
});

const page = (f: LedgerFilter, at: LedgerCursor = {}) => asUser(owner.claims, (tx) => ledgerData(tx, client, f, now, at));
const everyEntry = (f: LedgerFilter) => asUser(owner.claims, (tx) => listEntries(tx, {
  clientId: client.id, month: f.month ?? month, category: f.category, roadmapItemId: f.item,
  billable: f.billable === undefined ? undefined : f.billable === "yes",
}));
const ids = (rows: readonly EntryRow[]) => rows.map((e) => e.id);

describe("the ledger, a page at a time", () => {
  it("pages older through every entry, then newer back, each page knowing where it sits", async () => {
    const all = await everyEntry({ month });
    expect(all).toHaveLength(COUNT);
    const seen: LedgerData[] = [];
    let at: LedgerCursor = {};
    for (;;) {
      const p = await page({ month }, at);
      seen.push(p);
      expect(p.page.offset).toBe((seen.length - 1) * LEDGER_PAGE);
      if (!p.page.older) break;
      at = { after: p.page.older };
    }
    expect(seen.map((p) => p.entries.length)).toEqual([LEDGER_PAGE, LEDGER_PAGE, COUNT - 2 * LEDGER_PAGE]);
    expect(seen.flatMap((p) => ids(p.entries))).toEqual(ids(all));
    expect(seen[0].page.newer).toBeNull();
    expect(seen.every((p) => p.totals.entries + p.totals.voided === COUNT)).toBe(true);
    expect(seen[0].entries[0].workDate).toBe("2028-02-29");

    // Back, newer from the oldest page: the same pages, the newest one at the start again.
    const back = await page({ month }, { before: seen[2].page.newer! });
    expect(ids(back.entries)).toEqual(ids(seen[1].entries));
    expect(back.page).toMatchObject({ offset: LEDGER_PAGE, newer: seen[1].page.newer, older: seen[1].page.older });
    const start = await page({ month }, { before: back.page.newer! });
    expect(ids(start.entries)).toEqual(ids(seen[0].entries));
    expect(start.page).toMatchObject({ offset: 0, newer: null, older: seen[0].page.older, lost: false });
  });

  it("pages a filter as it pages the month", async () => {
    const f: LedgerFilter = { month, billable: "yes", category: "build" };
    const all = await everyEntry(f);
    const first = await page(f);
    expect(ids(first.entries)).toEqual(ids(all).slice(0, Math.min(LEDGER_PAGE, all.length)));
    expect(first.page.older).toBeNull(); // under a page: nothing older
    expect(first.entries.every((e) => e.billable && e.category === "build")).toBe(true);
  });

  it("sums the whole filter in SQL as lib/domain/ledger would, on every page", async () => {
    const filters = fc.record({
      category: fc.option(fc.constantFrom(...(CATEGORIES as readonly Category[])), { nil: undefined }),
      billable: fc.option(fc.constantFrom("yes" as const, "no" as const), { nil: undefined }),
      item: fc.option(fc.constant("item"), { nil: undefined }),
    });
    await fc.assert(fc.asyncProperty(filters, async ({ category, billable, item }) => {
      const f: LedgerFilter = { month, category, billable, item: item ? itemId : undefined };
      const [shown, all] = await Promise.all([page(f), everyEntry(f)]);
      expect(shown.totals).toEqual(ledgerTotals(all));
    }), { numRuns: 25, seed: 24 });
  });

  it("keeps the per-day sums in step with the entries through inserts, edits, voids, moves and deletes", async () => {
    // Generated sequences of writes as the app and the import make them, each statement touching one or many rows.
    type Sql = typeof admin;
    const sums = (sql: Sql) => sql`
      select client_id, work_date, category, billable, roadmap_item_id, correction, voided, entries, minutes::int as minutes
      from private.ledger_days where client_id = ${client.id} order by 1, 2, 3, 4, 5, 6, 7`;
    const truth = (sql: Sql) => sql`
      select client_id, work_date, category, billable, roadmap_item_id, adjusts_entry_id is not null as correction, voided_at is not null as voided,
             count(*)::int as entries, sum(minutes)::int as minutes
      from public.time_entries where client_id = ${client.id} group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7`;
    const write = fc.oneof(
      fc.record({ op: fc.constant("recategorize" as const), mod: fc.integer({ min: 2, max: 9 }), category: fc.constantFrom(...CATEGORIES) }),
      fc.record({ op: fc.constant("move" as const), mod: fc.integer({ min: 2, max: 9 }), days: fc.integer({ min: -3, max: 3 }) }),
      fc.record({ op: fc.constant("retime" as const), mod: fc.integer({ min: 2, max: 9 }), minutes: fc.integer({ min: 1, max: 600 }) }),
      fc.record({ op: fc.constant("void" as const), mod: fc.integer({ min: 2, max: 9 }) }),
      fc.record({ op: fc.constant("unlink" as const), mod: fc.integer({ min: 2, max: 9 }) }),
      fc.record({ op: fc.constant("insert" as const), count: fc.integer({ min: 1, max: 40 }) }),
      fc.record({ op: fc.constant("delete" as const), mod: fc.integer({ min: 5, max: 12 }) }),
    );
    const ROLLBACK = new Error("rollback");
    let seen = { sums: [] as unknown[], truth: [] as unknown[] };
    await fc.assert(fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 6 }), async (writes) => {
      await admin.begin(async (tx) => {
        const pick = (mod: number) => tx`client_id = ${client.id} and description <> 'January' and abs(hashtext(id::text)) % ${mod} = 0`;
        for (const w of writes) {
          if (w.op === "recategorize") await tx`update public.time_entries set category = ${w.category} where ${pick(w.mod)}`;
          if (w.op === "move") await tx`update public.time_entries set work_date = least(greatest(work_date + ${w.days}::int, ${month}::date), date '2028-02-29') where ${pick(w.mod)}`;
          if (w.op === "retime") await tx`update public.time_entries set minutes = ${w.minutes} where ${pick(w.mod)}`;
          if (w.op === "void") await tx`update public.time_entries set voided_at = ${now}, voided_by = engineer_id, void_reason = 'Generated' where ${pick(w.mod)} and voided_at is null`;
          if (w.op === "unlink") await tx`update public.time_entries set roadmap_item_id = null where ${pick(w.mod)}`;
          if (w.op === "insert") {
            await tx`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, billable, roadmap_item_id)
              select ${client.id}, engineer_id, work_date, minutes, description || ' again', category, billable, roadmap_item_id
              from public.time_entries where client_id = ${client.id} and work_date >= ${month} order by id limit ${w.count}`;
          }
          if (w.op === "delete") await tx`delete from public.time_entries where ${pick(w.mod)}`;
        }
        await tx`set constraints all immediate`; // the day rows follow at commit: bring that moment forward
        seen = { sums: await sums(tx as unknown as Sql), truth: await truth(tx as unknown as Sql) };
        throw ROLLBACK; // each run starts from the same entries, and the other tests keep them
      }).catch((e) => { if (e !== ROLLBACK) throw e; });
      expect(seen.sums).toEqual(seen.truth);
      expect(seen.truth.length).toBeGreaterThan(0);
    }), { numRuns: 20, seed: 2024 });
    expect(await sums(admin)).toEqual(await truth(admin));
  });

  it("adds up two writers of one day who commit side by side, leaving no change behind", async () => {
    const day = "2028-02-14";
    const before = await admin<{ entries: number }[]>`
      select coalesce(sum(entries), 0)::int as entries from private.ledger_days where client_id = ${client.id} and work_date = ${day}`;
    let wrote!: () => void;
    let release!: () => void;
    const written = new Promise<void>((r) => (wrote = r));
    const held = new Promise<void>((r) => (release = r));
    const [engineer] = await admin<{ id: string }[]>`select engineer_id as id from public.time_entries where client_id = ${client.id} limit 1`;
    const insert = (sql: typeof admin, what: string) => sql`
      insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, billable)
      values (${client.id}, ${engineer.id}, ${day}, 30, ${what}, 'build', true)`;
    const first = admin.begin(async (tx) => {
      await insert(tx as unknown as typeof admin, "First writer");
      wrote();
      await held;
    });
    await written;
    await insert(admin, "Second writer"); // commits while the first is open, without waiting for it
    release();
    await first;
    const [after] = await admin<{ entries: number }[]>`
      select coalesce(sum(entries), 0)::int as entries from private.ledger_days where client_id = ${client.id} and work_date = ${day}`;
    expect(after.entries).toBe(before[0].entries + 2);
    expect(await admin`select 1 from private.ledger_day_changes where client_id = ${client.id}`).toHaveLength(0);
    await admin`delete from public.time_entries where client_id = ${client.id} and description in ('First writer', 'Second writer')`;
  });

  it("reads nothing from a cursor the view does not hold, and says the page is gone", async () => {
    const theirs = await page({ month }, { after: otherEntry });
    expect(theirs.entries).toEqual([]);
    expect(theirs.page).toEqual({ offset: 0, older: null, newer: null, lost: true });
    const [january] = await admin<{ id: string }[]>`select id from public.time_entries where client_id = ${client.id} and work_date = '2028-01-31'`;
    expect((await page({ month }, { after: january.id })).page.lost).toBe(true); // nothing in February is older
    // Totals stay the month's: a lost page is not an empty month.
    expect(theirs.totals.entries + theirs.totals.voided).toBe(COUNT);
  });
});
