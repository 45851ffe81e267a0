// The handbook (issue 26) through its real commands as real people under RLS, and its tables as PostgREST would
// reach them: every save is a version; a save from an older version is refused and changes nothing; restore saves
// the old version as the newest; the client's engineers write, nobody else; members read the pages (and the
// versions) visible to the client only; nobody signed in writes a page, a version, an author or a time directly.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { execute } from "@/lib/commands/execute";
import { asUser, type Claims } from "@/lib/db";
import { searchAll } from "@/lib/db/search";
import { tsQueryOf } from "@/lib/domain/search";
import { createPage, restoreVersion, savePage } from "@/lib/handbook/commands";
import type { ClientPage } from "@/lib/pages/access";
import { viewHandbook, viewHandbookHistory } from "@/lib/pages/handbook";
import { asPostgrest } from "../support/direct-access";
import { admin, createCast, type TestUser } from "../support/fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
type Tx = Parameters<Parameters<typeof asPostgrest>[2]>[0];
let cast: Cast;
const claims = (u: TestUser) => u.claims as Claims;
const actor = (u: TestUser) => ({ label: u.email, id: u.id, email: u.email });
const fields = (clientId: string, over: Record<string, string> = {}) =>
  ({ clientId, section: "runbooks", title: "When the import fails", bodyMd: "1. Check the log.", visibility: "internal", roadmapItemId: "", ...over });
const state = async () => JSON.stringify(await admin`
  select (select coalesce(json_agg(p order by p.id), '[]') from public.handbook_pages p) as pages,
         (select coalesce(json_agg(v order by v.page_id, v.version), '[]') from public.handbook_versions v) as versions`);
const versionsOf = (pageId: string) => admin<{ version: number; title: string; visibility: string; restored_from: number | null; saved_by: string }[]>`
  select version, title, visibility, restored_from, saved_by from public.handbook_versions where page_id = ${pageId} order by version`;
const errorOf = (o: { ok: boolean; error?: { code: string; userMessage: string; fieldErrors: Record<string, string[]> } }) => (o.ok ? null : o.error!);
const page = (u: TestUser, clientId: string) => ({ claims: u.claims, client: { id: clientId } }) as unknown as ClientPage;

beforeAll(async () => {
  cast = await createCast();
});
beforeEach(async () => {
  await admin`delete from public.handbook_pages`;
});

