// Client A's owner cannot open anything of client B: every page answers "not found", never "forbidden".
import { expect, test } from "./fixtures";
import { CLIENTS, pageAs } from "./helpers";

const clientPages = (id: string) => [`/clients/${id}`, `/clients/${id}/settings`, `/clients/${id}/does-not-exist`];

test("an owner of one client gets 'not found' for every page of another", async ({ browser }) => {
  const page = await pageAs(browser, "olivia");
  for (const other of [CLIENTS.kiwi, CLIENTS.sakura]) {
    for (const path of clientPages(other)) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
      await expect(page.getByText("Kiwi Freight")).toHaveCount(0);
      await expect(page.getByText("Sakura")).toHaveCount(0);
    }
  }
});

test("owners and members get 'not found' for staff pages and malformed ids", async ({ browser }) => {
  const page = await pageAs(browser, "aroha");
  for (const path of ["/engineer", "/settings", "/clients/new", "/clients/not-a-uuid", "/clients/00000000-0000-4000-8000-000000000000"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
});

test("a member (not owner) cannot open the client's settings", async ({ browser }) => {
  const page = await pageAs(browser, "marco");
  const response = await page.goto(`/clients/${CLIENTS.kiwi}/settings`);
  expect(response?.status()).toBe(404);
});
