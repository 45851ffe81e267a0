// The roadmap under the real policies: who may propose, move, comment and see what.
import { beforeAll, describe, expect, it } from "vitest";
import { asUser } from "@/lib/db";
import { getEntry, insertEntry, voidEntry } from "@/lib/db/entries";
import { awaitingStaff, getItem, itemHistory, listComments, listItems } from "@/lib/db/roadmap";
import { addComment, createItem, moveItem, proposeItem, updateItem } from "@/lib/roadmap/items";
import { AppError } from "@/lib/platform/errors";
import { admin, clientRef, createCast, viewerOf } from "../support/fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
const code = (e: unknown) => (e instanceof AppError ? e.code : (e as { code?: string }).code);
const item = { title: "Order import", description: "Parse orders", targetMonth: "2026-12-01", estimateMinutes: 600 };

beforeAll(async () => {
  cast = await createCast();
});

describe("roadmap", () => {
  it("owners propose into `proposed`; members and other clients' owners cannot", async () => {
    const id = await asUser(cast.ownerA.claims, async (tx) => proposeItem(tx, viewerOf(cast.ownerA), await clientRef(cast.clientA), { title: "Idea", description: "" }));
    const proposed = await asUser(cast.assigned.claims, (tx) => getItem(tx, { clientId: cast.clientA, itemId: id }).then((row) => row!));
    expect(proposed).toMatchObject({ status: "proposed", proposedBy: cast.ownerA.id });
    await expect(asUser(cast.memberA.claims, async (tx) => proposeItem(tx, viewerOf(cast.memberA), await clientRef(cast.clientA), { title: "x", description: "" })).catch(code)).resolves.toBe("42501");
    await expect(asUser(cast.ownerB.claims, async (tx) => proposeItem(tx, viewerOf(cast.ownerB), await clientRef(cast.clientA), { title: "x", description: "" })).catch(code)).resolves.toBe("42501");
    // Owners cannot smuggle in a planned item either.
    await expect(asUser(cast.ownerA.claims, (tx) => createItem(tx, cast.ownerA.id, cast.clientA, { ...item, status: "planned" })).catch(code)).resolves.toBe("42501");
  });

  it("only staff change status and order; shipping stamps the date; dropping needs a reason", async () => {
    const a = await asUser(cast.assigned.claims, (tx) => createItem(tx, cast.assigned.id, cast.clientA, { ...item, title: "A", status: "planned" }));
    const b = await asUser(cast.assigned.claims, (tx) => createItem(tx, cast.assigned.id, cast.clientA, { ...item, title: "B", status: "planned" }));
    await asUser(cast.assigned.claims, (tx) => moveItem(tx, cast.assigned.id, cast.clientA, b, "planned", 0));
    const planned = (await asUser(cast.assigned.claims, (tx) => listItems(tx, { clientId: cast.clientA }))).filter((i) => i.status === "planned");
    expect(planned.map((i) => i.title).slice(0, 2)).toEqual(["B", "A"]);

    for (const who of [cast.ownerA, cast.memberA, cast.unassigned]) {
      const before = await admin`select status, position from public.roadmap_items where id = ${a}`;
      const e = await asUser(who.claims, (tx) => moveItem(tx, who.id, cast.clientA, a, "shipped", 0)).catch(code);
      expect(["not_found", "42501"]).toContain(e);
      expect(await admin`select status, position from public.roadmap_items where id = ${a}`).toEqual(before);
    }
    await asUser(cast.assigned.claims, (tx) => moveItem(tx, cast.assigned.id, cast.clientA, a, "shipped", 0));
    const shipped = await asUser(cast.ownerA.claims, (tx) => getItem(tx, { clientId: cast.clientA, itemId: a }).then((row) => row!));
    expect(shipped.status).toBe("shipped");
    expect(shipped.shippedAt).toBeInstanceOf(Date);
    await expect(asUser(cast.assigned.claims, (tx) => moveItem(tx, cast.assigned.id, cast.clientA, b, "dropped", 0)).catch(code)).resolves.toBe("invalid");
    await asUser(cast.assigned.claims, (tx) => moveItem(tx, cast.assigned.id, cast.clientA, b, "dropped", 0, "Not needed"));
    expect(await asUser(cast.ownerA.claims, (tx) => getItem(tx, { clientId: cast.clientA, itemId: b }).then((row) => row!))).toMatchObject({ status: "dropped", dropReason: "Not needed" });
    const history = await asUser(cast.ownerA.claims, (tx) => itemHistory(tx, { clientId: cast.clientA, itemId: a }));
    expect(history.map((h) => h.action)).toEqual(["roadmap.moved", "roadmap.created"]);
    await expect(asUser(cast.ownerA.claims, (tx) => updateItem(tx, cast.ownerA.id, cast.clientA, a, item)).catch(code)).resolves.toBe("not_found");
  });

  it("members comment on their client's items, never on another client's", async () => {
    const id = await asUser(cast.assigned.claims, (tx) => createItem(tx, cast.assigned.id, cast.clientA, { ...item, status: "planned" }));
    await asUser(cast.memberA.claims, async (tx) => addComment(tx, viewerOf(cast.memberA), await clientRef(cast.clientA), id, "Looks good"));
    const comments = await asUser(cast.ownerA.claims, (tx) => listComments(tx, { clientId: cast.clientA, itemId: id }));
    expect(comments.map((c) => c.body)).toEqual(["Looks good"]);
    await expect(asUser(cast.ownerB.claims, async (tx) => addComment(tx, viewerOf(cast.ownerB), await clientRef(cast.clientA), id, "Hi")).catch(code)).resolves.toBe("not_found");
    await expect(asUser(cast.ownerB.claims, (tx) => tx`insert into public.roadmap_comments (client_id, item_id, author_id, body)
      values (${cast.clientA}, ${id}, ${cast.ownerB.id}, 'sneaky')`).catch(code)).resolves.toBe("42501");
    expect(await asUser(cast.ownerB.claims, (tx) => listItems(tx, { clientId: cast.clientA }))).toEqual([]);
    // Members do not see the history (owners and staff do).
    expect(await asUser(cast.memberA.claims, (tx) => itemHistory(tx, { clientId: cast.clientA, itemId: id }))).toEqual([]);
  });

  it("counts actual hours from the live entries linked to the item", async () => {
    const id = await asUser(cast.assigned.claims, (tx) => createItem(tx, cast.assigned.id, cast.clientA, { ...item, status: "in_progress" }));
    const entry = (minutes: number) => ({ workDate: "2026-01-12", minutes, description: "w", category: "build" as const, billable: true, roadmapItemId: id });
    await asUser(cast.assigned.claims, async (tx) => {
      await insertEntry(tx, { actorId: cast.assigned.id, clientId: cast.clientA, input: entry(120) });
      await insertEntry(tx, { actorId: cast.assigned.id, clientId: cast.clientA, input: { ...entry(60), billable: false } });
      const v = await insertEntry(tx, { actorId: cast.assigned.id, clientId: cast.clientA, input: entry(500) });
      await voidEntry(tx, { actorId: cast.assigned.id, clientId: cast.clientA, before: (await getEntry(tx, { clientId: cast.clientA, entryId: v }))!, reason: "duplicate" });
    });
    expect((await asUser(cast.memberA.claims, (tx) => getItem(tx, { clientId: cast.clientA, itemId: id }).then((row) => row!))).actualMinutes).toBe(180);
  });

  it("refuses to link an entry to another client's item", async () => {
    const otherItem = (await admin`insert into public.roadmap_items (client_id, title, status) values (${cast.clientB}, 'B item', 'planned') returning id`)[0].id as string;
    const e = await asUser(cast.admin.claims, (tx) => insertEntry(tx, { actorId: cast.admin.id, clientId: cast.clientA, input: {
      workDate: "2026-01-12", minutes: 30, description: "w", category: "build", billable: true, roadmapItemId: otherItem,
    } })).catch(code);
    expect(e).toBe("23503"); // the composite foreign key (roadmap_item_id, client_id)
  });
});