describe("writing the handbook", () => {
  it("keeps every save as a version, refuses a save from an older version, and restores by saving anew", async () => {
    const created = await execute(createPage, claims(cast.assigned), fields(cast.clientA));
    expect(created.ok).toBe(true);
    const pageId = created.ok ? (created.data as string) : "";
    const saved = await execute(savePage, claims(cast.assigned), { ...fields(cast.clientA, { title: "When the nightly import fails", bodyMd: "1. Check the log.\n2. Email the supplier." }), pageId, baseVersion: "1" });
    expect(saved).toMatchObject({ ok: true, message: "Saved as version 2." });

    // Another editor still on version 1: refused, with the reason, and nothing changed.
    const before = await state();
    const stale = await execute(savePage, claims(cast.admin), { ...fields(cast.clientA, { title: "Mine wins" }), pageId, baseVersion: "1" });
    expect(errorOf(stale)).toMatchObject({ code: "conflict" });
    expect(errorOf(stale)!.userMessage).toMatch(/^Someone saved this page while you were editing it \(it is now at version 2\)\. Nothing was overwritten/);
    expect(stale.ok ? null : stale.values.title).toBe("Mine wins"); // the form keeps the text
    expect(await state()).toBe(before);

    const restored = await execute(restoreVersion, claims(cast.admin), { clientId: cast.clientA, pageId, version: "1", baseVersion: "2" });
    expect(restored).toMatchObject({ ok: true, message: "Restored as version 3." });
    expect(await versionsOf(pageId)).toEqual([
      { version: 1, title: "When the import fails", visibility: "internal", restored_from: null, saved_by: cast.assigned.id },
      { version: 2, title: "When the nightly import fails", visibility: "internal", restored_from: null, saved_by: cast.assigned.id },
      { version: 3, title: "When the import fails", visibility: "internal", restored_from: 1, saved_by: cast.admin.id },
    ]);
    const [row] = await admin`select version, title, body_md from public.handbook_pages where id = ${pageId}`;
    expect(row).toEqual({ version: 3, title: "When the import fails", body_md: "1. Check the log." });
    const audit = await admin`select action, data from public.audit_events where entity_id = ${pageId} order by at, id`;
    expect(audit.map((a) => a.action)).toEqual(["handbook.created", "handbook.saved", "handbook.restored"]);
    // Owners read the audit trail: an internal page's events never name it.
    expect(audit.map((a) => a.data.title)).toEqual([undefined, undefined, undefined]);

    // The history's diff of version 2 against 1: the title and the added step.
    const history = await viewHandbookHistory(page(cast.assigned, cast.clientA), pageId, { version: "2" });
    const changed = history.diff.flatMap((l) => (l.kind === "added" || l.kind === "removed" ? [`${l.kind === "added" ? "+" : "-"} ${l.text}`] : []));
    expect(changed).toEqual(["- # When the import fails", "+ # When the nightly import fails", "+ 2. Email the supplier."]);
    expect(history.diff.some((l) => l.kind === "added" && "text" in l && l.text === "2. Email the supplier.")).toBe(true);
    expect(history.diff.some((l) => l.kind === "removed" && "text" in l && l.text === "# When the import fails")).toBe(true);
  });

  it("lets only the client's engineers write, checks every id is the client's, and explains bad fields; nothing changes", async () => {
    const created = await execute(createPage, claims(cast.assigned), fields(cast.clientA));
    const pageId = created.ok ? (created.data as string) : "";
    const [itemB] = await admin`insert into public.roadmap_items (client_id, title, status) values (${cast.clientB}, 'B item', 'planned') returning id`;
    const before = await state();
    const attempts: [string, TestUser, typeof createPage | typeof savePage | typeof restoreVersion, Record<string, unknown>][] = [
      ["the owner writes one", cast.ownerA, createPage, fields(cast.clientA)],
      ["a member writes one", cast.memberA, createPage, fields(cast.clientA)],
      ["an engineer of another client", cast.unassigned, createPage, fields(cast.clientA)],
      ["the owner edits", cast.ownerA, savePage, { ...fields(cast.clientA), pageId, baseVersion: "1" }],
      ["the owner restores", cast.ownerA, restoreVersion, { clientId: cast.clientA, pageId, version: "1", baseVersion: "1" }],
      ["A's page named as B's", cast.admin, savePage, { ...fields(cast.clientB), pageId, baseVersion: "1" }],
      ["B's roadmap item on A's page", cast.assigned, createPage, fields(cast.clientA, { roadmapItemId: itemB.id })],
      ["an empty title", cast.assigned, createPage, fields(cast.clientA, { title: "  " })],
      ["an unknown mark", cast.assigned, createPage, fields(cast.clientA, { visibility: "public" })],
      ["an unknown section", cast.assigned, createPage, fields(cast.clientA, { section: "secrets" })],
      ["a version that is not a number", cast.assigned, savePage, { ...fields(cast.clientA), pageId, baseVersion: "latest" }],
      ["a version that does not exist", cast.assigned, restoreVersion, { clientId: cast.clientA, pageId, version: "9", baseVersion: "1" }],
      ["forged author and time", cast.assigned, savePage, { ...fields(cast.clientA), pageId, baseVersion: "7", created_by: cast.ownerA.id, updated_at: "2001-01-01" }],
    ];
    const refusals: Record<string, string> = {};
    for (const [label, who, cmd, input] of attempts) {
      const outcome = await execute(cmd, claims(who), input);
      expect(outcome.ok, label).toBe(false);
      refusals[label] = `${errorOf(outcome)!.code}: ${Object.values(errorOf(outcome)!.fieldErrors)[0]?.[0] ?? errorOf(outcome)!.userMessage}`;
    }
    expect(refusals["an empty title"]).toBe("invalid: Give the page a title.");
    expect(refusals["an unknown mark"]).toBe("invalid: Choose who can read the page.");
    expect(refusals["B's roadmap item on A's page"]).toBe("not_found: That roadmap item could not be found.");
    expect(refusals["A's page named as B's"]).toBe("not_found: That handbook page could not be found.");
    expect(await state()).toBe(before);
  });
});

