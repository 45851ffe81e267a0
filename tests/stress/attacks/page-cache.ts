// Issue 24, the whole-page cache of `npm run serve` (lib/platform/response-cache.mjs, keyed by lib/pages/response-key),
// attacked on the production stack. Olivia (Harbor's owner) has her dashboard, ledger, roadmap and updates feed kept
// in memory; then:
//   - everyone else asks for the same URLs with their own sessions (Marco, a member of Harbor who may not see money,
//     and Sam, Harbor's engineer, get copies of their own; Aroha and Yuki, owners of other clients, none), and without
//     one, with a forged or re-signed cookie, and with Olivia's session once it has ended: none may be answered from
//     her copy (her email address, which only her own shell shows, must never reach them, nor her money a member);
//   - variations that must not be served from the cache (Next's navigation and prefetch headers, HEAD, a later
//     ledger page, a query the page does not read);
//   - a write to Harbor (an entry Sam logs) must reach Olivia's very next view: a copy from before is stale.
// Figure: attempts, succeeded (another person's copy, Olivia's address in someone else's page, a stale copy, a 5xx)
// 0, rows changed by the attempts 0; and the control, Olivia's own views answered from the cache (so a cache that
// never kept anything would fail).
import assert from "node:assert/strict";
import { SignJWT } from "jose";
import { demoId } from "@/lib/dev/seed";
import { cookieFor, PEOPLE, type Stack } from "../harness";

type Report = (line: string) => void;

