// Issue 22, "you own everything": an owner downloads everything about their client from its settings, an admin
// the whole practice from the practice settings; a member, who sees hours only, gets no export.
import { strFromU8, unzipSync } from "fflate";
import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";
import { CLIENTS, pageAs } from "./helpers";

test("an owner downloads everything about their client; a member gets no export", async ({ browser }) => {
  const olivia = await pageAs(browser, "olivia");
  await olivia.goto(`/clients/${CLIENTS.harbor}/settings`);
  const card = olivia.locator("section", { has: olivia.getByRole("heading", { name: "Your data" }) });
  await expect(card.getByText("Everything about your account")).toBeVisible();
  const [download] = await Promise.all([olivia.waitForEvent("download"), card.getByRole("link", { name: "Download everything" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^harbor-pine-export-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
  const names = Object.keys(files);
  const root = names[0].split("/")[0];
  for (const f of ["entries.csv", "entries.json", "statements.csv", "invoices.csv", "invoice_lines.csv", "roadmap_items.csv", "updates.csv", "audit.csv", "client.json", "meta.json", "README.txt"]) {
    expect(names, f).toContain(`${root}/${f}`);
  }
  const meta = JSON.parse(strFromU8(files[`${root}/meta.json`]));
  expect(meta.clients).toEqual([expect.objectContaining({ name: "Harbor & Pine Bakery" })]);
  expect(meta.rows[`${root}/entries.csv`]).toBeGreaterThan(10);
  // Nothing of the other clients.
  const all = names.map((n) => strFromU8(files[n])).join("\n");
  expect(all).not.toContain("Kiwi Freight");
  expect(all).not.toContain("Sakura");

  const marco = await pageAs(browser, "marco");
  expect((await marco.request.get(`/clients/${CLIENTS.harbor}/export`)).status()).toBe(404);
  expect((await marco.request.get("/export")).status()).toBe(404);
});

test("an admin exports the whole practice from the practice settings; uploaded back, it offers a restore only into an empty practice", async ({ browser }) => {
  const sam = await pageAs(browser, "sam");
  await sam.goto("/settings");
  const [download] = await Promise.all([sam.waitForEvent("download"), sam.getByRole("link", { name: "Export the whole practice" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^practice-export-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
  expect(Object.keys(files)).toEqual(expect.arrayContaining(["meta.json", "practice.json", "README.txt"]));
  const meta = JSON.parse(strFromU8(files["meta.json"]));
  expect(meta.clients.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(["Harbor & Pine Bakery", "Kiwi Freight Co.", "Sakura Ceramics"]));

  // The same ZIP, uploaded on /import: a restore page with what it holds; this practice has clients, so no button.
  await sam.goto("/import");
  const upload = sam.getByRole("form", { name: "Upload an export" });
  await upload.getByLabel("Retainer Portal export (ZIP)").setInputFiles({ name: "practice.zip", mimeType: "application/zip", buffer: await readFile((await download.path())!) });
  await upload.getByRole("button", { name: "Upload and preview" }).click();
  await expect(sam).toHaveURL(/\/import\/[0-9a-f-]{36}$/);
  await expect(sam.getByRole("heading", { name: "Restore practice.zip" })).toBeVisible();
  const table = sam.getByRole("table", { name: "What each client of the export brings" });
  await expect(table.getByRole("row", { name: /Harbor & Pine Bakery/ })).toBeVisible();
  await expect(sam.getByText(/A restore goes into an empty practice, and this one already has \d+ clients/)).toBeVisible();
  await expect(sam.getByRole("button", { name: /^Restore/ })).toHaveCount(0);
  await sam.getByRole("link", { name: "All uploads" }).click();
  await expect(sam.getByRole("list", { name: "Recent uploads" }).getByRole("listitem").filter({ hasText: "practice.zip" }).first()).toContainText("Not restored");
});
