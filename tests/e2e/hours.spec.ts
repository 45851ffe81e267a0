import fs from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { addDays } from "@/lib/domain/dates";
import { formatMonth } from "@/lib/format";
import { lastMonthIn, todayIn } from "./clock";
import { CLIENTS, pageAs } from "./helpers";

const stat = (page: Page, label: string) => page.locator("dt", { hasText: new RegExp(`^${label}$`) }).locator("xpath=following-sibling::dd[1]");
const toMinutes = (text: string) => {
  const h = /(\d+)h/.exec(text)?.[1] ?? "0";
  const m = /(\d+)m/.exec(text)?.[1] ?? "0";
  return Number(h) * 60 + Number(m);
};

test("@calendar the engineer logs time with the keyboard and the owner's dashboard shows the new numbers", async ({ browser }) => {
  const owner = await pageAs(browser, "aroha");
  await owner.goto(`/clients/${CLIENTS.kiwi}`);
  const usedBefore = toMinutes(await stat(owner, "Used").innerText());

  const engineer = await pageAs(browser, "sam");
  await engineer.goto(`/clients/${CLIENTS.kiwi}`);
  await engineer.locator("body").press("l");
  const dialog = engineer.getByRole("dialog", { name: "Log time" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Client")).toHaveValue(CLIENTS.kiwi);
  await expect(dialog.getByLabel("Date")).toHaveValue(todayIn("Pacific/Auckland")); // today in the client's zone
  // README's keyboard flow, key for key: L, 1h30, Tab, the description, Enter.
  await expect(dialog.getByLabel("Duration")).toBeFocused();
  await engineer.keyboard.type("1h30");
  await expect(dialog.getByText("= 1h 30m", { exact: true })).toBeVisible(); // the reading, before saving
  await engineer.keyboard.press("Tab");
  await expect(dialog.getByLabel("What did you do?")).toBeFocused(); // the description follows the duration
  await engineer.keyboard.type("Tuned the ETA notification wording");
  await engineer.screenshot({ path: "tests/e2e/__screenshots__/log-time-dialog.png" });
  await engineer.keyboard.press("Enter");
  // Past Kiwi's pre-approved overage (late in a month) the engineer is asked first: wait for either answer.
  const logged = engineer.getByRole("status").filter({ hasText: "Logged 1h 30m for Kiwi Freight Co." });
  const anyway = dialog.getByRole("button", { name: "Log it anyway" });
  await expect(logged.or(anyway)).toBeVisible();
  if (await anyway.isVisible()) await anyway.click();
  await expect(logged).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(engineer.getByText("Tuned the ETA notification wording")).toBeVisible(); // no reload needed

  await owner.reload();
  expect(toMinutes(await stat(owner, "Used").innerText())).toBe(usedBefore + 90);
  await expect(owner.getByRole("img", { name: /Hours used in/ })).toBeVisible();
  await owner.screenshot({ path: "tests/e2e/__screenshots__/owner-dashboard.png", fullPage: true });
});

test("a bad duration is explained and nothing is saved", async ({ browser }) => {
  const page = await pageAs(browser, "sam");
  await page.goto("/engineer");
  await page.getByRole("button", { name: /Log time/ }).click();
  const dialog = page.getByRole("dialog", { name: "Log time" });
  await dialog.getByLabel("Duration").fill("lots");
  await dialog.getByLabel("What did you do?").fill("Should not be saved");
  await dialog.getByRole("button", { name: "Save entry" }).click();
  await expect(dialog.getByText("Enter a duration like 1h30, 1:30, 1.5 (hours) or 45m, up to 24 hours.")).toBeVisible();
  await expect(dialog.getByLabel("Duration")).toBeFocused(); // the refusal puts the engineer on the field to fix
  await expect(dialog.getByLabel("What did you do?")).toHaveValue("Should not be saved");
  // A bare number is hours: above 12 the dialog asks before saving, and the server refuses with the same question.
  const question = "Did you mean 90m? A bare number is hours; write 90m for minutes.";
  await dialog.getByLabel("Duration").fill("90");
  await expect(dialog.getByText(question)).toBeVisible();
  await dialog.getByRole("button", { name: "Save entry" }).click();
  await expect(dialog.getByText(question)).toBeVisible();
  await expect(dialog.getByLabel("Duration")).toHaveAttribute("aria-invalid", "true");
  // Hours given twice are refused, not added up.
  await dialog.getByLabel("Duration").fill("1.5h30");
  await dialog.getByRole("button", { name: "Save entry" }).click();
  await expect(dialog.getByText('"1.5h30" gives hours twice. Write one duration, like 1h30 or 1.5h.')).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await page.goto(`/clients/${CLIENTS.harbor}/hours`);
  await expect(page.getByText("Should not be saved")).toHaveCount(0);
});

test("@calendar going past the pre-approved overage needs a confirmation with the overage it creates", async ({ browser }) => {
  // Last month holds about its included hours on any date (early in a month this one holds a day or two), so
  // a day's entry on its 2nd goes past Sakura's 2h of pre-approved overage.
  const page = await pageAs(browser, "sam");
  await page.goto(`/clients/${CLIENTS.sakura}`);
  await page.locator("body").press("l");
  const dialog = page.getByRole("dialog", { name: "Log time" });
  await dialog.getByLabel("Date").fill(addDays(lastMonthIn("Asia/Tokyo"), 1));
  await dialog.getByLabel("Duration").fill("24:00");
  await dialog.getByLabel("What did you do?").fill("Huge kiln migration");
  await dialog.getByRole("button", { name: "Save entry" }).click();
  const warning = dialog.getByRole("alert");
  await expect(warning).toContainText("This goes past the pre-approved overage.");
  await expect(warning).toContainText("¥"); // priced in the client's currency
  await warning.getByRole("button", { name: "Cancel" }).click();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await page.goto(`/clients/${CLIENTS.sakura}/hours?month=${lastMonthIn("Asia/Tokyo").slice(0, 7)}`);
  await expect(page.getByRole("heading", { name: formatMonth(lastMonthIn("Asia/Tokyo")) })).toBeVisible();
  await expect(page.getByText("Huge kiln migration")).toHaveCount(0);
});

test("an entry is edited and voided while its month is open; voids stay visible", async ({ browser }) => {
  const page = await pageAs(browser, "sam");
  await page.goto(`/clients/${CLIENTS.harbor}`);
  await page.locator("body").press("l");
  const dialog = page.getByRole("dialog", { name: "Log time" });
  await dialog.getByLabel("Duration").fill("45m");
  const description = `Entry to fix ${Date.now()}`;
  await dialog.getByLabel("What did you do?").fill(description);
  await dialog.getByRole("button", { name: "Save entry" }).click();
  await expect(dialog).toBeHidden();

  await page.goto(`/clients/${CLIENTS.harbor}/hours`);
  const row = page.getByRole("row").filter({ hasText: description });
  await row.getByRole("button", { name: /^Edit/ }).click();
  const edit = page.getByRole("dialog", { name: "Edit" });
  // The dialog opens on its first field, not on ✕ (where Enter would close it).
  await expect(edit.getByRole("button", { name: "Close" })).not.toBeFocused();
  expect(await page.evaluate(() => document.activeElement?.tagName)).toMatch(/^(INPUT|SELECT|TEXTAREA)$/);
  await edit.getByLabel("Duration").fill("1:00");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();
  await expect(row).toContainText("1h");

  await row.getByRole("button", { name: /^Void/ }).click();
  const voidDialog = page.getByRole("dialog", { name: "Void" });
  await expect(voidDialog.getByLabel("Reason")).toBeFocused();
  await voidDialog.getByRole("button", { name: "Void entry" }).click();
  await expect(voidDialog.getByText("Say why this entry is voided (a few words).")).toBeVisible();
  await expect(voidDialog.getByLabel("Reason")).toBeFocused();
  await voidDialog.getByLabel("Reason").fill("Logged twice");
  await voidDialog.getByRole("button", { name: "Void entry" }).click();
  await expect(row).toContainText("Voided: Logged twice");
  await expect(row.getByRole("button", { name: /^Edit/ })).toHaveCount(0);

  await page.goto(`/clients/${CLIENTS.harbor}/activity?kind=entry`);
  await expect(page.getByText(`voided 1h on`)).toBeVisible();
  await expect(page.getByText("Time: 45m → 1h").first()).toBeVisible();
});

test("entries of a closed month cannot be edited, only corrected in an open month", async ({ browser }) => {
  // Kiwi: a correction re-prices the month it corrects, and Kiwi's retainer has no rollover, so it moves no
  // later month's total (billing.spec closes Harbor's last month and compares its totals).
  const page = await pageAs(browser, "sam");
  await page.goto(`/clients/${CLIENTS.kiwi}/statements`);
  const closedCard = page.locator("section", { has: page.getByText("Closed", { exact: true }) }).first();
  await closedCard.getByRole("link", { name: "Entries" }).click();
  const first = page.getByRole("row").nth(1);
  await expect(first.getByRole("button", { name: /^Correct/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Edit/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Void/ })).toHaveCount(0);

  await first.getByRole("button", { name: /^Correct/ }).click();
  const correct = page.getByRole("dialog", { name: "Correct" });
  await correct.getByLabel("Correction").fill("-0:15");
  await correct.getByRole("button", { name: "Record correction" }).click();
  await expect(correct).toBeHidden();
  await page.goto(`/clients/${CLIENTS.kiwi}/hours`);
  await expect(page.getByText(/Correction of /).first()).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: /Correction of / }).first()).toContainText("−15m");
});

