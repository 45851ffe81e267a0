// Bulk edit in the ledger (issue 25) through the real command as real people under RLS: ten entries recategorized,
// linked and unlinked, marked not billable, voided with one reason — one transaction, one audit event per entry;
// refused as a whole (nothing changed, the reason said) when any entry is in a closed month, already voided, or
// another client's; refused to members, owners and unassigned engineers; bad input on its field.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { execute } from "@/lib/commands/execute";
import type { Claims } from "@/lib/db";
import { addMonths, localDate, monthOf } from "@/lib/domain/dates";
import { bulkEntries } from "@/lib/hours/commands";
import { clockNow } from "@/lib/platform/clock";
import { admin, createCast, type TestUser } from "../support/fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
let item: string;
let ids: string[];
let closedId: string;
const now = clockNow();
const claims = (u: TestUser) => u.claims as Claims;
const rows = () => admin`select id, category, billable, roadmap_item_id, voided_at, void_reason, minutes, description from public.time_entries
  where client_id = ${cast.clientA} order by id`;
const bulk = (over: Record<string, string>) => ({ clientId: cast.clientA, entryIds: ids.join(","), change: "category", category: "support", ...over });
const errorOf = (o: { ok: boolean; error?: { code: string; userMessage: string; fieldErrors: Record<string, string[]> } }) => (o.ok ? null : o.error!);

beforeAll(async () => {
  cast = await createCast();
  await admin`update public.clients set timezone = 'UTC' where id = ${cast.clientA}`;
  [{ id: item }] = await admin`insert into public.roadmap_items (client_id, title, status) values (${cast.clientA}, 'Order intake', 'planned') returning id`;
  // An old month, closed, with one entry in it.
  const old = addMonths(monthOf(localDate(now, "UTC")), -3);
  [{ id: closedId }] = await admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, billable)
    values (${cast.clientA}, ${cast.assigned.id}, ${old}, 60, 'Old work', 'build', true) returning id`;
  await admin`insert into public.billing_periods (client_id, month, status, closed_at) values (${cast.clientA}, ${old}, 'closed', now())`;
});
beforeEach(async () => {
  const today = localDate(now, "UTC");
  const made = await admin<{ id: string }[]>`
    insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, billable)
    select ${cast.clientA}, ${cast.assigned.id}, ${today}, 15 * g, 'Work ' || g, 'build', true from generate_series(1, 10) g returning id`;
  ids = made.map((r) => r.id);
});

describe("bulk edit", () => {
  it("recategorizes ten entries in one go, one audit event each, and says so", async () => {
    const outcome = await execute(bulkEntries, claims(cast.assigned), bulk({}));
    expect(outcome.ok && outcome.message).toBe("Recategorized 10 entries as Support.");
    const changed = await admin`select category from public.time_entries where id in ${admin(ids)}`;
    expect(changed.map((r) => r.category)).toEqual(Array(10).fill("support"));
    const [{ n }] = await admin`select count(*)::int as n from public.audit_events where action = 'entry.edited' and entity_id in ${admin(ids)}`;
    expect(n).toBe(10);
  });

  it("links to a roadmap item and unlinks, marks not billable, and voids with one reason", async () => {
    expect(errorOf(await execute(bulkEntries, claims(cast.assigned), bulk({ change: "roadmapItem", roadmapItemId: item })))).toBeNull();
    expect((await admin`select distinct roadmap_item_id from public.time_entries where id in ${admin(ids)}`).map((r) => r.roadmap_item_id)).toEqual([item]);
    const unlinked = await execute(bulkEntries, claims(cast.assigned), bulk({ change: "roadmapItem", roadmapItemId: "" }));
    expect(unlinked.ok && unlinked.message).toBe("Unlinked 10 entries from their roadmap items.");
    const billable = await execute(bulkEntries, claims(cast.assigned), bulk({ change: "billable", billable: "no" }));
    expect(billable.ok && billable.message).toBe("Marked 10 entries not billable.");
    expect((await admin`select distinct billable from public.time_entries where id in ${admin(ids)}`).map((r) => r.billable)).toEqual([false]);
    const three = ids.slice(0, 3).join(",");
    const voided = await execute(bulkEntries, claims(cast.assigned), bulk({ entryIds: three, change: "void", reason: "Logged twice" }));
    expect(voided.ok && voided.message).toBe("Voided 3 entries.");
    const after = await admin`select void_reason, voided_by from public.time_entries where id in ${admin(ids.slice(0, 3))}`;
    expect(after).toEqual(Array(3).fill({ void_reason: "Logged twice", voided_by: cast.assigned.id }));
    const minutes = await admin`select minutes, description from public.time_entries where id in ${admin(ids)} order by minutes`;
    expect(minutes.map((r) => r.minutes)).toEqual(Array.from({ length: 10 }, (_, i) => 15 * (i + 1))); // nothing else moved
  });

  it("refuses the whole selection, changing nothing, when one entry is in a closed month, voided, or another client's", async () => {
    const before = await rows();
    const closed = errorOf(await execute(bulkEntries, claims(cast.assigned), bulk({ entryIds: [...ids, closedId].join(",") })));
    expect(closed?.code).toBe("month_closed");
    expect(closed?.userMessage).toMatch(/^1 entry of the 11 selected is in a closed month \(.+\): nothing was changed\./);
    await execute(bulkEntries, claims(cast.assigned), bulk({ entryIds: ids[0], change: "void", reason: "Logged twice" }));
    const afterVoid = await rows();
    const voided = errorOf(await execute(bulkEntries, claims(cast.assigned), bulk({})));
    expect(voided?.userMessage).toBe("1 entry of the selected is already voided: nothing was changed.");
    const [{ id: foreign }] = await admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, billable)
      values (${cast.clientB}, ${cast.admin.id}, ${localDate(now, "Asia/Tokyo")}, 30, 'B work', 'build', true) returning id`;
    const other = errorOf(await execute(bulkEntries, claims(cast.assigned), bulk({ entryIds: [ids[1], foreign].join(",") })));
    expect(other?.code).toBe("not_found");
    expect(await rows()).toEqual(afterVoid);
    expect(afterVoid.filter((r) => r.voided_at).length).toBe(before.filter((r) => r.voided_at).length + 1);
  });

  it("is refused to members, owners and unassigned engineers, and bad input on its field, changing nothing", async () => {
    const before = await rows();
    for (const who of [cast.memberA, cast.ownerA, cast.unassigned, cast.ownerB]) {
      expect(errorOf(await execute(bulkEntries, claims(who), bulk({})))?.code, who.email).toBe("not_found");
    }
    const bad: [Record<string, string>, string][] = [
      [{ entryIds: "" }, "entryIds"], [{ entryIds: "not-an-id" }, "entryIds"], [{ change: "delete" }, "change"],
      [{ change: "void", reason: "" }, "reason"], [{ change: "category", category: "" }, "category"], [{ change: "billable", billable: "maybe" }, "billable"],
      [{ entryIds: Array.from({ length: 201 }, () => crypto.randomUUID()).join(",") }, "entryIds"],
    ];
    for (const [over, field] of bad) {
      const e = errorOf(await execute(bulkEntries, claims(cast.assigned), bulk(over)));
      expect(Object.keys(e?.fieldErrors ?? {}), JSON.stringify(over).slice(0, 60)).toContain(field);
    }
    expect(await rows()).toEqual(before);
  });
});
