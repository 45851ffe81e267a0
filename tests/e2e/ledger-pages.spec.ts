// Issue 24: a month of the ledger larger than a page. The engineer brings 130 entries of September 2026 in through
// the importer, then reads the month 100 entries at a time, by keyboard: the totals are the whole month's on
// every page, each page says which entries it shows, and Older and Newer walk there and back.
import { expect, test } from "./fixtures";
import { createClientAs, HARVEST_HEADER, pageAs } from "./helpers";
import { axeOn } from "./axe";

test("a month of 130 entries reads 100 at a time, with the month's totals on every page", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await pageAs(browser, "sam");
  const name = `Paged Pine ${Date.now()}`;
  const clientPath = await createClientAs(page, name);

  // 130 half-hours over September's 30 days (day n holds entries n, n + 30, …): 65 hours.
  const rows = Array.from({ length: 130 }, (_, i) => {
    const day = String(1 + (i % 30)).padStart(2, "0");
    return `2026-09-${day},${name},Retainer,,Automation build,Work item ${i + 1},0.5,Yes,No,Yes,Sam,Rivera,Engineer,Yes,0,0,0,0,US Dollar - USD,`;
  });
  await page.goto("/import");
  const upload = page.getByRole("form", { name: "Upload an export" });
  await upload.getByLabel("Time export (CSV)").setInputFiles({ name: "september.csv", mimeType: "text/csv", buffer: Buffer.from([HARVEST_HEADER, ...rows].join("\r\n")) });
  await upload.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page).toHaveURL(/\/import\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const mapping = page.getByRole("form", { name: "Map and import" });
  await mapping.getByRole("button", { name: "Import 130 entries" }).click();
  await expect(mapping.getByRole("status")).toHaveText("Imported 130 entries.");

  await page.goto(`${clientPath}/hours?month=2026-09`);
  const pager = page.getByRole("navigation", { name: "Ledger pages" });
  await expect(pager).toContainText("Entries 1–100 of 130, newest first");
  const table = page.getByRole("table", { name: /Time entries for September 2026, 1 to 100 of 130/ });
  await expect(table.locator("tbody tr")).toHaveCount(100);
  await expect(table.locator("tbody tr").first()).toContainText("Sep 30");
  const entries = page.locator("dt", { hasText: /^Entries$/ }).locator("xpath=following-sibling::dd[1]");
  await expect(entries).toHaveText("130");

  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await pager.screenshot({ path: `tests/e2e/__screenshots__/ledger-pager-${width}.png` });
    const { violations } = await axeOn(page).include("main").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).setLegacyMode().analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), `axe at ${width} px`).toEqual([]);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // By keyboard: focus Older, Enter; the rest of the month, oldest last; then Newer, back to the start.
  await pager.getByRole("link", { name: "Older →" }).focus();
  await page.keyboard.press("Enter");
  await expect(pager).toContainText("Entries 101–130 of 130, newest first");
  await expect(page.getByRole("table", { name: /101 to 130 of 130/ }).locator("tbody tr")).toHaveCount(30);
  await expect(page.getByRole("table", { name: /101 to 130 of 130/ }).locator("tbody tr").last()).toContainText("Sep 1");
  await expect(entries).toHaveText("130"); // the month's totals, not the page's
  await expect(pager.getByRole("link", { name: "Older →" })).toHaveCount(0);
  await pager.getByRole("link", { name: "← Newer" }).focus();
  await page.keyboard.press("Enter");
  await expect(pager).toContainText("Entries 1–100 of 130, newest first");
  await expect(pager.getByRole("link", { name: "← Newer" })).toHaveCount(0);

  // A page whose starting entry is not in the view says so and leads back.
  await page.goto(`${clientPath}/hours?month=2026-08&after=${"0".repeat(8)}-0000-4000-8000-${"0".repeat(12)}`);
  await expect(page.getByText("This page of the ledger is no longer there")).toBeVisible();
  await page.getByRole("link", { name: "Go to the newest entries" }).click();
  await expect(page.getByRole("heading", { name: "August 2026" })).toBeVisible();
});