describe("what waits for the practice (the engineer home)", () => {
  it("lists the client's new proposals and the items whose latest comment is the client's, under RLS", async () => {
    const c = await createCast();
    const idea = await asUser(c.ownerA.claims, async (tx) => proposeItem(tx, viewerOf(c.ownerA), await clientRef(c.clientA), { title: "Loyalty export", description: "" }));
    await asUser(c.assigned.claims, (tx) => createItem(tx, c.assigned.id, c.clientA, { ...item, title: "Staff idea", status: "proposed" }));
    const built = await asUser(c.assigned.claims, (tx) => createItem(tx, c.assigned.id, c.clientA, { ...item, title: "Order import", status: "in_progress" }));
    await asUser(c.ownerB.claims, async (tx) => proposeItem(tx, viewerOf(c.ownerB), await clientRef(c.clientB), { title: "Another client's idea", description: "" }));
    const waiting = (who: Cast["assigned"]) => asUser(who.claims, (tx) => awaitingStaff(tx, { clientIds: [c.clientA, c.clientB] }))
      .then((rows) => rows.map((r) => `${r.kind}:${r.title}:${r.authorName}`).sort());

    // A staff proposal is the practice's own; client B is not this engineer's.
    expect(await waiting(c.assigned)).toEqual([`proposal:Loyalty export:owner-a`]);

    await asUser(c.memberA.claims, async (tx) => addComment(tx, viewerOf(c.memberA), await clientRef(c.clientA), built, "Can it also read faxes?"));
    expect(await waiting(c.assigned)).toContain(`comment:Order import:member-a`);
    await asUser(c.assigned.claims, async (tx) => addComment(tx, viewerOf(c.assigned, "engineer"), await clientRef(c.clientA), built, "Not faxes, but scanned PDFs, yes."));
    expect(await waiting(c.assigned)).not.toContain(`comment:Order import:member-a`);
    await asUser(c.ownerA.claims, async (tx) => addComment(tx, viewerOf(c.ownerA), await clientRef(c.clientA), built, "Great, thanks"));
    expect(await waiting(c.assigned)).toContain(`comment:Order import:owner-a`);

    // Accepting the proposal takes it off the list; an engineer of no client of theirs sees nothing.
    await asUser(c.assigned.claims, (tx) => moveItem(tx, c.assigned.id, c.clientA, idea, "planned", 0));
    expect(await waiting(c.assigned)).toEqual([`comment:Order import:owner-a`]);
    expect(await waiting(c.unassigned)).toEqual([]);
  });
});
