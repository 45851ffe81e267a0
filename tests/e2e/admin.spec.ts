import { expect, test } from "./fixtures";
import { pageAs } from "./helpers";

test("an admin creates a client; a bad form keeps its values and says what to fix", async ({ browser }) => {
  const page = await pageAs(browser, "sam");
  await page.goto("/engineer");
  await page.getByRole("link", { name: "New client" }).click();
  const form = page.getByRole("form", { name: "New client" });
  await form.getByLabel("Time zone").selectOption("Europe/Dublin");
  await form.getByLabel("Currency").selectOption("EUR");
  await form.getByLabel("Billing email").fill("accounts@");
  await form.getByRole("button", { name: "Create client" }).click();
  await expect(form.getByText("Enter the client's name.")).toBeVisible();
  await expect(form.getByText("Enter a valid email address, like name@company.com.")).toBeVisible();
  await expect(form.getByLabel("Time zone")).toHaveValue("Europe/Dublin");
  await expect(form.getByLabel("Currency")).toHaveValue("EUR");

  const name = `Lighthouse Dental ${Date.now()}`;
  await form.getByLabel("Business name").fill(name);
  await form.getByLabel("Billing email").fill("accounts@lighthouse.test");
  await form.getByRole("button", { name: "Create client" }).click();
  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}\/settings$/);
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.getByText("Europe/Dublin · EUR")).toBeVisible();
  await page.screenshot({ path: "tests/e2e/__screenshots__/client-settings.png", fullPage: true });

  await page.getByText("Archive client…").click();
  await page.getByRole("button", { name: `Archive ${name}` }).click();
  await expect(page.getByText("Europe/Dublin · EUR · Archived")).toBeVisible();
  await page.goto("/engineer");
  await expect(page.getByRole("region", { name: "Archived" }).getByRole("link", { name })).toBeVisible();
});

test("practice settings validate payment terms", async ({ browser }) => {
  const page = await pageAs(browser, "sam");
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Practice settings" });
  await form.getByLabel("Payment terms (days)").fill("365");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByText("Payment terms can be at most 120 days.")).toBeVisible();
  await form.getByLabel("Payment terms (days)").fill("30");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByRole("status")).toHaveText("Practice settings saved.");
  await page.reload();
  await expect(page.getByLabel("Payment terms (days)")).toHaveValue("30");
});
