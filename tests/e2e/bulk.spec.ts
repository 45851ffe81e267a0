// Bulk edit in the ledger (issue 25), by keyboard: ten entries logged with L on a new client's ledger, all ticked
// at once, recategorized in one go; the ledger shows the new category on every row.
import { expect, test } from "./fixtures";
import { createClientAs, pageAs } from "./helpers";

test("the engineer recategorizes ten entries at once from the ledger", async ({ browser }) => {
  const page = await pageAs(browser, "sam");
  const path = await createClientAs(page, `Bulk ${Date.now().toString(36)}`);
  await page.goto(`${path}/hours`);
  const dialog = page.getByRole("dialog", { name: "Log time" });
  for (let i = 1; i <= 10; i++) {
    await page.locator("body").press("l");
    await expect(dialog.getByLabel("Duration")).toBeFocused();
    await page.keyboard.type("15m");
    await page.keyboard.press("Tab");
    await page.keyboard.type(`Bulk work ${i}`);
    await page.keyboard.press("Enter");
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Bulk work ${i}`, { exact: true })).toBeVisible();
  }
  const bulk = page.getByRole("region", { name: "Change several entries" });
  await bulk.getByRole("button", { name: "Select all on this page" }).focus();
  await page.keyboard.press("Enter");
  await expect(bulk.getByText("10 selected")).toBeVisible();
  await bulk.getByLabel("To").focus();
  await bulk.getByLabel("To").selectOption("meeting");
  await bulk.getByRole("button", { name: "Apply to 10" }).focus();
  await page.keyboard.press("Enter");
  await expect(bulk.getByRole("status")).toHaveText("Recategorized 10 entries as Meeting.");
  await page.reload();
  const rows = page.getByRole("row").filter({ hasText: /Bulk work \d+/ });
  await expect(rows).toHaveCount(10);
  for (const row of await rows.all()) await expect(row).toContainText(/Meeting/i);
  await page.screenshot({ path: "tests/e2e/__screenshots__/bulk-edit.png", fullPage: true });
});