test("the CSV export matches the ledger's totals", async ({ browser }) => {
  const page = await pageAs(browser, "olivia");
  // Other spec files log time for the same client in parallel: compare a page and an export read together.
  await expect(async () => {
    await page.goto(`/clients/${CLIENTS.harbor}/hours`);
    const billable = toMinutes(await stat(page, "Billable").innerText());
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
    const csv = fs.readFileSync((await download.path())!, "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header, ...lines] = csv.slice(1).trim().split("\r\n");
    expect(header).toBe('"date","description","category","billable","minutes","hours","engineer","roadmap_item","status","void_reason","corrects_entry_dated","entry_id"');
    const rows = lines.map((l) => l.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, "").replace(/^"|"$/g, "")));
    const total = rows.filter((r) => r[3] === "true" && r[8] !== "voided").reduce((s, r) => s + Number(r[4]), 0);
    expect(total).toBe(billable);
    for (const r of rows) expect(r[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(download.suggestedFilename()).toMatch(/^harbor-pine-hours-\d{4}-\d{2}\.csv$/);
  }).toPass({ timeout: 30_000 });
  await page.screenshot({ path: "tests/e2e/__screenshots__/ledger.png", fullPage: true });
});

test("members see hours but not money, activity, what AI saw or settings", async ({ browser }) => {
  const page = await pageAs(browser, "marco");
  await page.goto(`/clients/${CLIENTS.harbor}`);
  await expect(stat(page, "Used")).toBeVisible();
  await expect(page.getByRole("heading", { name: "This month's cost so far" })).toHaveCount(0);
  await expect(page.getByText("$")).toHaveCount(0);
  for (const path of ["activity", "ai", "settings"]) {
    const response = await page.goto(`/clients/${CLIENTS.harbor}/${path}`);
    expect(response?.status()).toBe(404);
  }
});

test("retainer terms explain what is wrong", async ({ browser }) => {
  const page = await pageAs(browser, "sam");
  await page.goto(`/clients/${CLIENTS.kiwi}/settings`);
  const form = page.getByRole("form", { name: "Change retainer terms" });
  await form.getByLabel("Monthly fee (NZD)").fill("lots");
  await form.getByLabel("Rollover cap (hours)").fill("5");
  await form.getByLabel("Rolled-over hours last (months)").fill("0");
  await form.getByRole("button", { name: "Save terms" }).click();
  await expect(form.getByText("Enter the monthly fee as an amount, like 4000 or 4000.50.")).toBeVisible();
  await expect(form.getByText("With a rollover cap, unused hours must stay spendable for at least 1 month.")).toBeVisible();
  await expect(form.getByLabel("Monthly fee (NZD)")).toHaveValue("lots");
});

test("@calendar the ledger filters by category and keeps the filter in the export link", async ({ browser }) => {
  // Early in a month the current month holds a day of entries: filter last month's, by a category it has.
  const page = await pageAs(browser, "olivia");
  const month = lastMonthIn("America/Los_Angeles").slice(0, 7);
  await page.goto(`/clients/${CLIENTS.harbor}/hours?month=${month}`);
  const category = (await page.getByRole("table").getByRole("row").nth(1).getByRole("cell").nth(2).textContent())!.trim();
  const form = page.getByRole("form", { name: "Filter entries" });
  await form.getByLabel("Category").selectOption(category);
  await form.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`month=${month}.*category=${category}|category=${category}.*month=${month}`));
  const rows = page.getByRole("table").getByRole("row");
  const count = await rows.count();
  expect(count).toBeGreaterThan(1);
  for (let i = 1; i < count; i++) await expect(rows.nth(i)).toContainText(new RegExp(category, "i"));
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute("href", new RegExp(`category=${category}`));
  await expect(page.getByRole("link", { name: "Clear" })).toBeVisible();
});
