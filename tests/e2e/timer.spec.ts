// The timer (issue 25), keyboard only: L, the description, Start timer; the timer runs in the shell and the tab's
// title, survives a reload, and Stop logs an ordinary entry the ledger shows. Looked at at 1280 and 390 px.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { CLIENTS, pageAs } from "./helpers";

/** Tabs forward until `name` has the focus (keyboard only, as a person would), at most `max` times. */
async function tabTo(page: Page, name: string, max = 12) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === name) return;
  }
  throw new Error(`${name} never had the focus`);
}

test("the engineer starts a timer from the L dialog, reloads, and stops it into an entry", async ({ browser }) => {
  const page = await pageAs(browser, "priya");
  await page.goto(`/clients/${CLIENTS.kiwi}/hours`);
  const description = `Timer e2e ${Date.now().toString(36)}: carrier webhook retries`;
  await page.locator("body").press("l");
  const dialog = page.getByRole("dialog", { name: "Log time" });
  await expect(dialog.getByLabel("Duration")).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.type(description);
  await tabTo(page, "Start timer");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Timer started for Kiwi Freight Co." })).toBeVisible();
  await expect(dialog).toBeHidden();

  const bar = page.getByRole("region", { name: "Running timer" });
  await expect(bar).toContainText(description);
  await expect(bar).toContainText("Kiwi Freight Co.");
  await expect(page).toHaveTitle(/^⏱ 0:0\d · /);

  // It is the server's: a reload (or another device) shows it still running.
  await page.reload();
  await expect(bar).toContainText(description);
  await expect(bar.getByText(/^0:0\d:\d\d$/)).toBeVisible();
  await page.screenshot({ path: "tests/e2e/__screenshots__/timer-running-1280.png" });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(bar.getByRole("button", { name: "Stop and log" })).toBeVisible();
  await page.screenshot({ path: "tests/e2e/__screenshots__/timer-running-390.png" });
  await page.setViewportSize({ width: 1280, height: 800 });

  // A second timer is refused while this one runs, with the reason.
  await page.locator("body").press("l");
  await expect(dialog.getByLabel("Duration")).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.type("Another thing");
  await tabTo(page, "Start timer");
  await page.keyboard.press("Enter");
  await expect(dialog.getByRole("alert")).toHaveText("Your timer for Kiwi Freight Co. is still running. Stop or discard it before starting another.");
  await page.keyboard.press("Escape");

  // Stop: an ordinary entry for today, in the ledger at once; the timer and the title's clock are gone.
  await bar.getByRole("button", { name: "Stop and log" }).focus();
  await page.keyboard.press("Enter");
  // Past Kiwi's pre-approved overage (other journeys log time there too) it asks first, as the dialog does.
  const anyway = bar.getByRole("button", { name: "Log it anyway" });
  await expect.poll(async () => (await anyway.isVisible()) || !(await bar.isVisible())).toBe(true);
  if (await anyway.isVisible()) await anyway.click();
  await expect(bar).toBeHidden();
  await expect(page).not.toHaveTitle(/⏱/);
  const row = page.getByRole("row").filter({ hasText: description });
  await expect(row).toBeVisible();
  await expect(row).toContainText("1m");
});

test("a timer starts from a roadmap item's page and from a week row, and is discarded without an entry", async ({ browser }) => {
  const page = await pageAs(browser, "priya");
  await page.goto(`/clients/${CLIENTS.kiwi}/roadmap`);
  await page.getByRole("link", { name: "Fuel surcharge calculator" }).first().click();
  const form = page.getByRole("form", { name: "Start a timer on this item" });
  await expect(form.getByLabel("What are you doing?")).toHaveValue("Fuel surcharge calculator");
  await form.getByRole("button", { name: "Start a timer" }).click();
  const bar = page.getByRole("region", { name: "Running timer" });
  await expect(bar).toContainText("Kiwi Freight Co. · Fuel surcharge calculator");
  // Discard: asked first, then gone, and nothing logged.
  await bar.getByRole("button", { name: "Discard" }).click();
  await bar.getByRole("button", { name: "Discard timer" }).click();
  await expect(bar).toBeHidden();

  // From the week grid: a row's own timer.
  await page.goto("/week");
  // A row with a roadmap item: its title is the timer's description.
  const start = page.getByRole("button", { name: /^Start timer on Kiwi Freight Co\., / }).first();
  await start.focus();
  await page.keyboard.press("Enter");
  await expect(bar).toBeVisible();
  await expect(bar).toContainText("Kiwi Freight Co.");
  await bar.getByRole("button", { name: "Discard" }).click();
  await bar.getByRole("button", { name: "Discard timer" }).click();
  await expect(bar).toBeHidden();
});
