// Search (issue 25, lib/pages/search) as real people under RLS: every word must match (prefixes too), best first,
// with the words marked; staff find their clients' entries, items and updates, owners and members their own
// client's (members: published updates only), nobody another client's; hostile text is only words.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@/lib/auth/session";
import { asUser } from "@/lib/db";
import { loadViewer } from "@/lib/db/viewer";
import { highlightParts, searchWords, tsQueryOf } from "@/lib/domain/search";
import { viewSearch } from "@/lib/pages/search";
import { asPostgrest } from "../support/direct-access";
import { admin, createCast, type TestUser } from "../support/fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
const word = `zq${randomUUID().slice(0, 6)}`; // a word nothing else in the database has

async function session(user: TestUser): Promise<Session> {
  return { claims: user.claims, viewer: await asUser(user.claims, (tx) => loadViewer(tx, { userId: user.id, email: user.email })) };
}
const search = async (user: TestUser, q: string, client?: string) => viewSearch(await session(user), { q, ...(client ? { client } : {}) });

beforeAll(async () => {
  cast = await createCast();
  await admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, billable) values
    (${cast.clientA}, ${cast.assigned.id}, '2026-11-02', 30, ${`Fixed the ${word} invoices export for Harbor`}, 'build', true),
    (${cast.clientA}, ${cast.assigned.id}, '2026-11-03', 30, ${`Meeting about ${word}`}, 'meeting', true),
    (${cast.clientB}, ${cast.admin.id}, '2026-11-03', 30, ${`Client B's own ${word} invoices`}, 'build', true)`;
  await admin`insert into public.roadmap_items (client_id, title, description, status) values (${cast.clientA}, ${`Carrier ${word} integration`}, 'Rates and labels', 'planned')`;
  await admin`insert into public.weekly_updates (client_id, week_start, status, title, body_md, source, published_at) values
    (${cast.clientA}, '2026-11-02', 'published', 'Week of November 2', ${`Shipped the ${word} export.`}, 'manual', now()),
    (${cast.clientA}, '2026-11-09', 'draft', 'Draft', ${`Still drafting ${word} notes.`}, 'manual', null)`;
});

describe("search", () => {
  it("finds a client's entries, items and updates by a word, best first, with the word marked", async () => {
    const view = await search(cast.assigned, word);
    expect(view.entries.map((e) => e.title).sort()).toEqual([`Fixed the ${word} invoices export for Harbor`, `Meeting about ${word}`]);
    expect(view.items.map((i) => i.title)).toEqual([`Carrier ${word} integration`]);
    expect(view.updates.map((u) => u.title).sort()).toEqual(["Draft", "Week of November 2"]); // staff see drafts
    expect(view.entries[0].parts.filter((p) => p.marked).map((p) => p.text)).toEqual([word]);
  });

  it("needs every word, and a word's start is enough", async () => {
    const both = await search(cast.assigned, `${word} invoic`);
    expect(both.entries.map((e) => e.title)).toEqual([`Fixed the ${word} invoices export for Harbor`]);
    expect((await search(cast.assigned, `${word} nowhere`)).entries).toEqual([]);
  });

  it("keeps to what each person may read: owners and members their client's, members no drafts, nobody another client's", async () => {
    const owner = await search(cast.ownerA, word);
    expect(owner.entries).toHaveLength(2);
    expect(owner.updates.map((u) => u.title)).toEqual(["Week of November 2"]);
    const member = await search(cast.memberA, word);
    expect(member.entries).toHaveLength(2);
    expect(member.updates.map((u) => u.title)).toEqual(["Week of November 2"]);
    const other = await search(cast.ownerB, word);
    expect(other.entries.map((e) => e.clientId)).toEqual([cast.clientB]);
    expect([...other.items, ...other.updates]).toEqual([]);
    expect(await search(cast.unassigned, word)).toMatchObject({ entries: [], items: [], updates: [] });
    // A client named in the query that is not theirs is ignored: still only their own client's.
    const named = await search(cast.ownerB, word, cast.clientA);
    expect(named.client).toBeNull();
    expect(named.entries.map((e) => e.clientId)).toEqual([cast.clientB]);
    expect((await search(cast.admin, word, cast.clientB)).entries.map((e) => e.clientId)).toEqual([cast.clientB]);
  });

  it("treats anything typed as words only", async () => {
    for (const q of ["' or 1=1 --", "a & b | !c", "<script>", ":*", "()", "\\", "".padEnd(500, "x")]) {
      await expect(search(cast.assigned, q), q).resolves.toBeDefined();
    }
    expect(tsQueryOf("Invoices, export! (2026)")).toBe("invoices:* & export:* & 2026:*");
    expect(tsQueryOf("&|!:*()'")).toBeNull();
    expect(searchWords("a b c d e f g h i j")).toHaveLength(8);
    expect(highlightParts("before \u0002hit\u0003 after")).toEqual([{ text: "before ", marked: false }, { text: "hit", marked: true }, { text: " after", marked: false }]);
  });

  it("private.search_entries, called as PostgREST would, answers only the caller's readable entries", async () => {
    const rpc = (who: TestUser | null, clientId: string | null) => asPostgrest(admin, who ? { label: who.email, id: who.id, email: who.email } : { label: "anon", id: null },
      (tx) => tx`select id from private.search_entries(to_tsquery('simple', ${`${word}:*`}), ${clientId}::uuid, 100)`);
    expect((await rpc(cast.ownerB, cast.clientA)).rows).toBe(0);
    const own = await rpc(cast.ownerB, null);
    expect(own.rows).toBe(1);
    expect((await rpc(cast.unassigned, null)).rows).toBe(0);
    expect((await rpc(cast.assigned, null)).rows).toBe(2);
    expect((await rpc(null, null)).refused).toBeTruthy();
  });
});
