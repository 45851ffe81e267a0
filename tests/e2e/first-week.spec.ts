// Issue 28: what a practice meets in its first week, as people see it.
import { expect, test } from "./fixtures";
import { CLIENTS, createClientAs, pageAs } from "./helpers";

test("an empty client speaks to staff as staff, and its roadmap claims no strategy nobody wrote", async ({ browser }) => {
  const page = await pageAs(browser, "sam");
  const base = await createClientAs(page, `Fresh Fern ${Date.now()}`, { zone: "Pacific/Auckland", currency: "NZD" });

  await page.goto(`${base}/updates`);
  await expect(page.getByText("Nothing is published yet. Draft this week's update from the logged work")).toBeVisible();
  await expect(page.getByText("Your engineer publishes")).toHaveCount(0);

  await page.goto(`${base}/roadmap`);
  await expect(page.getByText("Audit first, then the highest-value automation")).toHaveCount(0);
});

test("an Auckland client's times carry a readable zone name, not an offset", async ({ browser }) => {
  const aroha = await pageAs(browser, "aroha");
  await aroha.goto(`/clients/${CLIENTS.kiwi}/activity`);
  // Kiwi Freight is in Auckland: times read "Auckland time", never a bare offset.
  await expect(aroha.getByText(/GMT\+1[23]/)).toHaveCount(0);
  await expect(aroha.getByText(/Auckland time/).first()).toBeVisible();
});

test("owners see who works on their account, by name", async ({ browser }) => {
  // (Someone who logged time without an assignment, an admin say, is listed too: tests/integration/clients.test.ts.)
  const aroha = await pageAs(browser, "aroha");
  await aroha.goto(`/clients/${CLIENTS.kiwi}/settings`);
  const card = aroha.locator("section", { has: aroha.getByRole("heading", { name: "Who works on your account" }) });
  await expect(card.getByText("Sam Rivera")).toBeVisible();
  await expect(card.getByText("Priya", { exact: false }).first()).toBeVisible();
  await expect(aroha.getByText("No engineer assigned")).toHaveCount(0);
});
