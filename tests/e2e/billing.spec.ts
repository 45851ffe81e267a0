import { expect, test } from "./fixtures";
import { formatDate, formatMonth, formatSupplyPeriod } from "@/lib/format";
import { addDays, addMonths } from "@/lib/domain/dates";
import { lastMonthIn, thisMonthIn, todayIn } from "./clock";
import { CLIENTS, pageAs } from "./helpers";

test("@calendar the engineer closes a month; the owner sees the invoice with the right total and a working Pay link; the month is locked", async ({ browser }) => {
  const lastMonth = lastMonthIn("America/Los_Angeles");
  const engineer = await pageAs(browser, "sam");
  await engineer.goto("/billing");
  const row = engineer.getByRole("listitem").filter({ hasText: `Harbor & Pine Bakery · ${formatMonth(lastMonth)}` });
  const total = (await row.locator("dt", { hasText: "Total" }).locator("xpath=following-sibling::dd[1]").innerText()).trim();
  await engineer.screenshot({ path: "tests/e2e/__screenshots__/close-preview.png", fullPage: true });

  // Until the close, the owner is told when the ended month will be invoiced (a day in their zone) and for how much.
  const owner = await pageAs(browser, "olivia");
  const day = formatDate(todayIn("America/Los_Angeles"), { weekday: "long", month: "long", day: "numeric" });
  const expected = `${formatMonth(lastMonth)} will be invoiced on ${day}: expected ${total}.`;
  for (const path of ["", "/invoices"]) {
    await owner.goto(`/clients/${CLIENTS.harbor}${path}`);
    await expect(owner.getByRole("region", { name: "Months waiting for their invoice" })).toContainText(expected);
  }
  await owner.getByRole("link", { name: "How it adds up" }).click();
  await expect(owner.locator(`#month-${lastMonth.slice(0, 7)}`)).toContainText("Awaiting invoice");
  await expect(owner.locator(`#month-${lastMonth.slice(0, 7)}`)).toContainText(`Expected total${total}`);

  // Closing asks first, saying what will happen, then says what was issued (issue 28, item 11).
  await row.getByText(`Close ${formatMonth(lastMonth)}…`).click();
  const confirm = row.getByRole("form", { name: `Close Harbor & Pine Bakery ${formatMonth(lastMonth)}` });
  await expect(confirm).toContainText(`issues an invoice for ${total}, sent to the client through Stripe.`);
  await confirm.getByRole("button", { name: "Close and issue the invoice" }).click();
  await expect(engineer.getByRole("status").filter({ hasText: "Invoice issued" })).toContainText(`Harbor & Pine Bakery, ${formatMonth(lastMonth)}: ${total}`);
  await expect(engineer.getByRole("listitem").filter({ hasText: `Harbor & Pine Bakery · ${formatMonth(lastMonth)}` })).toHaveCount(0);
  await owner.goto(`/clients/${CLIENTS.harbor}`);
  await expect(owner.getByRole("region", { name: "Months waiting for their invoice" })).toHaveCount(0);

  await owner.goto(`/clients/${CLIENTS.harbor}/invoices`);
  const invoice = owner.getByRole("article").filter({ hasText: formatMonth(lastMonth) });
  await expect(invoice).toContainText(total);
  await expect(invoice).toContainText("Open");
  await expect(invoice).toContainText(/DBL\d{4}-\d{4}/); // numbered by Stripe
  const pay = invoice.getByRole("link", { name: /^Pay / });
  await expect(pay).toHaveText(`Pay ${total}`);
  const href = await pay.getAttribute("href");
  expect(href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/i\/in_/);
  const target = await owner.request.get(href!);
  expect(target.status()).toBe(200);
  expect(await target.text()).toContain("Invoice DBL");
  await owner.screenshot({ path: "tests/e2e/__screenshots__/owner-invoices.png", fullPage: true });

  await invoice.getByRole("link", { name: "Explain this invoice" }).click();
  await expect(owner.getByRole("heading", { name: "How the total comes about" })).toBeVisible();
  // "Total: fee + overage = total", or with one line only "Total: total, the monthly retainer" (never "$x = $x").
  const totalLine = owner.getByRole("listitem").filter({ hasText: /^Total:/ });
  await expect(totalLine).toContainText(total);
  await expect(totalLine).not.toContainText(`${total} = ${total}`);

  // Members do not see invoices.
  const member = await pageAs(browser, "marco");
  expect((await member.goto(`/clients/${CLIENTS.harbor}/invoices`))?.status()).toBe(404);

  // The closed month's hours are locked.
  await engineer.goto(`/clients/${CLIENTS.harbor}/hours?month=${lastMonth.slice(0, 7)}`);
  await expect(engineer.getByRole("button", { name: /^Correct/ }).first()).toBeVisible();
  await expect(engineer.getByRole("button", { name: /^Edit/ })).toHaveCount(0);
});

