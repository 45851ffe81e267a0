// The demo seed (lib/dev/seed) on a database of its own: its activity trail has what the real actions record
// (issue 28, item 19), so the Activity page's "Hours" and "Updates" filters show the demo's logged hours and
// published updates.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/lib/db/audit";
import { demoId, seed } from "@/lib/dev/seed";
import { isolatedDatabase } from "../support/isolated-db";

let db: Awaited<ReturnType<typeof isolatedDatabase>>;
const NOW = new Date("2026-11-18T20:00:00Z");
const CLIENTS = ["harbor", "kiwi", "sakura"].map((k) => demoId(`client:${k}`));

beforeAll(async () => {
  db = await isolatedDatabase("seed");
  expect(await seed(db.admin, NOW)).toBe(true);
});
afterAll(() => db?.drop());

describe("the demo's activity", () => {
  it("has an entry.created event for every seeded entry, by its engineer, with the entry as insertEntry records it", async () => {
    const rows = await db.admin<{ entries: number; events: number; mismatched: number; future: number }[]>`
      select
        (select count(*)::int from public.time_entries) as entries,
        (select count(*)::int from public.audit_events where action = 'entry.created') as events,
        (select count(*)::int from public.time_entries e
          where not exists (
            select 1 from public.audit_events a
            where a.action = 'entry.created' and a.entity = 'time_entry' and a.entity_id = e.id::text
              and a.client_id = e.client_id and a.actor_id = e.engineer_id
              and a.data = jsonb_build_object('after', jsonb_build_object(
                'workDate', to_char(e.work_date, 'YYYY-MM-DD'), 'minutes', e.minutes, 'description', e.description,
                'category', e.category, 'billable', e.billable, 'roadmapItemId', e.roadmap_item_id)))) as mismatched,
        (select count(*)::int from public.audit_events where at > ${NOW}) as future`;
    expect(rows[0].entries).toBeGreaterThan(100);
    expect(rows[0]).toMatchObject({ events: rows[0].entries, mismatched: 0, future: 0 });
  });

  it("has the published update drafted and published, as lib/db/updates records them", async () => {
    for (const clientId of CLIENTS) {
      const [update] = await db.admin<{ id: string; title: string; week_start: string; published_at: Date }[]>`
        select id, title, to_char(week_start, 'YYYY-MM-DD') as week_start, published_at from public.weekly_updates
        where client_id = ${clientId} and status = 'published'`;
      const events = await db.admin<{ action: string; data: Record<string, unknown>; at: Date }[]>`
        select action, data, at from public.audit_events where client_id = ${clientId} and entity = 'weekly_update' and entity_id = ${update.id}
        order by at`;
      expect(events.map((e) => e.action)).toEqual(["update.drafted", "update.published"]);
      expect(events[1].data).toEqual({ weekStart: update.week_start, title: update.title });
      expect(events[1].at).toEqual(update.published_at);
    }
  });

  it("fills the owner's Hours and Updates filters on every demo client", async () => {
    for (const [i, clientId] of CLIENTS.entries()) {
      const owner = ["olivia@harborpine.test", "aroha@kiwifreight.test", "yuki@sakura-ceramics.test"][i];
      const claims = { sub: demoId(owner), email: owner, role: "authenticated" as const };
      const hours = await db.asUser(claims, (tx) => listAudit(tx, { clientId, kinds: ["entry"], limit: 5 }));
      const updates = await db.asUser(claims, (tx) => listAudit(tx, { clientId, kinds: ["update"] }));
      expect(hours, owner).toHaveLength(5);
      expect(hours[0].actorName).toMatch(/Sam|Priya/);
      expect(updates.map((u) => u.action), owner).toEqual(["update.published", "update.drafted"]);
    }
  });
});
