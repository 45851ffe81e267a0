// Issue 22: a person creates an API token on /account, sees it once, uses it, and revokes it.
import { expect, test } from "./fixtures";
import { CLIENTS, pageAs } from "./helpers";
import { axeOn } from "./axe";

test("an owner creates a token limited to their client, reads their hours with it, and revokes it", async ({ browser, playwright }) => {
  const olivia = await pageAs(browser, "olivia");
  await olivia.goto("/account");
  const form = olivia.getByRole("form", { name: "New API token" });
  // Owners don't log time: the choice is not offered.
  await expect(form.getByText("Log and correct time")).toHaveCount(0);
  // Nothing ticked: refused with a reason, nothing created.
  await form.getByLabel("Name").fill("Accounting export");
  await form.getByLabel(/Read hours/).uncheck();
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(form.getByText("Choose at least one thing the token may do.")).toBeVisible();

  await form.getByLabel(/Read hours/).check();
  await form.getByLabel("Clients it reaches").selectOption({ label: "Only Harbor & Pine Bakery" });
  await form.getByRole("button", { name: "Create token" }).click();
  const shown = form.getByLabel("New API token");
  await expect(shown).toHaveText(/^rp_[A-Za-z0-9_-]{43}$/);
  const token = (await shown.textContent())!;
  const list = olivia.getByRole("list", { name: "Your API tokens" });
  await expect(list.getByText("Accounting export")).toBeVisible();
  await expect(list.getByText("hours:read · only Harbor & Pine Bakery")).toBeVisible();

  for (const width of [1280, 390]) {
    await olivia.setViewportSize({ width, height: 900 });
    const { violations } = await axeOn(olivia).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).setLegacyMode().analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), `axe at ${width} px`).toEqual([]);
  }

  const api = await playwright.request.newContext({ baseURL: new URL(olivia.url()).origin, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const clients = await (await api.get("/api/v1/clients")).json();
  expect(clients.data.map((c: { name: string }) => c.name)).toEqual(["Harbor & Pine Bakery"]);
  const entries = await api.get(`/api/v1/clients/${CLIENTS.harbor}/time-entries?limit=5`);
  expect(entries.status()).toBe(200);
  expect((await entries.json()).data).toHaveLength(5);
  expect((await api.get(`/api/v1/clients/${CLIENTS.kiwi}/time-entries`)).status()).toBe(404);

  // The reload shows when it was last used and never the token again.
  await olivia.reload();
  await expect(list.getByText(/last used/)).toBeVisible();
  await expect(olivia.getByText(token)).toHaveCount(0);
  await list.getByRole("button", { name: "Revoke Accounting export" }).click();
  await expect(list.getByText("Revoked", { exact: true })).toBeVisible();
  expect((await api.get("/api/v1/clients")).status()).toBe(401);
  await api.dispose();
});