test("the seeded local invoice prints like a real invoice", async ({ browser }) => {
  const owner = await pageAs(browser, "olivia");
  await owner.goto(`/clients/${CLIENTS.harbor}/invoices`);
  const paid = owner.getByRole("article").filter({ hasText: "INV-" }).first();
  await paid.getByRole("link", { name: "Printable invoice" }).click();
  await expect(owner.getByRole("heading", { name: "Invoice", exact: true })).toBeVisible();
  await expect(owner.getByText("Rivera Fractional Engineering").first()).toBeVisible();
  await expect(owner.getByText("Bill to")).toBeVisible();
  // The parties as the invoice states them (issue 27): the buyer's legal name and address, the seller's legal name and tax number.
  await expect(owner.getByText("Harbor & Pine Bakery LLC", { exact: true })).toBeVisible();
  await expect(owner.getByText("1120 Alder Street", { exact: true })).toBeVisible();
  await expect(owner.getByText("Rivera Fractional Engineering LLC", { exact: true })).toBeVisible();
  await expect(owner.getByText("US EIN 94-3175520", { exact: true })).toBeVisible();
  await expect(owner.getByText(/Total due \(USD\)/)).toBeVisible();
  // On paper (issue 27): the supply period, the hours with rollover in and out, how to reach the practice.
  await expect(owner.getByText(formatSupplyPeriod(addMonths(thisMonthIn("America/Los_Angeles"), -2)), { exact: true })).toBeVisible();
  const hours = owner.getByRole("region", { name: "Hours this period" });
  for (const row of ["Included", "Rolled over in", "Used", "Overage", "Rolled over out", "Expired"]) await expect(hours).toContainText(row);
  await expect(owner.locator("main footer")).toContainText("Questions about this invoice? Write to Rivera Fractional Engineering at billing@practice.test");
  await expect(owner.locator("main")).not.toContainText("Reply to this email");
  await expect(owner.getByRole("region", { name: "How to pay" })).toHaveCount(0); // paid
  const back = owner.getByRole("link", { name: /Back to Harbor & Pine Bakery.s invoices/ });
  await expect(back).toHaveAttribute("href", `/clients/${CLIENTS.harbor}/invoices`);
  await owner.emulateMedia({ media: "print" });
  await expect(owner.getByRole("button", { name: "Print or save as PDF" })).toBeHidden();
  await expect(back).toBeHidden();
  await owner.screenshot({ path: "tests/e2e/__screenshots__/printable-invoice.png", fullPage: true });
  // Another client's owner cannot open it.
  const other = await pageAs(browser, "aroha");
  expect((await other.goto(owner.url()))?.status()).toBe(404);
});

test("a local invoice past its due date reads Overdue to its owner and to staff", async ({ browser }) => {
  // The seed leaves Kiwi Freight's first invoice (two months ago, due the 15th of last month) unpaid: by the
  // fixed clock it is past due in Auckland, whatever E2E_CLOCK says.
  const zone = "Pacific/Auckland";
  const month = addMonths(thisMonthIn(zone), -2);
  const due = addDays(addMonths(month, 1), 14);
  expect(todayIn(zone) > due).toBe(true);

  const owner = await pageAs(browser, "aroha");
  await owner.goto(`/clients/${CLIENTS.kiwi}/invoices`);
  const invoice = owner.getByRole("article").filter({ hasText: formatMonth(month) });
  await expect(invoice.getByText("Overdue", { exact: true })).toBeVisible();
  await expect(invoice).toContainText(`Due ${formatDate(due)}`);
  await expect(invoice.getByText("Paid", { exact: true })).toHaveCount(0);
  await invoice.getByRole("link", { name: "Explain this invoice" }).click();
  await expect(owner.getByText("Overdue", { exact: true })).toBeVisible();

  const staff = await pageAs(browser, "sam");
  await staff.goto("/billing");
  const row = staff.getByRole("row").filter({ hasText: "Kiwi Freight Co." }).filter({ hasText: formatMonth(month) });
  await expect(row.getByText("Overdue", { exact: true })).toBeVisible();
  // Harbor & Pine paid theirs: never overdue.
  await expect(staff.getByRole("row").filter({ hasText: "Harbor & Pine Bakery" }).filter({ hasText: formatMonth(month) }).getByText("Paid", { exact: true })).toBeVisible();
});