export async function pageCache(stack: Stack, report: Report, ctx: { checksums: () => Promise<Record<string, string>> }) {
  const harbor = demoId("client:harbor");
  const pages = ["", "/hours", "/roadmap", "/updates"].map((p) => `/clients/${harbor}${p}`);
  const olivia = await cookieFor(stack, "olivia");
  const get = (path: string, headers: Record<string, string> = {}, method = "GET") =>
    fetch(`${stack.base}${path}`, { method, headers, redirect: "manual" });
  const cacheOf = (res: Response) => res.headers.get("x-rp-cache");

  // Olivia's own pages, until each is answered from the cache (the control).
  let ownHits = 0;
  for (const page of pages) {
    for (let i = 0; i < 4; i++) {
      const res = await get(page, { cookie: olivia });
      assert.equal(res.status, 200, `Olivia's ${page}`);
      const body = await res.text();
      assert.ok(body.includes(PEOPLE.olivia), "Olivia's shell names her");
      if (page === pages[0]) assert.ok(body.includes("cost so far"), "Olivia's dashboard shows the money a member must not see");
      if (cacheOf(res) === "hit") ownHits++;
    }
  }
  assert.ok(ownHits >= pages.length, `Olivia's pages were answered from the cache (${ownHits} hits)`);

  const before = await ctx.checksums();
  let attempts = 0;
  let succeeded = 0;
  const problems: string[] = [];
  // A person who may read Harbor gets copies of their own (their address in the shell, never Olivia's; a member never
  // the money an owner sees); anyone else never gets a copy at all.
  const attempt = async (what: string, path: string, headers: Record<string, string>, own: { email: string; money: boolean } | null = null) => {
    attempts++;
    const res = await get(path, headers);
    const body = await res.text();
    const leak = body.includes(PEOPLE.olivia) || (own !== null && !own.money && body.includes("cost so far"));
    const notTheirs = cacheOf(res) === "hit" && (own === null || !body.includes(own.email));
    if (leak || notTheirs || res.status >= 500) {
      succeeded++;
      problems.push(`${what} ${path}: ${res.status} ${cacheOf(res) ?? ""}${leak ? " leak" : ""}`);
    }
  };

  const others = {
    marco: { cookie: await cookieFor(stack, "marco"), own: { email: PEOPLE.marco, money: false } },
    sam: { cookie: await cookieFor(stack, "sam"), own: { email: PEOPLE.sam, money: true } },
    aroha: { cookie: await cookieFor(stack, "aroha"), own: null },
    yuki: { cookie: await cookieFor(stack, "yuki"), own: null },
  };
  for (let round = 0; round < 3; round++) {
    for (const page of pages) {
      for (const [who, { cookie, own }] of Object.entries(others)) await attempt(who, page, { cookie }, own);
    }
  }
  // Cookies that are not a live session of Olivia's: none, junk, her token re-signed with a guessed key, her claims
  // signed by someone else, and her token with its signature cut.
  const [name, token] = olivia.split("=");
  const [header, payload] = token.split(".");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
  const forged = await new SignJWT(claims).setProtectedHeader({ alg: "HS256", kid: JSON.parse(Buffer.from(header, "base64url").toString()).kid })
    .sign(new TextEncoder().encode("not-the-session-secret-0123456789abcdef"));
  for (const cookie of ["", `${name}=`, `${name}=${forged}`, `${name}=${header}.${payload}.`, `${name}=${header}.${payload}`, `${name}=${token}x`, `rp_session=${token}`]) {
    for (const page of pages) await attempt("a cookie that is not a session", page, cookie ? { cookie } : {});
  }
  // Requests that are never answered from the cache, even with Olivia's own cookie.
  for (const page of pages) {
    for (const h of ["rsc", "next-router-prefetch", "next-router-state-tree"]) {
      attempts++;
      const res = await get(page, { cookie: olivia, [h]: "1" });
      await res.arrayBuffer();
      if (cacheOf(res) === "hit") {
        succeeded++;
        problems.push(`${h} ${page} answered from the cache`);
      }
    }
    attempts++;
    const head = await get(page, { cookie: olivia }, "HEAD");
    if (cacheOf(head) === "hit") {
      succeeded++;
      problems.push(`HEAD ${page} answered from the cache`);
    }
  }
  const [{ id: newest }] = await stack.admin<{ id: string }[]>`select id from public.time_entries where client_id = ${harbor} order by work_date desc, id desc limit 1`;
  for (const path of [`${pages[1]}?after=${newest}`, `${pages[0]}?x=1`, `${pages[1]}?month=2026-01&month=2026-02`]) {
    attempts++;
    const res = await get(path, { cookie: olivia });
    await res.arrayBuffer();
    if (cacheOf(res) === "hit" || res.status >= 500) {
      succeeded++;
      problems.push(`${path}: ${res.status} ${cacheOf(res) ?? ""}`);
    }
  }
  const changed = Object.entries(await ctx.checksums()).filter(([t, sum]) => before[t] !== sum).map(([t]) => t);

  // Freshness: a write to Harbor reaches Olivia's next view of every page that shows it.
  let stale = 0;
  const description = `Cache check ${Date.now()}`;
  await stack.admin`insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category)
    values (${harbor}, ${demoId(PEOPLE.sam)}, (now() at time zone 'America/Los_Angeles')::date, 15, ${description}, 'support')`;
  for (const page of pages.slice(0, 2)) {
    attempts++;
    const res = await get(page, { cookie: olivia });
    if (cacheOf(res) === "hit" || !(await res.text()).includes(description)) {
      stale++;
      problems.push(`stale ${page} after a write`);
    }
  }
  // Her session ended (signed out): her cookie gets nothing from the cache any more.
  const sid = claims.sid as string;
  await stack.admin`update private.sessions set revoked_at = now(), ended_reason = 'signed_out' where id = ${sid}`;
  for (const page of pages) await attempt("Olivia's ended session", page, { cookie: olivia });

  report(`page cache: ${attempts} attempts at Olivia's cached pages (4 other people × 4 pages × 3, 7 cookies that are no session, Next's navigation headers and HEAD, later pages and unread queries, her ended session, a write before her next view), succeeded ${succeeded + stale} (stale after a write ${stale}), rows changed ${changed.length}; control: ${ownHits} of her own views answered from the cache`);
  assert.deepEqual(problems, []);
  assert.deepEqual(changed, []);
}
