// Every id an action is given is checked against the client it names, in the action's transaction, under
// the caller's RLS (lib/db/ownership, used by execute() in lib/commands): another client's id, a hidden one and a missing
// one all read "not this client's", so a reply never tells whether an id exists.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { asUser } from "@/lib/db";
import { staffedAmong } from "@/lib/db/clients";
import { foreignIds } from "@/lib/db/ownership";
import { admin, createCast } from "../support/fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
const ids = { entryA: randomUUID(), entryB: randomUUID(), itemA: randomUUID(), itemB: randomUUID(), updateB: randomUUID(), invoiceB: randomUUID() };

beforeAll(async () => {
  cast = await createCast();
  await admin`insert into public.roadmap_items (id, client_id, title, status, position) values
    (${ids.itemA}, ${cast.clientA}, 'A item', 'planned', 0), (${ids.itemB}, ${cast.clientB}, 'B item', 'planned', 0)`;
  await admin`insert into public.time_entries (id, client_id, engineer_id, work_date, minutes, description, category) values
    (${ids.entryA}, ${cast.clientA}, ${cast.assigned.id}, '2025-03-03', 60, 'A work', 'build'),
    (${ids.entryB}, ${cast.clientB}, ${cast.admin.id}, '2025-03-03', 60, 'B work', 'build')`;
  await admin`insert into public.weekly_updates (id, client_id, week_start, title, body_md) values (${ids.updateB}, ${cast.clientB}, '2025-03-03', 'B week', 'B')`;
  await admin`insert into public.invoices (id, client_id, month, currency, total_cents) values (${ids.invoiceB}, ${cast.clientB}, '2025-02-01', 'JPY', 1000)`;
});

describe("foreignIds", () => {
  it("passes the client's own ids and no ids at all", async () => {
    const own = await asUser(cast.assigned.claims, (tx) =>
      foreignIds(tx, { clientId: cast.clientA, ids: { entryId: [ids.entryA], itemId: [ids.itemA], roadmapItemId: [ids.itemA], entryIds: [ids.entryA, ids.entryA] } }));
    expect(own).toEqual([]);
    expect(await asUser(cast.assigned.claims, (tx) => foreignIds(tx, { clientId: cast.clientA, ids: { roadmapItemId: [], entryIds: [] } }))).toEqual([]);
  });

  it("refuses another client's ids, even for an admin who can see both clients", async () => {
    const foreign = await asUser(cast.admin.claims, (tx) =>
      foreignIds(tx, { clientId: cast.clientA, ids: { entryId: [ids.entryB], itemId: [ids.itemB], updateId: [ids.updateB], invoiceId: [ids.invoiceB] } }));
    expect(foreign).toEqual(["entryId", "itemId", "updateId", "invoiceId"]);
  });

  it("refuses a list when any one of its ids is another client's (bulk changes)", async () => {
    const mixed = await asUser(cast.admin.claims, (tx) => foreignIds(tx, { clientId: cast.clientA, ids: { entryIds: [ids.entryA, ids.entryB], itemIds: [ids.itemA] } }));
    expect(mixed).toEqual(["entryIds"]);
  });

  it("answers the same for a missing id as for a hidden one", async () => {
    const hidden = await asUser(cast.assigned.claims, (tx) => foreignIds(tx, { clientId: cast.clientB, ids: { invoiceId: [ids.invoiceB] } }));
    const missing = await asUser(cast.assigned.claims, (tx) => foreignIds(tx, { clientId: cast.clientB, ids: { invoiceId: [randomUUID()] } }));
    expect(hidden).toEqual(["invoiceId"]);
    expect(missing).toEqual(hidden);
  });
});

describe("staffedAmong", () => {
  it("keeps, in one query, only the clients the caller works for (billing's due months)", async () => {
    const asked = [cast.clientA, cast.clientB, randomUUID()];
    expect([...await asUser(cast.assigned.claims, (tx) => staffedAmong(tx, { clientIds: asked }))]).toEqual([cast.clientA]);
    expect(new Set(await asUser(cast.admin.claims, (tx) => staffedAmong(tx, { clientIds: asked })))).toEqual(new Set([cast.clientA, cast.clientB]));
    expect((await asUser(cast.ownerA.claims, (tx) => staffedAmong(tx, { clientIds: asked }))).size).toBe(0);
    expect((await asUser(cast.assigned.claims, (tx) => staffedAmong(tx, { clientIds: [] }))).size).toBe(0);
  });
});
