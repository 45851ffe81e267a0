// The server's calendar clock reaches every page: "this month", "today", "this week" and what is due to
// close are those of the fixed instant in each client's own zone. `npm test` runs this at month ends, a
// leap day and DST changes (tests/e2e/clock.ts).
import { addDays, addMonths, weekStart } from "@/lib/domain/dates";
import { formatDate, formatMonth } from "@/lib/format";
import { lastMonthIn, thisMonthIn, todayIn } from "./clock";
import { expect, test } from "./fixtures";
import { CLIENTS, pageAs } from "./helpers";

const ZONES = { harbor: "America/Los_Angeles", kiwi: "Pacific/Auckland", sakura: "Asia/Tokyo" } as const;

test("@calendar each client's month, today and week follow the clock in the client's zone", async ({ browser }) => {
  const engineer = await pageAs(browser, "sam");
  await engineer.goto("/engineer");
  for (const zone of Object.values(ZONES)) await expect(engineer.getByText(`${zone} · ${formatMonth(thisMonthIn(zone))}`)).toBeVisible();

  // Kiwi and Sakura: nobody closes them in the e2e run, so last month is due on the billing page.
  await engineer.goto("/billing");
  for (const [name, zone] of [["Kiwi Freight Co.", ZONES.kiwi], ["Sakura Ceramics", ZONES.sakura]] as const) {
    await expect(engineer.getByText(`${name} · ${formatMonth(lastMonthIn(zone))}`)).toBeVisible();
  }

  for (const [key, zone] of Object.entries(ZONES) as [keyof typeof ZONES, string][]) {
    await engineer.goto(`/clients/${CLIENTS[key]}`);
    await expect(engineer.getByRole("heading", { name: `${formatMonth(thisMonthIn(zone))} so far` })).toBeVisible();
    await expect(engineer.getByText(`Next month starts ${formatDate(addMonths(thisMonthIn(zone), 1))}`)).toBeVisible();
    await engineer.locator("body").press("l");
    const dialog = engineer.getByRole("dialog", { name: "Log time" });
    await expect(dialog.getByLabel("Date")).toHaveValue(todayIn(zone));
    await dialog.getByRole("button", { name: "Cancel" }).click();

    await engineer.goto(`/clients/${CLIENTS[key]}/statements`);
    await expect(engineer.getByRole("heading", { name: new RegExp(`^${formatMonth(thisMonthIn(zone))}\\s*In progress`) })).toBeVisible();

    await engineer.goto(`/clients/${CLIENTS[key]}/updates`);
    const week = engineer.getByRole("form", { name: "Draft an update" }).getByLabel("Week");
    await expect(week.locator("option").first()).toHaveAttribute("value", weekStart(todayIn(zone)));
    await expect(week).toHaveValue(addDays(weekStart(todayIn(zone)), -7)); // last week, the usual one to write up
  }
});
