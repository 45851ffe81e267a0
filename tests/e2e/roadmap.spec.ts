import { expect, test } from "./fixtures";
import { CLIENTS, pageAs } from "./helpers";

test("owner proposes, engineer plans it and logs 3h against it, owner sees 3h of the estimate, it ships", async ({ browser }) => {
  const owner = await pageAs(browser, "olivia");
  const title = `Catering order form ${Date.now()}`;
  await owner.goto(`/clients/${CLIENTS.harbor}/roadmap`);
  await owner.getByText("+ Propose an idea").click();
  const propose = owner.getByRole("form", { name: "Propose a roadmap item" });
  await propose.getByLabel("Title").fill(title);
  await propose.getByLabel("What would it do for you?").fill("Let **caterers** order online.\n\n- menus\n- deposits\n\n<script>window.pwned = 1</script>[site](javascript:alert(1))");
  await propose.getByRole("button", { name: "Propose" }).click();
  await expect(owner.getByRole("heading", { name: title })).toBeVisible();
  await expect(owner.getByText("Proposed", { exact: true })).toBeVisible();
  // Markdown renders, HTML and javascript: links do not.
  await expect(owner.locator("strong", { hasText: "caterers" })).toBeVisible();
  expect(await owner.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  await expect(owner.locator('a[href^="javascript"]')).toHaveCount(0);
  const itemUrl = owner.url();

  // The engineer home lists the new proposal until it is decided.
  const engineer = await pageAs(browser, "sam");
  await engineer.goto("/engineer");
  const needsYou = engineer.getByRole("region", { name: "Needs you" });
  await expect(needsYou.getByRole("listitem").filter({ hasText: title })).toContainText("Olivia Chen · Harbor & Pine Bakery");
  await needsYou.getByRole("link", { name: title }).click();
  await expect(engineer).toHaveURL(itemUrl);
  await engineer.getByRole("button", { name: "Accept and plan it" }).click();
  await expect(engineer.getByText("Planned", { exact: true }).first()).toBeVisible();
  const edit = engineer.getByRole("form", { name: "Edit item" });
  await edit.getByLabel("Estimate (hours)").fill("5");
  await edit.getByRole("button", { name: "Save item" }).click();
  await expect(edit.getByRole("status")).toHaveText("Item saved.");

  await engineer.locator("body").press("l");
  const dialog = engineer.getByRole("dialog", { name: "Log time" });
  await dialog.getByLabel("Duration").fill("3h");
  await dialog.getByLabel("What did you do?").fill("Built the catering order form");
  // Logged from the item's own page, the dialog preselects the item.
  await expect(dialog.getByLabel("Roadmap item").locator("option:checked")).toHaveText(title);
  await dialog.getByRole("button", { name: "Save entry" }).click();
  const confirm = dialog.getByRole("button", { name: "Log it anyway" });
  await expect(confirm.or(engineer.getByRole("status").filter({ hasText: /^Logged 3h/ }))).toBeVisible();
  if (await confirm.isVisible()) await confirm.click();
  await expect(dialog).toBeHidden();

  await owner.goto(itemUrl);
  await expect(owner.getByText("3h of 5h estimated")).toBeVisible();
  await expect(owner.getByRole("table", { name: `Time entries for ${title}` })).toContainText("Built the catering order form");

  await engineer.goto(`/clients/${CLIENTS.harbor}/roadmap`);
  const card = engineer.getByTestId("roadmap-card").filter({ hasText: title });
  await card.getByLabel(`Lane for ${title}`).selectOption("shipped");
  await expect(engineer.getByRole("list", { name: "Shipped items" }).getByRole("link", { name: title })).toBeVisible();
  await expect(engineer.getByText(new RegExp(`${title} moved to Shipped`))).toBeAttached(); // saved, not only shown

  await owner.goto(`/clients/${CLIENTS.harbor}/roadmap`);
  const shippedCard = owner.getByRole("list", { name: "Shipped items" }).getByTestId("roadmap-card").filter({ hasText: title });
  await expect(shippedCard).toContainText(/Shipped \w{3} \d{1,2}, \d{4}/);
  await expect(shippedCard).toContainText("3h of 5h estimated");
  await owner.screenshot({ path: "tests/e2e/__screenshots__/roadmap-board.png", fullPage: true });
  await owner.goto(itemUrl);
  await expect(owner.getByRole("heading", { name: "History" })).toBeVisible();
  await expect(owner.getByText("accepted the proposal and planned it")).toBeVisible();
  await owner.screenshot({ path: "tests/e2e/__screenshots__/roadmap-item.png", fullPage: true });
  // Activity names the item it speaks of.
  await owner.goto(`/clients/${CLIENTS.harbor}/activity?kind=roadmap`);
  await expect(owner.getByText(`moved “${title}” to shipped`)).toBeVisible();
  await expect(owner.getByText(`accepted the proposal “${title}”`)).toBeVisible();
  await engineer.goto("/engineer");
  await expect(engineer.getByRole("region", { name: "Needs you" }).getByText(title)).toHaveCount(0);
  await owner.goto(`/clients/${CLIENTS.harbor}/roadmap?view=timeline`);
  await expect(owner.getByRole("list", { name: "Roadmap by target month" })).toBeVisible();
  await owner.screenshot({ path: "tests/e2e/__screenshots__/roadmap-timeline.png", fullPage: true });
});

test("engineers reorder by drag and drop and by keyboard", async ({ browser }) => {
  const page = await pageAs(browser, "sam");
  await page.goto(`/clients/${CLIENTS.kiwi}/roadmap`);
  const planned = page.getByRole("list", { name: "Planned items" });
  const inProgress = page.getByRole("list", { name: "In progress items" });
  const card = planned.getByTestId("roadmap-card").first();
  const title = (await card.getByRole("link").innerText()).trim();
  await card.dragTo(inProgress.getByTestId("roadmap-card").first());
  await expect(inProgress.getByTestId("roadmap-card").first()).toContainText(title); // optimistic
  await expect(page.getByText(`${title} moved to In progress, position 1.`)).toBeAttached(); // saved
  await page.reload();
  await expect(page.getByRole("list", { name: "In progress items" }).getByTestId("roadmap-card").first()).toContainText(title);

  // Keyboard: move it down one place with the button, focus stays usable.
  await page.getByRole("button", { name: `Move ${title} down` }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("list", { name: "In progress items" }).getByTestId("roadmap-card").nth(1)).toContainText(title);
});

test("members comment; a member of another client cannot open the item", async ({ browser }) => {
  const member = await pageAs(browser, "marco");
  await member.goto(`/clients/${CLIENTS.harbor}/roadmap`);
  const firstCard = member.getByTestId("roadmap-card").first().getByRole("link");
  const title = (await firstCard.innerText()).trim();
  await firstCard.click();
  await member.waitForURL(/\/roadmap\/[0-9a-f-]{36}$/);
  const url = member.url();
  await member.getByLabel("Add a comment").fill("Can we see a demo on Friday?");
  await member.getByRole("button", { name: "Post comment" }).click();
  await expect(member.getByText("Can we see a demo on Friday?")).toBeVisible();

  // The comment waits for an answer on the engineer home, and an answer clears it.
  const engineer = await pageAs(browser, "sam");
  await engineer.goto("/engineer");
  const waiting = engineer.getByRole("region", { name: "Needs you" }).getByRole("listitem").filter({ hasText: "Marco Diaz" }).filter({ hasText: title });
  await expect(waiting).toHaveCount(1);
  await waiting.getByRole("link", { name: title }).click();
  await expect(engineer).toHaveURL(`${url}#comments`);
  await engineer.getByLabel("Add a comment").fill("Yes, Friday at 10.");
  await engineer.getByRole("button", { name: "Post comment" }).click();
  await expect(engineer.getByText("Yes, Friday at 10.")).toBeVisible();
  await engineer.goto("/engineer");
  await expect(waiting).toHaveCount(0);
  await expect(member.getByRole("heading", { name: "History" })).toHaveCount(0); // owners and staff only
  await expect(member.getByText("+ Propose an idea")).toHaveCount(0); // only owners propose

  const other = await pageAs(browser, "aroha");
  const response = await other.goto(url);
  expect(response?.status()).toBe(404);
});
