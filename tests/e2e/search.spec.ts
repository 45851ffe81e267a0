// Search (issue 25): the engineer logs an entry with a word nobody else used, presses "/", types the word, and the
// entry is the result, its word marked; it opens the entry's ledger. Kiwi's owner finds it; Harbor's owner does not.
import { expect, test } from "./fixtures";
import { CLIENTS, pageAs } from "./helpers";

test("search finds an entry by a word in its description, for those who may read it", async ({ browser }) => {
  const word = `quokka${Date.now().toString(36)}`;
  const page = await pageAs(browser, "sam");
  await page.goto(`/clients/${CLIENTS.kiwi}/hours`);
  await page.locator("body").press("l");
  const dialog = page.getByRole("dialog", { name: "Log time" });
  await expect(dialog.getByLabel("Duration")).toBeFocused();
  await page.keyboard.type("20m");
  await page.keyboard.press("Tab");
  await page.keyboard.type(`Tuned the ${word} rate lookup`);
  await page.keyboard.press("Enter");
  // Past Kiwi's pre-approved overage (other journeys log time there too) the engineer is asked first: wait for either.
  const logged = page.getByRole("status").filter({ hasText: "Logged 20m for Kiwi Freight Co." });
  const anyway = dialog.getByRole("button", { name: "Log it anyway" });
  await expect(logged.or(anyway)).toBeVisible();
  if (await anyway.isVisible()) await anyway.click();
  await expect(logged).toBeVisible();
  await expect(dialog).toBeHidden();

  await page.locator("body").press("/");
  await expect(page).toHaveURL(/\/search$/);
  await expect(page.getByLabel("Search for")).toBeFocused();
  await page.keyboard.type(word.slice(0, -2)); // the start of the word is enough
  await page.keyboard.press("Enter");
  const result = page.getByRole("link", { name: new RegExp(`Kiwi Freight Co\\..*Tuned the ${word} rate lookup`) });
  await expect(result).toBeVisible();
  await expect(result.locator("mark")).toHaveText(word);
  await page.screenshot({ path: "tests/e2e/__screenshots__/search-1280.png", fullPage: true });
  await result.click();
  await expect(page).toHaveURL(new RegExp(`/clients/${CLIENTS.kiwi}/hours\\?month=\\d{4}-\\d{2}#entry-`));

  const owner = await pageAs(browser, "aroha");
  await owner.setViewportSize({ width: 390, height: 844 });
  await owner.goto(`/search?q=${word}`);
  await expect(owner.getByRole("link", { name: new RegExp(`Tuned the ${word}`) })).toBeVisible();
  await owner.screenshot({ path: "tests/e2e/__screenshots__/search-390.png", fullPage: true });
  const other = await pageAs(browser, "olivia");
  await other.goto(`/search?q=${word}`);
  await expect(other.getByRole("heading", { name: "Entries (0)" })).toBeVisible();
});
