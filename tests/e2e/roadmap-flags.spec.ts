// The roadmap flags what needs attention (issue 28, item 18): an item whose target month has ended unshipped
// is "Overdue", a planned item with time logged is "Started", and the open estimates are set against the
// retainer's included hours. Owners and staff see the same.
import { expect, test } from "./fixtures";
import { lastMonthIn } from "./clock";
import { ACCOUNTS, CLIENTS, pageAs, randomIp, signIn } from "./helpers";

test("an overdue planned item, then started once time is logged against it, for staff and owner alike", async ({ browser }) => {
  const sam = await pageAs(browser, "sam");
  const title = `Glaze stock sync ${Date.now()}`;
  await sam.goto(`/clients/${CLIENTS.sakura}/roadmap`);
  await sam.getByText("+ Add an item").click();
  const add = sam.getByRole("form", { name: "Add a roadmap item" });
  await add.getByLabel("Title").fill(title);
  await add.getByLabel("Target month").fill(lastMonthIn("Asia/Tokyo").slice(0, 7));
  await add.getByLabel("Estimate (hours)").fill("6");
  await add.getByRole("button", { name: "Add item" }).click();

  const card = sam.getByRole("list", { name: "Planned items" }).getByTestId("roadmap-card").filter({ hasText: title });
  await expect(card.getByText(/^Overdue/)).toBeVisible();
  await expect(card.getByText(/^Started/)).toHaveCount(0);
  // Shipped work is never overdue, whatever its target month.
  const shipped = sam.getByRole("list", { name: "Shipped items" }).getByTestId("roadmap-card").filter({ hasText: "Shop and inventory audit" });
  await expect(shipped).toBeVisible();
  await expect(shipped.getByText(/^Overdue/)).toHaveCount(0);

  // Log time against it from its page: still "Planned", now "Started".
  await card.getByRole("link", { name: title }).click();
  await expect(sam.getByRole("heading", { name: title })).toBeVisible();
  await sam.locator("body").press("l");
  const dialog = sam.getByRole("dialog", { name: "Log time" });
  await dialog.getByLabel("Duration").fill("2h");
  await dialog.getByLabel("What did you do?").fill("Mapped the glaze stock sheet");
  await dialog.getByRole("button", { name: "Save entry" }).click();
  const confirm = dialog.getByRole("button", { name: "Log it anyway" });
  await expect(confirm.or(sam.getByRole("status").filter({ hasText: /^Logged 2h/ }))).toBeVisible();
  if (await confirm.isVisible()) await confirm.click();
  await expect(dialog).toBeHidden();
  await sam.reload();
  await expect(sam.getByText(/^Started/)).toBeVisible();
  await expect(sam.getByText(/^Overdue/)).toBeVisible();

  const yuki = await (await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomIp() } })).newPage();
  await signIn(yuki, ACCOUNTS.yuki);
  await yuki.goto(`/clients/${CLIENTS.sakura}/roadmap`);
  const owners = yuki.getByTestId("roadmap-card").filter({ hasText: title });
  await expect(owners.getByText(/^Overdue/)).toBeVisible();
  await expect(owners.getByText(/^Started/)).toBeVisible();
  await expect(owners).toContainText("2h of 6h estimated");
  const planned = yuki.getByRole("region", { name: "Planned work" });
  await expect(planned).toContainText(/\d+h( \d+m)? left of \d+h( \d+m)? estimated on \d+ open items? .*: about [\d.]+ months? of the 25h included each month\./);

  await yuki.goto(`/clients/${CLIENTS.sakura}/roadmap?view=timeline`);
  const timeline = yuki.getByRole("list", { name: "Roadmap by target month" }).getByRole("listitem").filter({ hasText: title }).last();
  await expect(timeline.getByText(/^Overdue/)).toBeVisible();
  await expect(timeline.getByText(/^Started/)).toBeVisible();
});
