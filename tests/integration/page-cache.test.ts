// The dashboard and ledger cache (lib/pages/cache): every write those pages read moves the client's data
// version (triggers), the version is only readable by those who can read the client, and cached data is
// per person and never outlives a change.
import { beforeAll, describe, expect, it } from "vitest";
import { seesMoney } from "@/lib/domain/access";
import type { ClientPage } from "@/lib/pages/access";
import { asUser } from "@/lib/db";
import { getClientAccess } from "@/lib/db/clients";
import { insertEntry } from "@/lib/db/entries";
import { type EntryInput } from "@/lib/types/hours";
import { loadViewer } from "@/lib/db/viewer";
import { localDate } from "@/lib/domain/dates";
import { viewLedger } from "@/lib/pages/ledger";
import { viewOverview } from "@/lib/pages/overview";
import { found } from "@/lib/platform/errors";
import { admin, createCast, type TestUser } from "../support/fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
const now = new Date();
let today: string;
const entry = (description: string): EntryInput => ({
  workDate: today, minutes: 45, description, category: "build", billable: true, roadmapItemId: null,
});

async function accessAs(user: TestUser, clientId: string): Promise<ClientPage> {
  return asUser(user.claims, async (tx) => {
    const viewer = await loadViewer(tx, { userId: user.id, email: user.email });
    // As the pages' authorize step does: a client the caller cannot read is "not found".
    const { client, isStaff, dataVersion } = found(await getClientAccess(tx, { clientId }), "That client");
    const memberRole = viewer.memberships.find((m) => m.clientId === clientId)?.role ?? null;
    return { claims: user.claims, viewer, client, isStaff, memberRole, dataVersion, seesMoney: seesMoney({ staffRole: viewer.staffRole, memberRole, isStaff }) };
  });
}
const versionOf = async (clientId: string) => (await accessAs(cast.ownerA, clientId)).dataVersion;

beforeAll(async () => {
  cast = await createCast();
  today = localDate(now, "America/New_York");
  await admin`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents, overage_rate_cents_per_hour)
    values (${cast.clientA}, '2025-01-01', 1200, 400000, 15000), (${cast.clientB}, '2025-01-01', 600, 2000000, 900000)`;
});

describe("client data versions", () => {
  it("move with every kind of write the dashboard and ledger read, whoever makes it", async () => {
    const a = cast.clientA;
    let last = await versionOf(a);
    const writes: [string, () => Promise<unknown>][] = [
      ["log an entry", () => asUser(cast.assigned.claims, (tx) => insertEntry(tx, { actorId: cast.assigned.id, clientId: a, input: entry("Versioned work") }))],
      ["edit an entry", () => admin`update public.time_entries set minutes = 50 where client_id = ${a} and description = 'Versioned work'`],
      ["void an entry", () => admin`update public.time_entries set voided_at = now(), void_reason = 'dup' where client_id = ${a} and description = 'Versioned work'`],
      ["add a roadmap item", () => admin`insert into public.roadmap_items (client_id, title) values (${a}, 'Cache item')`],
      ["rename a roadmap item", () => admin`update public.roadmap_items set title = 'Cache item, renamed' where client_id = ${a}`],
      ["publish an update", () => admin`insert into public.weekly_updates (client_id, week_start, status, title, published_at) values (${a}, '2025-03-03', 'published', 'Week', now())`],
      ["change the terms", () => admin`insert into public.retainer_terms (client_id, effective_month, included_minutes, monthly_fee_cents, overage_rate_cents_per_hour) values (${a}, '2025-06-01', 1500, 450000, 15000)`],
      ["close a month", () => admin`insert into public.billing_periods (client_id, month, status, closed_at) values (${a}, '2025-02-01', 'closed', now())`],
      ["rename the client", () => admin`update public.clients set name = 'Client A, renamed' where id = ${a}`],
      ["rename an engineer", () => admin`update public.profiles set full_name = 'Assigned, renamed' where id = ${cast.assigned.id}`],
      ["delete a roadmap item", () => admin`delete from public.roadmap_items where client_id = ${a}`],
    ];
    for (const [what, write] of writes) {
      await write();
      const v = await versionOf(a);
      expect(v, what).toBeGreaterThan(last);
      last = v;
    }
  });

  it("do not move for another client's writes", async () => {
    const before = await versionOf(cast.clientA);
    await admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category)
      values (${cast.clientB}, ${cast.admin.id}, ${today}, 30, 'Other client', 'support')`;
    expect(await versionOf(cast.clientA)).toBe(before);
  });

  it("let two writers of one client proceed side by side: the version row is only locked at commit", async () => {
    let insertedFirst!: () => void;
    let release!: () => void;
    const inserted = new Promise<void>((r) => (insertedFirst = r));
    const held = new Promise<void>((r) => (release = r));
    const first = admin.begin(async (tx) => {
      await tx`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category)
        values (${cast.clientA}, ${cast.admin.id}, ${today}, 15, 'Held open', 'support')`;
      insertedFirst();
      await held;
    });
    await inserted;
    const second = admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category)
      values (${cast.clientA}, ${cast.admin.id}, ${today}, 15, 'Not blocked', 'support')`.then(() => "committed");
    const waited = new Promise((r) => setTimeout(() => r("blocked"), 2000));
    expect(await Promise.race([second, waited])).toBe("committed");
    const before = await versionOf(cast.clientA);
    release();
    await first;
    expect(await versionOf(cast.clientA)).toBeGreaterThan(before);
  });

  it("cannot be read for a client the caller cannot read, nor written by anyone but the triggers", async () => {
    const [row] = await asUser(cast.ownerB.claims, (tx) => tx<{ v: number | null }[]>`select private.client_data_version(${cast.clientA}) as v`);
    expect(row.v).toBeNull();
    await expect(asUser(cast.admin.claims, (tx) => tx`select * from private.client_data_versions`)).rejects.toMatchObject({ code: "42501" });
    await expect(asUser(cast.admin.claims, (tx) => tx`update private.client_data_versions set version = 0`)).rejects.toMatchObject({ code: "42501" });
  });
});

describe("cached page data", () => {
  it("is reused while nothing changes and reloaded after a change", async () => {
    const first = await viewOverview(await accessAs(cast.ownerA, cast.clientA), now);
    expect(await viewOverview(await accessAs(cast.ownerA, cast.clientA), now)).toBe(first);
    await asUser(cast.assigned.claims, (tx) => insertEntry(tx, { actorId: cast.assigned.id, clientId: cast.clientA, input: entry("Fresh after the cache") }));
    const second = await viewOverview(await accessAs(cast.ownerA, cast.clientA), now);
    expect(second).not.toBe(first);
    expect(second.entries.map((e) => e.description)).toContain("Fresh after the cache");
    expect(second.cm.statement!.usedMinutes).toBe(first.cm.statement!.usedMinutes + 45);
    const ledger = await viewLedger(await accessAs(cast.ownerA, cast.clientA), {}, now);
    expect(ledger.entries.map((e) => e.description)).toContain("Fresh after the cache");
  });

  it("is kept per person: a member and an owner of the same client never share a copy", async () => {
    const owner = await viewOverview(await accessAs(cast.ownerA, cast.clientA), now);
    const member = await viewOverview(await accessAs(cast.memberA, cast.clientA), now);
    expect(member).not.toBe(owner);
    expect(await viewOverview(await accessAs(cast.memberA, cast.clientA), now)).toBe(member);
  });

  it("is never reached without access: the live check refuses first", async () => {
    await expect(accessAs(cast.ownerB, cast.clientA)).rejects.toMatchObject({ code: "not_found" });
  });
});
