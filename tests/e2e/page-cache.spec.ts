// Issue 24: an owner's pages answered whole from the server's memory (lib/platform/response-cache.mjs) are the
// same pages: the same headers, a nonce of their own that the browser runs their scripts by, working links and
// dialogs, on a phone as on a desktop; and a write shows on the next view.
import { expect, test } from "./fixtures";
import type { Page } from "@playwright/test";
import { CLIENTS, pageAs } from "./helpers";

// Other specs run beside this one (two workers) and some write to Harbor: each of their writes rightly moves
// Harbor's data version, so the next view is a miss. A few views in a row with no write between reach a hit.
async function viewUntilHit(page: Page, url: string, nonces: string[]) {
  const seen: (string | undefined)[] = [];
  for (let i = 0; i < 8; i++) {
    const response = await page.goto(url);
    const h = response!.headers();
    seen.push(h["x-rp-cache"]);
    nonces.push(/'nonce-([^']+)'/.exec(h["content-security-policy"])![1]);
    expect(h["cache-control"]).toContain("no-store");
    if (h["x-rp-cache"] === "hit") return seen;
  }
  return seen;
}

test("an owner's dashboard from the page cache runs under its own nonce and shows a new entry at once", async ({ browser }) => {
  const olivia = await pageAs(browser, "olivia");
  const errors: string[] = [];
  olivia.on("console", (m) => { if (m.type() === "error" && /Content Security Policy/i.test(m.text())) errors.push(m.text()); });
  const dashboard = `/clients/${CLIENTS.harbor}`;
  const nonces: string[] = [];
  const seen = await viewUntilHit(olivia, dashboard, nonces);
  expect(seen.at(-1)).toBe("hit");
  for (const width of [1280, 390]) {
    await olivia.setViewportSize({ width, height: 900 });
    expect((await viewUntilHit(olivia, dashboard, nonces)).at(-1)).toBe("hit");
    await expect(olivia.getByRole("heading", { level: 1, name: "Harbor & Pine Bakery" })).toBeVisible();
    await olivia.screenshot({ path: `test-results/page-cache-dashboard-${width}.png`, fullPage: false });
  }
  // Hydrated: a client-side link to the ledger works (an RSC navigation, never answered from the cache).
  await olivia.setViewportSize({ width: 1280, height: 900 });
  await olivia.getByRole("navigation", { name: "Harbor & Pine Bakery sections" }).getByRole("link", { name: "Hours", exact: true }).click();
  await expect(olivia).toHaveURL(new RegExp(`${dashboard}/hours$`));
  await expect(olivia.getByRole("heading", { level: 2 }).first()).toBeVisible();
  // Client-side navigations render the roadmap, the updates feed and the dashboard through "use cache" (twice each:
  // the second from the cache).
  const sections = olivia.getByRole("navigation", { name: "Harbor & Pine Bakery sections" });
  for (let round = 0; round < 2; round++) {
    await sections.getByRole("link", { name: "Roadmap", exact: true }).click();
    await expect(olivia).toHaveURL(new RegExp(`${dashboard}/roadmap$`));
    await expect(olivia.getByRole("navigation", { name: "Roadmap views" })).toBeVisible();
    await sections.getByRole("link", { name: "Updates", exact: true }).click();
    await expect(olivia).toHaveURL(new RegExp(`${dashboard}/updates$`));
    await expect(olivia.getByRole("article").first()).toBeVisible();
    await sections.getByRole("link", { name: "Overview", exact: true }).click();
    await expect(olivia).toHaveURL(new RegExp(`${dashboard}$`));
    await expect(olivia.getByText(/so far$/).first()).toBeVisible();
  }
  expect(errors).toEqual([]);
  // Every answer, from the cache or not, had a nonce of its own.
  expect(new Set(nonces).size).toBe(nonces.length);

  // Sam logs an entry for Harbor; Olivia's next view of her dashboard shows it.
  const sam = await pageAs(browser, "sam");
  await sam.goto(dashboard);
  await sam.locator("body").press("l");
  const dialog = sam.getByRole("dialog", { name: "Log time" });
  if (await dialog.getByLabel("Client").count()) await dialog.getByLabel("Client").selectOption(CLIENTS.harbor);
  await dialog.getByLabel("Duration").fill("5m");
  await dialog.getByLabel("What did you do?").fill("Checked the page cache lets this through");
  await dialog.getByRole("button", { name: "Save entry" }).click();
  const anyway = dialog.getByRole("button", { name: "Log it anyway" });
  await expect(anyway.or(sam.getByRole("status").filter({ hasText: /^Logged / }))).toBeVisible();
  if (await anyway.isVisible()) await anyway.click();
  await expect(dialog).toBeHidden();
  const after = await olivia.goto(dashboard);
  expect(after!.headers()["x-rp-cache"]).not.toBe("hit");
  await expect(olivia.getByText("Checked the page cache lets this through")).toBeVisible();
  await sam.context().close();
  await olivia.context().close();
});
