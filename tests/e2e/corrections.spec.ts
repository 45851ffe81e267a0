import { expect, test } from "./fixtures";
import { formatMonth } from "@/lib/format";
import { addMonths } from "@/lib/domain/dates";
import { lastMonthIn, thisMonthIn } from "./clock";
import { CLIENTS, pageAs } from "./helpers";

// Corrections are money (issue 27). Sakura's seeded first month is closed and billed at about 70% of its 25
// included hours; 20 more hours found later take it past them. The correction is recorded today, counts in the
// month it corrects (not against this month), and the next invoice (last month's close, previewed on Billing)
// carries the difference as that month's adjustment. Nothing here closes a month, and no other spec closes
// Sakura's (hours.spec corrects Kiwi's closed month, which has no rollover to move a later month by).
test("a correction of a closed month re-prices it, and the next invoice carries the difference", async ({ browser }) => {
  const zone = "Asia/Tokyo";
  const closed = addMonths(thisMonthIn(zone), -2);
  const sam = await pageAs(browser, "sam");
  await sam.goto(`/clients/${CLIENTS.sakura}/hours?month=${closed.slice(0, 7)}`);
  await sam.getByRole("button", { name: /^Correct/ }).first().click();
  const dialog = sam.getByRole("dialog", { name: "Correct" });
  await expect(dialog).toContainText("the difference is credited or billed on the next invoice");
  await dialog.getByLabel("Correction").fill("+20h");
  await dialog.getByLabel("Why").fill("Kiln controller work logged late");
  await dialog.getByRole("button", { name: "Record correction" }).click();
  await expect(dialog).toBeHidden();

  // This month's ledger lists it, apart from the hours that count against this month.
  await sam.goto(`/clients/${CLIENTS.sakura}/hours`);
  await expect(sam.getByRole("row").filter({ hasText: "Kiln controller work logged late" }).first()).toContainText(/Correction of/);
  await expect(sam.getByText(/corrections of closed months \(\d+h( \d+m)?\) re-price those months/)).toBeVisible();

  // The corrected month says what it now bills, and what was invoiced.
  await sam.goto(`/clients/${CLIENTS.sakura}/statements`);
  const month = sam.locator(`#month-${closed.slice(0, 7)}`);
  await expect(month).toContainText("made after it closed");
  await expect(month).toContainText("Total, as corrected");
  await expect(month).toContainText(/Invoiced ¥[\d,]+; a correction made after the month closed changes it by ¥[\d,]+, billed on the next invoice\./);

  // Billing previews last month's invoice with the adjustment, and the total includes it.
  await sam.goto("/billing");
  const row = sam.getByRole("listitem").filter({ hasText: `Sakura Ceramics · ${formatMonth(lastMonthIn(zone))}` });
  await expect(row).toContainText(`Correction of ${formatMonth(closed)}`);
  await expect(row).toContainText(/¥[\d,]+ added \(\+\d+h( \d+m)? of billed overage\)/);
  for (const width of [1280, 390]) {
    await sam.setViewportSize({ width, height: 900 });
    await row.scrollIntoViewIfNeeded();
    await sam.screenshot({ path: `tests/e2e/__screenshots__/correction-preview-${width}.png`, fullPage: false });
  }
});