describe("who reads the handbook", () => {
  it("shows internal pages and versions to the client's staff only; members read what is visible to the client", async () => {
    const internal = await execute(createPage, claims(cast.assigned), fields(cast.clientA, { title: "Keys and access" }));
    const shared = await execute(createPage, claims(cast.assigned), fields(cast.clientA, { title: "Runbook draft", bodyMd: "staff notes first" }));
    const sharedId = shared.ok ? (shared.data as string) : "";
    await execute(savePage, claims(cast.assigned), { ...fields(cast.clientA, { title: "Runbook", bodyMd: "for the client", visibility: "client" }), pageId: sharedId, baseVersion: "1" });
    expect(internal.ok).toBe(true);

    const titles = async (u: TestUser, clientId = cast.clientA) => (await viewHandbook(page(u, clientId), {})).sections.flatMap((s) => s.pages.map((p) => p.title)).sort();
    expect(await titles(cast.assigned)).toEqual(["Keys and access", "Runbook"]);
    expect(await titles(cast.admin)).toEqual(["Keys and access", "Runbook"]);
    expect(await titles(cast.ownerA)).toEqual(["Runbook"]);
    expect(await titles(cast.memberA)).toEqual(["Runbook"]);
    expect(await titles(cast.ownerB)).toEqual([]);
    expect(await titles(cast.unassigned)).toEqual([]);
    // The visible page's history, for a member: only the version that was visible to the client.
    const history = await viewHandbookHistory(page(cast.memberA, cast.clientA), sharedId, {});
    expect(history.versions.map((v) => [v.version, v.title])).toEqual([[2, "Runbook"]]);
    expect(JSON.stringify(history)).not.toContain("staff notes first");
    // Restoring the internal first version keeps the page as it is shared now: a restore never changes who reads it.
    const restored = await execute(restoreVersion, claims(cast.assigned), { clientId: cast.clientA, pageId: sharedId, version: "1", baseVersion: "2" });
    expect(restored.ok).toBe(true);
    const [now] = await admin`select visibility, body_md from public.handbook_pages where id = ${sharedId}`;
    expect(now).toEqual({ visibility: "client", body_md: "staff notes first" });
    const [event] = await admin`select data from public.audit_events where entity_id = ${sharedId} and action = 'handbook.restored'`;
    expect(event.data).toMatchObject({ title: "Runbook draft", visibility: "client", restoredFrom: 1, version: 3 });
    await execute(savePage, claims(cast.assigned), { ...fields(cast.clientA, { title: "Runbook", bodyMd: "for the client", visibility: "client" }), pageId: sharedId, baseVersion: "3" });
    // Search finds by a word, as prefix, under the same rule.
    expect((await viewHandbook(page(cast.memberA, cast.clientA), { q: "runb" })).total).toBe(1);
    expect((await viewHandbook(page(cast.memberA, cast.clientA), { q: "keys" })).total).toBe(0);
    expect((await viewHandbook(page(cast.assigned, cast.clientA), { q: "keys" })).total).toBe(1);
    // And /search, everywhere the person may read: the member finds the visible page, never the internal one.
    const found = async (u: TestUser, words: string) =>
      (await asUser(claims(u), (tx) => searchAll(tx, { query: tsQueryOf(words)!, clientId: null, limit: 20 }))).filter((h) => h.kind === "page").map((h) => h.title);
    expect(await found(cast.memberA, "runbook")).toEqual(["Runbook"]);
    expect(await found(cast.memberA, "keys access")).toEqual([]);
    expect(await found(cast.assigned, "keys access")).toEqual(["Keys and access"]);
    expect(await found(cast.ownerB, "runbook")).toEqual([]);
  });

  it("refuses every direct write, as PostgREST would make it, and reads as the pages do", async () => {
    const created = await execute(createPage, claims(cast.assigned), fields(cast.clientA, { visibility: "client" }));
    const pageId = created.ok ? (created.data as string) : "";
    await execute(createPage, claims(cast.assigned), fields(cast.clientA, { title: "Internal" }));
    const reads = async (u: TestUser) => [
      (await asPostgrest(admin, actor(u), (tx) => tx`select id, body_md from public.handbook_pages`)).rows,
      (await asPostgrest(admin, actor(u), (tx) => tx`select page_id, body_md from public.handbook_versions`)).rows,
    ];
    expect(await reads(cast.assigned)).toEqual([2, 2]);
    expect(await reads(cast.memberA)).toEqual([1, 1]);
    expect(await reads(cast.ownerB)).toEqual([0, 0]);
    const before = await state();
    const writes = [
      (tx: Tx) => tx`update public.handbook_pages set body_md = 'changed', version = version + 1`,
      (tx: Tx) => tx`update public.handbook_pages set visibility = 'client', updated_by = ${cast.ownerA.id}, updated_at = now() - interval '1 year'`,
      (tx: Tx) => tx`update public.handbook_pages set client_id = ${cast.clientB}`,
      (tx: Tx) => tx`delete from public.handbook_pages`,
      (tx: Tx) => tx`insert into public.handbook_pages (client_id, section, title, visibility) values (${cast.clientA}, 'runbooks', 'Planted', 'client')`,
      (tx: Tx) => tx`update public.handbook_versions set body_md = 'rewritten history', saved_by = ${cast.ownerA.id}`,
      (tx: Tx) => tx`delete from public.handbook_versions`,
      (tx: Tx) => tx`insert into public.handbook_versions (page_id, client_id, version, section, title, body_md, visibility) values (${pageId}, ${cast.clientA}, 99, 'runbooks', 'x', 'x', 'client')`,
    ];
    let attempts = 0;
    for (const who of [cast.assigned, cast.admin, cast.ownerA, cast.memberA, cast.unassigned]) {
      for (const write of writes) {
        const outcome = await asPostgrest(admin, actor(who), write, { rollback: true });
        attempts++;
        expect(outcome.rows, `${who.email}: ${outcome.refused}`).toBe(0);
      }
    }
    expect(attempts).toBe(40);
    expect(await state()).toBe(before);
  });
});
