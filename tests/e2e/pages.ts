// Every page each demo role can open, found by following the links of the pages already visited (ids are
// never hard-coded beyond CLIENTS), for the sweeps that hold each page to its rules (all-pages.spec: axe and the phone checks).
import { expect, type Browser, type Page } from "@playwright/test";
import { CLIENTS, authFile, latestCode, randomIp, requestCode } from "./helpers";

export const ROLES = ["sam", "priya", "olivia", "marco", "aroha"] as const;
export type Role = (typeof ROLES)[number];

/** Who sees a client's money (invoices, activity, settings): staff and owners (lib/domain/access seesMoney). */
const SEES_MONEY: Record<Role, boolean> = { sam: true, priya: true, olivia: true, marco: false, aroha: true };

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const TOP = /^\/(engineer|week|search|billing|staff|settings|settings\/webhooks|import|account|inbox|clients\/new)$/;
const CLIENT_SECTION = new RegExp(`^/clients/(${UUID})(/(hours|roadmap|updates|handbook|statements|invoices|activity|settings|extra-hours))?$`);
// Pages that read the same for every client: the first reached stands for all (the sweeps visit many clients).
const ONCE = new RegExp(`^/clients/${UUID}/(ai|handbook/new)$`);
const CLIENT_DETAIL = new RegExp(`^/clients/(${UUID})/(roadmap|updates|invoices|handbook)/${UUID}(/history|/edit)?$`);
const PRINT = new RegExp(`^/print/invoices/${UUID}$`);

const clientName = new Map(Object.entries(CLIENTS).map(([name, id]) => [id, name]));
const clientOf = (path: string) => new RegExp(`^/clients/(${UUID})`).exec(path)?.[1];

/** A readable name for a path: the demo clients by name, other ids as :id. */
export const pageName = (path: string) =>
  path.replace(new RegExp(UUID, "g"), (id) => clientName.get(id) ?? ":id");

/**
 * The key that makes two paths the same page for a sweep, or null for a link the sweep does not follow.
 * Sections are visited for every demo client and for one other; of the detail pages (a roadmap item, an update, an
 * invoice, a printable invoice) the first linked one per client.
 */
function pageKey(path: string, from: string): string | null {
  if (TOP.test(path)) return path;
  const section = CLIENT_SECTION.exec(path);
  if (section) return `${clientKey(section[1])}${section[2] ?? ""}`;
  const once = ONCE.exec(path);
  if (once) return `once:${once[1]}`;
  const detail = CLIENT_DETAIL.exec(path);
  if (detail) return `${clientKey(detail[1])}/${detail[2]}/:id${detail[3] ?? ""}`;
  if (PRINT.test(path)) return `print:${clientKey(clientOf(from) ?? "")}`;
  return null;
}

/**
 * The demo clients by id; the clients other specs create (empty ones, fresh ones, one per journey) render the same
 * pages from the same code: the first of their pages reached stands for them all, so a sweep's length does not grow
 * with the specs that ran before it (sam and the admin see every client).
 */
const clientKey = (id: string) => (clientName.has(id) ? id : "another client");

export interface Visit { name: string; path: string }

/**
 * Opens every page `page`'s person can reach from their home, breadth first, and calls `check` on each after
 * it has loaded. Returns the pages visited. Each page must answer below 400.
 */
