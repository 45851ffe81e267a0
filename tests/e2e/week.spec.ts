// The engineer's week (issue 25), keyboard only in the grid: two new clients' rows added, Monday to Friday filled
// for each (type, Enter, Tab), the totals per row, day and week; Escape reverts; the arrows move between rows; a
// reload keeps it all, and the ledger has the entries. Looked at at 1280 and 390 px.
import { expect, test } from "./fixtures";
import { addDays, weekStart } from "@/lib/domain/dates";
import { todayIn } from "./clock";
import { createClientAs, pageAs } from "./helpers";

/** "2h 45m" → 165; "–" → 0. */
const toMinutes = (text: string) => Number(/(\d+)h/.exec(text)?.[1] ?? 0) * 60 + Number(/(\d+)m/.exec(text)?.[1] ?? 0);

test("the engineer fills five days for two clients from the week grid", async ({ browser }) => {
  const page = await pageAs(browser, "sam");
  const suffix = Date.now().toString(36);
  const clients = [`Week A ${suffix}`, `Week B ${suffix}`];
  const paths = [await createClientAs(page, clients[0]), await createClientAs(page, clients[1])];
  const monday = weekStart(addDays(todayIn("UTC"), -7)); // last week: every day of it has begun everywhere
  await page.goto(`/week?start=${monday}`);
  await expect(page.getByRole("heading", { name: "Your week" })).toBeVisible();
  // Sam's own entries of that week on the demo's clients are on the grid too: the totals move by what is typed here.
  const footer = page.getByRole("row", { name: /^Day total/ });
  const mondayBefore = toMinutes(await footer.getByRole("cell").first().innerText());
  const weekBefore = toMinutes(await footer.getByRole("cell").last().innerText());

  for (const client of clients) {
    await page.getByLabel("Client", { exact: true }).selectOption({ label: client });
    await page.getByRole("button", { name: "Add row" }).focus();
    await page.keyboard.press("Enter");
    await page.getByLabel(`What did you do? (${client})`).focus();
    await page.keyboard.type("Order import and carrier work");
    const cells = page.getByRole("textbox", { name: new RegExp(`^${client}, `) });
    await expect(cells).toHaveCount(7);
    await cells.first().focus();
    for (let day = 0; day < 5; day++) {
      await page.keyboard.type(`${day + 1}h`);
      await page.keyboard.press("Enter");
      await expect(page.getByRole("status")).toHaveText(`Logged ${day + 1}h for ${client}.`);
      await expect(cells.nth(day)).toHaveValue(`${day + 1}h`);
      await page.keyboard.press("Tab");
    }
  }
  const total = (client: string) => page.getByRole("row", { name: new RegExp(`^${client}`) }).getByRole("cell").last();
  await expect(total(clients[0])).toHaveText("15h");
  await expect(total(clients[1])).toHaveText("15h");
  await expect.poll(async () => toMinutes(await footer.getByRole("cell").first().innerText())).toBe(mondayBefore + 120);
  await expect.poll(async () => toMinutes(await footer.getByRole("cell").last().innerText())).toBe(weekBefore + 30 * 60);

  // Escape reverts what was typed; the arrows move between rows.
  const aMonday = page.getByRole("textbox", { name: new RegExp(`^${clients[0]}, `) }).first();
  const bMonday = page.getByRole("textbox", { name: new RegExp(`^${clients[1]}, `) }).first();
  await bMonday.focus();
  await page.keyboard.type("9h");
  await page.keyboard.press("Escape");
  await expect(bMonday).toHaveValue("1h");
  await page.keyboard.press("ArrowUp");
  await expect(aMonday).toBeFocused();
  // A cell of one entry changes it: Monday of A becomes 1h 30m.
  await page.keyboard.type("1h30");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toHaveText("Changed to 1h 30m.");
  await page.screenshot({ path: "tests/e2e/__screenshots__/week-1280.png", fullPage: true });

  await page.reload();
  await expect(total(clients[0])).toHaveText("15h 30m");
  expect(toMinutes(await footer.getByRole("cell").last().innerText())).toBe(weekBefore + 30 * 60 + 30);
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole("button", { name: /Mon/ }).first()).toBeVisible(); // a day at a time
  await page.screenshot({ path: "tests/e2e/__screenshots__/week-390.png", fullPage: true });

  await page.setViewportSize({ width: 1280, height: 800 });
  // Next week has not begun anywhere: a row added there is read-only, and each cell says why (to screen readers too).
  await page.goto(`/week?start=${weekStart(addDays(todayIn("UTC"), 7))}`);
  await page.getByLabel("Client", { exact: true }).selectOption({ label: clients[0] });
  await page.getByRole("button", { name: "Add row" }).click();
  const later = page.getByRole("textbox", { name: new RegExp(`^${clients[0]}, `) });
  await expect(later).toHaveCount(7);
  await expect(later.first()).toHaveAttribute("readonly", "");
  await expect(later.last()).toHaveAccessibleDescription(new RegExp(`has not begun in ${clients[0]}'s time zone yet\\.$`));

  // The ledger of A has the five entries.
  await page.goto(`${paths[0]}/hours?month=${monday.slice(0, 7)}`);
  await expect(page.getByRole("row").filter({ hasText: "Order import and carrier work" })).toHaveCount(5);
});

test("an engineer's week starts on the day they choose on /account, and the dialog starts with their category", async ({ browser }) => {
  const page = await pageAs(browser, "priya");
  await page.goto("/account");
  const form = page.getByRole("form", { name: "Your work" });
  await form.getByLabel("Your week starts on").selectOption("sunday");
  await form.getByLabel("Category you log most").selectOption("support");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByText("Saved.")).toBeVisible();
  await page.goto("/week");
  await expect(page.getByRole("columnheader").nth(1)).toContainText("Sun");
  await page.locator("body").press("l");
  await expect(page.getByRole("dialog", { name: "Log time" }).getByLabel("Category")).toHaveValue("support");
  await page.keyboard.press("Escape");
  // Back to the defaults: other journeys read Priya's dialog as the demo has it.
  await page.goto("/account");
  await form.getByLabel("Your week starts on").selectOption("monday");
  await form.getByLabel("Category you log most").selectOption("build");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByText("Saved.")).toBeVisible();
});
