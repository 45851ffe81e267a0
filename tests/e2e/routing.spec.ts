import { expect, test } from "./fixtures";
import { CLIENTS, pageAs } from "./helpers";

test("staff land on the engineer home with every client they work for", async ({ browser }) => {
  const page = await pageAs(browser, "sam");
  await page.goto("/");
  await expect(page).toHaveURL(/\/engineer$/);
  for (const name of ["Harbor & Pine Bakery", "Kiwi Freight Co.", "Sakura Ceramics"]) {
    await expect(page.getByRole("heading", { name })).toBeVisible();
  }
  await page.screenshot({ path: "tests/e2e/__screenshots__/engineer-home.png", fullPage: true });
});

test("an engineer sees only the clients assigned to them", async ({ browser }) => {
  const page = await pageAs(browser, "priya");
  await page.goto("/engineer");
  await expect(page.getByRole("heading", { name: "Kiwi Freight Co." })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Harbor & Pine Bakery" })).toHaveCount(0);
  await page.goto(`/clients/${CLIENTS.harbor}`);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("an owner lands on their client's dashboard", async ({ browser }) => {
  const page = await pageAs(browser, "olivia");
  await page.goto("/");
  await expect(page).toHaveURL(new RegExp(`/clients/${CLIENTS.harbor}$`));
  await expect(page.getByRole("heading", { name: "Harbor & Pine Bakery" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Latest entries" })).toBeVisible();
  await page.screenshot({ path: "tests/e2e/__screenshots__/client-dashboard.png", fullPage: true });
});

test("a member of two clients can switch between them", async ({ browser }) => {
  const page = await pageAs(browser, "marco");
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Kiwi Freight Co." }).click();
  await expect(page).toHaveURL(new RegExp(`/clients/${CLIENTS.kiwi}$`));
  await expect(page.getByRole("heading", { name: "Kiwi Freight Co.", level: 1 })).toBeVisible();
  await nav.getByRole("link", { name: "Harbor & Pine Bakery" }).click();
  await expect(page).toHaveURL(new RegExp(`/clients/${CLIENTS.harbor}$`));
  // Members do not manage the client.
  await expect(page.getByRole("link", { name: "Settings" })).toHaveCount(0);
});

test("the shell works on a phone", async ({ browser }) => {
  const context = await browser.newContext({ storageState: "tests/e2e/.auth/olivia.json", viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`/clients/${CLIENTS.harbor}`);
  await expect(page.getByRole("heading", { name: "Harbor & Pine Bakery" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "tests/e2e/__screenshots__/client-dashboard-phone.png", fullPage: true });
});

test("the week grid is staff's: owners and members find no such page", async ({ browser }) => {
  for (const who of ["olivia", "marco", "aroha"] as const) {
    const page = await pageAs(browser, who);
    for (const path of ["/week", "/week?start=2026-11-09"]) {
      expect((await page.goto(path))?.status(), `${who} ${path}`).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    }
    await page.context().close();
  }
});

test("the benchmark's routes do not exist unless the server was started for the benchmark", async ({ browser }) => {
  const page = await pageAs(browser, "olivia");
  for (const path of [`/bench/clients/${CLIENTS.harbor}`, `/bench/clients/${CLIENTS.harbor}/hours`, "/bench/bare", "/bench/static.html"]) {
    expect((await page.goto(path))?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
});

test("a forged client hint changes nothing: access is still checked for the page's own client", async ({ browser }) => {
  const page = await pageAs(browser, "aroha"); // owner of Kiwi only
  await page.setExtraHTTPHeaders({ "x-rp-client": CLIENTS.kiwi });
  expect((await page.goto(`/clients/${CLIENTS.harbor}`))?.status()).toBe(404);
  expect((await page.goto(`/clients/${CLIENTS.kiwi}`))?.status()).toBe(200);
});