export async function visitEveryPage(page: Page, check: (visit: Visit) => Promise<void>): Promise<Visit[]> {
  const visited: Visit[] = [];
  const keys = new Set<string>();
  const queue: { path: string; from: string }[] = [{ path: "/", from: "/" }];
  while (queue.length) {
    const { path } = queue.shift()!;
    const response = await page.goto(path);
    const landed = new URL(page.url()).pathname;
    const visit = { name: pageName(path === "/" ? `${landed} (home)` : landed), path: landed };
    expect(response?.status(), `${visit.name} answers`).toBeLessThan(400);
    keys.add(pageKey(landed, landed) ?? landed);
    visited.push(visit);
    await check(visit);
    const hrefs = await page.locator("a[href^='/']").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    for (const href of hrefs) {
      const next = href.replace(/[?#].*$/, "");
      const key = pageKey(next, landed);
      if (key === null || keys.has(key)) continue;
      keys.add(key);
      queue.push({ path: next, from: landed });
    }
  }
  const response = await page.goto("/no-such-page");
  expect(response?.status(), "an unknown path answers 404").toBe(404);
  visited.push({ name: "404", path: "/no-such-page" });
  await check(visited[visited.length - 1]);
  return visited;
}

/** The client each staff member drafts an update for . */
const DRAFT_CLIENT: Partial<Record<Role, string>> = { sam: CLIENTS.sakura, priya: CLIENTS.kiwi };

/**
 * The whole sweep for one role: a draft to open for staff, every page checked, and the pages the role must
 * have reached.
 */
export async function sweepAs(who: Role, page: Page, check: (visit: Visit) => Promise<void>): Promise<Visit[]> {
  const draftClient = DRAFT_CLIENT[who];
  if (draftClient) await ensureDraft(page, draftClient);
  const visited = await visitEveryPage(page, check);
  expectCoverage(who, visited);
  return visited;
}

/** The sweep reached what the role is meant to see, so a broken link cannot shrink it to a pass. */
function expectCoverage(who: Role, visited: Visit[]) {
  const names = visited.map((v) => v.name);
  const staff = who === "sam" || who === "priya";
  const clients = { sam: ["harbor", "kiwi", "sakura"], priya: ["kiwi"], olivia: ["harbor"], marco: ["harbor", "kiwi"], aroha: ["kiwi"] }[who];
  const expected = [
    "/account",
    "/inbox",
    "/search",
    ...(staff ? ["/engineer", "/week", "/billing"] : []),
    ...(who === "sam" ? ["/staff", "/settings", "/settings/webhooks", "/clients/new", "/import"] : []),
    ...clients.flatMap((c) => [
      `/clients/${c}`, `/clients/${c}/hours`, `/clients/${c}/roadmap`, `/clients/${c}/roadmap/:id`, `/clients/${c}/updates`, `/clients/${c}/statements`,
      `/clients/${c}/handbook`, `/clients/${c}/handbook/:id`, `/clients/${c}/handbook/:id/history`,
      ...(staff ? [`/clients/${c}/handbook/:id/edit`] : []),
      ...(SEES_MONEY[who] ? [`/clients/${c}/invoices`, `/clients/${c}/invoices/:id`, `/clients/${c}/activity`, `/clients/${c}/settings`] : []),
    ]),
  ];
  // Reached once, for some client of theirs.
  if (SEES_MONEY[who]) expect(names.some((n) => /^\/clients\/[^/]+\/ai$/.test(n)), `${who} reaches What AI saw`).toBe(true);
  if (staff) expect(names.some((n) => /^\/clients\/[^/]+\/handbook\/new$/.test(n)), `${who} reaches a new handbook page`).toBe(true);
  expected.push("404");
  for (const name of expected) expect(names.map((n) => n.replace(/ \(home\)$/, "")), `${who} reaches ${name}`).toContain(name);
  if (SEES_MONEY[who]) expect(names.some((n) => n.startsWith("/print/invoices/")), `${who} reaches a printable invoice`).toBe(true);
  if (staff) expect(names.some((n) => /\/updates\/:id$/.test(n)), `${who} reaches an update`).toBe(true);
}

/**
 * An update's page exists for drafts only (staff edit them there): make sure the staff member's client has
 * one, drafted for two weeks ago (the demo publishes last week's update; other specs draft this week's).
 */
export async function ensureDraft(page: Page, clientId: string) {
  const updates = `/clients/${clientId}/updates`;
  const drafts = page.locator(`a[href^='${updates}/']`);
  await page.goto(updates);
  if (await drafts.count()) return;
  const form = page.getByRole("form", { name: "Draft an update" });
  await form.getByLabel("Week").selectOption({ index: 2 });
  await form.getByRole("button", { name: "Draft update" }).click();
  // The other sweep may draft the same week at the same moment: what matters is that a draft is listed.
  await expect(page).toHaveURL(new RegExp(`/updates/${UUID}$`), { timeout: 3_000 }).catch(() => undefined);
  await expect(async () => {
    await page.goto(updates);
    expect(await drafts.count(), "a draft to open").toBeGreaterThan(0);
  }).toPass({ timeout: 15_000 });
}

/** A signed-in page for `who` at the given width; one context per role, reused across its pages. */
export async function pageFor(browser: Browser, who: Role, width: number): Promise<Page> {
  const context = await browser.newContext({
    storageState: authFile(who),
    viewport: { width, height: width < 600 ? 844 : 900 },
    extraHTTPHeaders: { "x-forwarded-for": randomIp() },
  });
  return context.newPage();
}

/**
 * The pages a signed-out visitor sees (and the no-access page of a fresh stranger), each opened and checked.
 */
export async function visitSignedOutPages(browser: Browser, width: number, check: (page: Page, visit: Visit) => Promise<void>): Promise<Visit[]> {
  const context = await browser.newContext({ viewport: { width, height: 844 }, extraHTTPHeaders: { "x-forwarded-for": randomIp() } });
  const page = await context.newPage();
  const visited: Visit[] = [];
  const at = async (name: string, open: () => Promise<unknown>) => {
    await open();
    const visit = { name, path: new URL(page.url()).pathname };
    visited.push(visit);
    await check(page, visit);
  };
  await at("/login", () => page.goto("/login"));
  await at("/login/verify", () => page.goto("/login/verify"));
  await at("/invite/:token (expired)", () => page.goto("/invite/not-a-real-invitation-token"));
  // Signed out, only the public paths answer (the rest redirect to sign in): a missing one is the 404 page.
  await at("404 (signed out)", async () => expect((await page.goto("/login/no-such-page"))?.status()).toBe(404));
  const stranger = `stranger-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
  await at("/login/verify (a code sent)", () => requestCode(page, stranger));
  await at("/no-access", async () => {
    await page.getByLabel("Sign-in code").fill(await latestCode(page, stranger));
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/no-access$/);
  });
  await context.close();
  return visited;
}
