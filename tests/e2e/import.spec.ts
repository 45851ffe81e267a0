// Issue 22: an admin brings history in from another product: uploads an export, sees it mapped by name and
// previewed per client and month with the rows it refuses, imports, and importing again adds nothing.
import { expect, test } from "./fixtures";
import { createClientAs, HARVEST_HEADER, pageAs } from "./helpers";
import { axeOn } from "./axe";

test("an admin uploads a Harvest export, previews it, skips the row it refuses and imports the rest once", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await pageAs(browser, "sam");
  // A client of its own, so the demo's numbers stay as seeded for the other specs.
  const name = `Imported Ivy ${Date.now()}`;
  const clientPath = await createClientAs(page, name);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Import" }).click();
  await expect(page.getByRole("heading", { name: "Import time", level: 1 })).toBeVisible();
  const upload = page.getByRole("form", { name: "Upload an export" });

  // A file that is not a time export is refused at the door, by name.
  await upload.getByLabel("Time export (CSV)").setInputFiles({ name: "notes.csv", mimeType: "text/csv", buffer: Buffer.from("name,amount\nx,1\n") });
  await upload.getByRole("button", { name: "Upload and preview" }).click();
  await expect(upload.getByText(/not a format the importer reads/).first()).toBeVisible();

  const csv = [
    HARVEST_HEADER,
    `2026-09-01,${name},Retainer,,Automation build,"Order intake parser, first pass",2.5,Yes,No,Yes,Sam,Rivera,Engineer,Yes,0,0,0,0,US Dollar - USD,`,
    `2026-09-02,${name},Retainer,,Meetings,Weekly check-in,"0,5",Yes,No,Yes,Sam,Rivera,Engineer,Yes,0,0,0,0,US Dollar - USD,`,
    `2026-09-03,${name},Retainer,,Maintenance,Nightly export,soon,Yes,No,Yes,Sam,Rivera,Engineer,Yes,0,0,0,0,US Dollar - USD,`,
  ].join("\r\n");
  await upload.getByLabel("Time export (CSV)").setInputFiles({ name: "harvest-september.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${csv}`) });
  await upload.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page).toHaveURL(/\/import\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { name: "Import harvest-september.csv" })).toBeVisible();

  // Mapped by name: the client and Sam; two rows to add, one refused with its row, column and reason.
  const mapping = page.getByRole("form", { name: "Map and import" });
  await expect(mapping.getByLabel(new RegExp(`^${name} · 2 rows, 3h`))).toHaveValue(/[0-9a-f-]{36}/);
  await expect(mapping.getByLabel(/^Sam Rivera · 2 rows/)).not.toHaveValue("");
  await expect(page.getByText("Row 4 · Hours: \"soon\" is not a number of hours.")).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(`${name} · September 2026`) })).toContainText("3h");
  await expect(page.getByText("History, not billed")).toBeVisible();

  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const { violations } = await axeOn(page).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).setLegacyMode().analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), `axe at ${width} px`).toEqual([]);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // A refused row holds the whole file back until the admin chooses to skip it.
  await mapping.getByRole("button", { name: "Import 2 entries" }).click();
  await expect(mapping.getByRole("alert")).toContainText("1 row can't be imported");
  await mapping.getByLabel("Skip these 1 row and import the rest").check();
  await mapping.getByRole("button", { name: "Import 2 entries" }).click();
  await expect(mapping.getByRole("status")).toHaveText("Imported 2 entries. 1 row skipped.");
  await expect(page.getByText(/Imported .*: 2 entries added/)).toBeVisible();

  // Importing again adds nothing.
  await page.reload();
  await expect(page.getByText("Imported before").locator("..")).toContainText("2");
  await mapping.getByLabel("Skip these 1 row and import the rest").check();
  await mapping.getByRole("button", { name: "Import" }).first().click();
  await expect(mapping.getByRole("status")).toHaveText("Imported 0 entries. 2 rows had been imported before and added nothing. 1 row skipped.");

  // The entries are the client's, and its activity says where they came from.
  await page.goto(`${clientPath}/activity`);
  await expect(page.getByText(/imported 2 entries \(3h\) from “harvest-september.csv”/)).toBeVisible();
});