test("without Stripe's page, a local invoice says how to pay: the practice's instructions for its currency, on screen and on paper", async ({ browser }) => {
  // The seed leaves Kiwi Freight's first invoice open (local, NZD); the practice has NZD instructions.
  const owner = await pageAs(browser, "aroha");
  await owner.goto(`/clients/${CLIENTS.kiwi}/invoices`);
  const open = owner.getByRole("article").filter({ hasText: "INV-" }).first();
  await expect(open).not.toContainText("Paid");
  await expect(open.getByRole("link", { name: /^Pay / })).toHaveCount(0);
  await expect(open.getByText("ANZ account 01-0123-0456789-00")).toBeHidden();
  await open.getByText("How to pay").click();
  await expect(open.getByText("ANZ account 01-0123-0456789-00")).toBeVisible();
  await expect(open).toContainText("Reference: the invoice number.");
  await owner.screenshot({ path: "tests/e2e/__screenshots__/owner-how-to-pay.png", fullPage: true });

  await open.getByRole("link", { name: "Printable invoice" }).click();
  await expect(owner.getByRole("heading", { name: "Invoice", exact: true })).toBeVisible();
  await expect(owner.getByRole("region", { name: "How to pay" })).toContainText("ANZ account 01-0123-0456789-00");
  await expect(owner.getByText(formatSupplyPeriod(addMonths(thisMonthIn("Pacific/Auckland"), -2)), { exact: true })).toBeVisible();
  await expect(owner.getByText("finance@kiwifreight.test")).toBeVisible(); // bill-to: the client's billing email
  const printUrl = owner.url();
  await owner.getByRole("link", { name: /Back to Kiwi Freight Co\..s invoices/ }).click();
  await expect(owner).toHaveURL(new RegExp(`/clients/${CLIENTS.kiwi}/invoices$`));

  // A member of the client sees neither the invoices nor the printed invoice.
  const member = await pageAs(browser, "marco");
  expect((await member.goto(`/clients/${CLIENTS.kiwi}/invoices`))?.status()).toBe(404);
  expect((await member.goto(printUrl))?.status()).toBe(404);

  // The admin keeps the instructions in the practice settings, one field per currency the practice bills in.
  const admin = await pageAs(browser, "sam");
  await admin.goto("/settings");
  await expect(admin.getByLabel("Payment instructions for NZD invoices")).toHaveValue(/ANZ account 01-0123-0456789-00/);
  await expect(admin.getByLabel("Payment instructions for JPY invoices")).toHaveValue("");
  await expect(admin.getByLabel("General payment instructions")).toHaveValue(/IBAN/);
});

// With the secret the route closes every due month of the shared demo data, which other specs need open: its
// runs are tested in tests/integration/cron.test.ts (HTTP, the Stripe double) and in the production rehearsal.
test("the cron route refuses without the secret", async ({ request }) => {
  expect((await request.post("/api/cron/close-months")).status()).toBe(401);
  expect((await request.post("/api/cron/close-months", { headers: { authorization: "Bearer wrong" } })).status()).toBe(401);
  expect((await request.post("/api/cron/close-months", { headers: { authorization: "Bearer e2e-cron-secret-but-longer" } })).status()).toBe(401);
});

test("@calendar Past months states facts as facts and the month in progress's rollover as a projection", async ({ browser }) => {
  const owner = await pageAs(browser, "olivia");
  await owner.goto(`/clients/${CLIENTS.harbor}/statements`);
  const zone = "America/Los_Angeles";
  const current = owner.locator(`#month-${thisMonthIn(zone).slice(0, 7)}`);
  await expect(current).toContainText("In progress");
  await expect(current).toContainText(/If unused by month end: /);
  await expect(current).toContainText("Total so far");
  for (const fact of ["Rolled over out", "Expired", "Not carried", "Overage billed"]) await expect(current).not.toContainText(fact);
  // The seed's first month is closed and paid: what happened, and its invoice.
  const closed = owner.locator(`#month-${addMonths(thisMonthIn(zone), -2).slice(0, 7)}`);
  await expect(closed).toContainText("Closed");
  await expect(closed).toContainText("Rolled over out");
  await expect(closed).toContainText("Total invoiced");
  await expect(closed.getByRole("link", { name: "View the invoice" })).toBeVisible();
  // A member sees the same months without money.
  const member = await pageAs(browser, "marco");
  await member.goto(`/clients/${CLIENTS.harbor}/statements`);
  await expect(member.locator(`#month-${thisMonthIn(zone).slice(0, 7)}`)).toContainText(/If unused by month end: /);
  await expect(member.getByText("Total so far")).toHaveCount(0);
});

test("an owner opens Stripe's billing portal from the invoices page and comes back; members and staff get no button", async ({ browser }) => {
  const owner = await pageAs(browser, "olivia");
  await owner.goto(`/clients/${CLIENTS.harbor}/invoices`);
  await owner.getByRole("button", { name: "Manage billing" }).click();
  await expect(owner.getByRole("heading", { name: "Manage your billing" })).toBeVisible();
  await owner.getByRole("link", { name: "Return" }).click();
  await expect(owner).toHaveURL(new RegExp(`/clients/${CLIENTS.harbor}/invoices$`));
  const staff = await pageAs(browser, "sam");
  await staff.goto(`/clients/${CLIENTS.harbor}/invoices`);
  await expect(staff.getByRole("article").first()).toBeVisible();
  await expect(staff.getByRole("button", { name: "Manage billing" })).toHaveCount(0);
});
