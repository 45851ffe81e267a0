// Issue 26, the handbook: its pages and its three doors (create, save, restore) attacked on the production stack.
//   - Harbor's internal page (the demo's systems note) asked for by its owner and member (the page, its history,
//     the editor), by other clients' people and an engineer of another client (every Harbor handbook URL), and
//     signed out; and the list pages they may open, which must not name it. Figure: answered other than 404 or
//     sign-in where the page is not theirs, the internal page's title shown anywhere, server errors;
//   - the doors, by owners and members (with forged authors, times, versions and visibility), and by people of
//     other clients naming Harbor's pages: succeeded 0, rows changed 0;
//   - ten saves at once from the same version: one is kept, nine are refused as conflicts and lose nothing
//     (the page's versions grow by one).
import assert from "node:assert/strict";
import { demoId } from "@/lib/dev/seed";
import { actionIds, callAction, cookieFor, refusalTally, type Stack } from "../harness";

type Report = (line: string) => void;

export async function handbook(stack: Stack, report: Report, ctx: { checksums: () => Promise<Record<string, string>> }) {
  const actions = actionIds();
  const harbor = demoId("client:harbor");
  const visible = demoId("handbook:harbor:0");
  const internal = demoId("handbook:harbor:1");
  const [{ title: secretTitle }] = await stack.admin<{ title: string }[]>`select title from public.handbook_pages where id = ${internal}`;
  const base = `/clients/${harbor}/handbook`;

  let attempts = 0;
  let answered = 0;
  let shown = 0;
  let serverErrors = 0;
  const get = async (cookie: string, path: string, mayAnswer: boolean) => {
    attempts++;
    const res = await fetch(`${stack.base}${path}`, { headers: { cookie }, redirect: "manual" });
    const html = await res.text();
    if (res.status >= 500) serverErrors++;
    if (res.status === 200 && !mayAnswer) answered++;
    if (html.includes(secretTitle)) shown++;
  };
  // Harbor's owner and member: the handbook and its visible page are theirs; the internal page, its history and
  // the editor are not.
  for (const who of ["olivia", "marco"] as const) {
    const cookie = await cookieFor(stack, who);
    // (A search for the words of the internal page's title, not the title itself: a page echoes its query.)
    for (const path of [base, `${base}?q=systems`, `${base}?q=systems%20access`, `${base}/${visible}`, `${base}/${visible}/history`, `${base}/${visible}/pdf`]) await get(cookie, path, true);
    for (const path of [`${base}/${internal}`, `${base}/${internal}/history`, `${base}/${internal}/history?version=1`, `${base}/${internal}/pdf`, `${base}/${internal}/edit`, `${base}/${visible}/edit`, `${base}/new`]) {
      await get(cookie, path, false);
    }
  }
  // People of other clients, an engineer of another client, and signed out: nothing of Harbor's handbook.
  for (const who of ["aroha", "yuki", "priya", null] as const) {
    const cookie = who ? await cookieFor(stack, who) : "";
    for (const path of [base, `${base}/${visible}`, `${base}/${visible}/history`, `${base}/${internal}`, `${base}/${internal}/history`, `${base}/${internal}/edit`, `${base}/new`]) {
      await get(cookie, path, false);
    }
  }

  // The doors.
  const before = await ctx.checksums();
  const { tally, attempt } = refusalTally(stack);
  const fields = { clientId: harbor, section: "runbooks", title: "Planted", bodyMd: "planted", visibility: "client", roadmapItemId: "" };
  const forged = { created_by: demoId("sam@practice.test"), updatedBy: demoId("sam@practice.test"), updated_at: "2001-01-01", version: "1", restored_from: "1" };
  for (const who of ["olivia", "marco"] as const) {
    const cookie = await cookieFor(stack, who);
    await attempt(`${who} writes a page`, cookie, actions.get("createPageAction")!, { ...fields, ...forged });
    for (const pageId of [visible, internal]) {
      await attempt(`${who} saves ${pageId === internal ? "the internal" : "the visible"} page`, cookie, actions.get("savePageAction")!, { ...fields, ...forged, pageId, baseVersion: "1" });
      await attempt(`${who} restores it`, cookie, actions.get("restoreVersionAction")!, { clientId: harbor, pageId, version: "1", baseVersion: "1" });
    }
  }
  for (const who of ["aroha", "yuki", "priya"] as const) {
    const cookie = await cookieFor(stack, who);
    const own = who === "yuki" ? demoId("client:sakura") : demoId("client:kiwi");
    for (const clientId of [harbor, own]) {
      await attempt(`${who} saves Harbor's page naming ${clientId === harbor ? "Harbor" : "their own client"}`, cookie, actions.get("savePageAction")!, { ...fields, clientId, pageId: internal, baseVersion: "1" });
      await attempt(`${who} restores Harbor's page naming ${clientId === harbor ? "Harbor" : "their own client"}`, cookie, actions.get("restoreVersionAction")!, { clientId, pageId: internal, version: "1", baseVersion: "1" });
    }
  }
  await attempt("signed out writes a page", "", actions.get("createPageAction")!, fields);
  await attempt("signed out saves one", "", actions.get("savePageAction")!, { ...fields, pageId: visible, baseVersion: "1" });
  const after = await ctx.checksums();
  const changed = Object.keys(before).filter((t) => before[t] !== after[t]);

  // Ten saves at once, all from the page's current version: one is kept, the others are refused, nothing is lost.
  const [{ version }] = await stack.admin<{ version: number }[]>`select version from public.handbook_pages where id = ${visible}`;
  const sam = await cookieFor(stack, "sam");
  const race = await Promise.all(Array.from({ length: 10 }, (_, i) => callAction(stack, sam, actions.get("savePageAction")!, {
    clientId: harbor, pageId: visible, baseVersion: String(version), section: "runbooks", title: `Runbook, edit ${i}`, bodyMd: `Edit ${i}`, visibility: "client", roadmapItemId: "",
  })));
  const kept = race.filter((r) => r.result?.ok === true || (r.status === 303 && r.result === null) || r.redirect).length;
  const conflicts = race.filter((r) => r.result?.ok === false && /Someone saved this page/.test(r.result.error ?? "")).length;
  const [{ versions, now }] = await stack.admin<{ versions: number; now: number }[]>`
    select (select count(*)::int from public.handbook_versions where page_id = ${visible}) as versions, (select version from public.handbook_pages where id = ${visible}) as now`;

  report(`handbook: ${attempts} page requests (owner and member of Harbor, other clients' people, an engineer of another client, signed out), ` +
    `answered where not theirs: ${answered}, internal page shown: ${shown}, server errors: ${serverErrors}; ${tally.attempts} writes by people who may not, ` +
    `succeeded: ${tally.succeeded}, tables changed: ${changed.length}; 10 saves at once from version ${version}: kept ${kept}, refused as conflicts ${conflicts}, page now at version ${now} (${versions} versions)`);
  assert.equal(answered, 0);
  assert.equal(shown, 0);
  assert.equal(serverErrors, 0);
  assert.deepEqual(tally.problems.slice(0, 5), []);
  assert.equal(tally.succeeded, 0);
  assert.deepEqual(changed, []);
  assert.equal(kept, 1);
  assert.equal(conflicts, 9);
  assert.equal(now, version + 1);
}
