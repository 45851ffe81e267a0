// Extra hours approved in advance (issue 23): Kiwi Freight's engineer asks for 20 extra hours in last month at a
// quoted price; the owner gets the email and approves in the portal with a PO number; a day's entry that would
// have gone past the old ceiling now asks nothing; the Billing preview of last month's invoice bills the approved
// block at its price. (Kiwi's last month: no other spec reads its amounts or closes it.)
import { formatMonth } from "@/lib/format";
import { addDays } from "@/lib/domain/dates";
import { expect, test } from "./fixtures";
import { lastMonthIn } from "./clock";
import { CLIENTS, pageAs } from "./helpers";
import { axeOn } from "./axe";

test("the engineer asks for extra hours, the owner approves them, logging into them asks nothing, and the invoice bills them as quoted", async ({ browser }) => {
  const month = lastMonthIn("Pacific/Auckland");
  const reason = `Customs API cut-over ${Date.now()}`;
  const priya = await pageAs(browser, "priya");

  // Before: a 24-hour day on the 2nd goes past the month's pre-approved overage.
  await priya.goto(`/clients/${CLIENTS.kiwi}`);
  await priya.locator("body").press("l");
  let dialog = priya.getByRole("dialog", { name: "Log time" });
  await dialog.getByLabel("Date").fill(addDays(month, 1));
  await dialog.getByLabel("Duration").fill("24:00");
  await dialog.getByLabel("What did you do?").fill(reason);
  await dialog.getByRole("button", { name: "Save entry" }).click();
  await expect(dialog.getByRole("alert")).toContainText("This goes past the pre-approved overage.");
  await dialog.getByRole("alert").getByRole("button", { name: "Cancel" }).click();
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // The engineer asks.
  await priya.goto(`/clients/${CLIENTS.kiwi}/extra-hours`);
  const ask = priya.getByRole("form", { name: "Ask for extra hours" });
  await ask.getByLabel("Month").selectOption(month.slice(0, 7));
  await ask.getByLabel("Extra hours").fill("20");
  await ask.getByLabel("What the hours are for").fill(reason);
  await ask.getByLabel("Price", { exact: true }).selectOption("quoted");
  await ask.getByLabel(/Quoted price/).fill("4000");
  await ask.getByRole("button", { name: "Ask the owners" }).click();
  await expect(ask.getByRole("status")).toHaveText("Asked. The owners have an email to approve or decline.");
  await expect(priya.getByRole("listitem").filter({ hasText: reason })).toContainText("Waiting for an owner");

  // The owner's email, and the decision in the portal.
  const aroha = await pageAs(browser, "aroha");
  await aroha.goto(`/dev/mailbox?to=${encodeURIComponent("aroha@kiwifreight.test")}`);
  const mail = aroha.getByRole("article").filter({ hasText: reason }).first();
  await expect(mail.getByRole("heading").first()).toHaveText(`Kiwi Freight Co.: approve 20h of extra hours in ${formatMonth(month)}?`);
  const text = await mail.getByLabel("Plain-text version").textContent();
  const approveLink = /Approve 20h (http\S+)/.exec(text ?? "")?.[1];
  expect(approveLink, "the email carries a signed approve link").toBeTruthy();
  // The dashboard says it waits for them, and leads to it.
  await aroha.goto(`/clients/${CLIENTS.kiwi}`);
  const waiting = aroha.getByRole("region", { name: "Extra hours waiting for a decision" });
  await expect(waiting).toContainText(`20h extra in ${formatMonth(month)}`);
  await waiting.getByRole("link", { name: `20h extra in ${formatMonth(month)}` }).first().click();
  await expect(aroha).toHaveURL(new RegExp(`/clients/${CLIENTS.kiwi}/extra-hours#r-`));
  const request = aroha.getByRole("listitem").filter({ hasText: reason });
  await expect(request).toContainText("NZ$4,000.00 quoted for the block");
  for (const width of [1280, 390]) {
    await aroha.setViewportSize({ width, height: 900 });
    await aroha.screenshot({ path: `tests/e2e/__screenshots__/extra-hours-owner-${width}.png`, fullPage: true });
    const { violations } = await axeOn(aroha).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).setLegacyMode().analyze();
    expect(violations.map((v) => v.id)).toEqual([]);
  }
  // The email's "Approve" link is the owner's own: the engineer following it is told so; the owner decides there.
  await priya.goto(approveLink!);
  await expect(priya.getByText("This link is not yours to use")).toBeVisible();
  await aroha.goto(approveLink!);
  await expect(aroha.getByRole("heading", { name: `Approve 20h of extra hours in ${formatMonth(month)}?` })).toBeVisible();
  const linked = aroha.getByRole("listitem").filter({ hasText: reason });
  await linked.getByLabel("PO number (optional)").fill("PO-2291");
  await linked.getByRole("button", { name: "Approve 20h" }).click();
  await expect(linked).toContainText("Approved");
  await expect(linked).toContainText("PO PO-2291");
  // Once: the link now says how it was decided, with nothing left to decide.
  await aroha.goto(approveLink!);
  await expect(aroha.getByRole("heading", { name: `20h of extra hours in ${formatMonth(month)}: already approved` })).toBeVisible();
  await expect(aroha.getByRole("button", { name: "Approve 20h" })).toHaveCount(0);
  await aroha.goto(`/clients/${CLIENTS.kiwi}`);
  await expect(aroha.getByRole("region", { name: "Extra hours waiting for a decision" })).toHaveCount(0);

  // After: the same day's entry asks nothing.
  await priya.goto(`/clients/${CLIENTS.kiwi}`);
  await priya.locator("body").press("l");
  dialog = priya.getByRole("dialog", { name: "Log time" });
  await dialog.getByLabel("Date").fill(addDays(month, 1));
  await dialog.getByLabel("Duration").fill("24:00");
  await dialog.getByLabel("What did you do?").fill(reason);
  await dialog.getByRole("button", { name: "Save entry" }).click();
  await expect(dialog).toBeHidden();

  // The invoice of last month bills the approved block at its price.
  const sam = await pageAs(browser, "sam");
  await sam.goto("/billing");
  const row = sam.getByRole("listitem").filter({ hasText: `Kiwi Freight Co. · ${formatMonth(month)}` });
  await expect(row).toContainText(`Extra hours of ${formatMonth(month)} approved in advance`);
  await expect(row).toContainText("(20h approved in advance)");
  await expect(row).toContainText("NZ$3,500.00"); // 17h 30m of the 20h block: 17.5 / 20 of NZ$4,000.00
  await row.scrollIntoViewIfNeeded();
  await sam.screenshot({ path: "tests/e2e/__screenshots__/extra-hours-billing.png", fullPage: false });
});
