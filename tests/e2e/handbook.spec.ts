// The handbook (issue 26): the engineer writes a runbook with a diagram, internal at first, then marks it visible
// to the client; the owner reads it, its diagram drawn, and its history (the versions that were visible to her,
// with what changed). A diagram cannot run script, link anywhere or carry HTML. Looked at at 1280 and 390 px.
import { expect, test } from "./fixtures";
import { HOSTILE, PDF, PNG } from "../fixtures/attachments";
import { CLIENTS, pageAs } from "./helpers";

const DIAGRAM = ["```mermaid", "flowchart LR", "  A[Rates file arrives] --> B{Valid?}", "  B -- yes --> C[Prices updated]", "  B -- no --> D[Email the carrier]", "```"].join("\n");

test("the engineer writes a runbook with a diagram and shares it; the owner reads it and its history", async ({ browser }) => {
  const sam = await pageAs(browser, "sam");
  const title = `Runbook: carrier rates ${Date.now().toString(36)}`;
  const handbook = `/clients/${CLIENTS.harbor}/handbook`;
  await sam.goto(handbook);
  await sam.getByRole("link", { name: "New page" }).click();
  await sam.getByLabel("Title", { exact: true }).fill(title);
  await sam.getByLabel("Section", { exact: true }).selectOption({ label: "Runbooks" });
  await expect(sam.getByLabel("Who can read it")).toHaveValue("internal"); // internal until someone decides otherwise
  await sam.getByLabel("Page (Markdown)").fill(`When the carrier's rates file changes.\n\n${DIAGRAM}\n\n1. Open the rates import.`);
  await sam.getByRole("button", { name: "Save page" }).click();
  await expect(sam.getByRole("heading", { name: title })).toBeVisible();
  await expect(sam.getByText("Internal: staff only")).toBeVisible();
  await expect(sam.locator('figure[data-diagram="drawn"] svg')).toBeVisible();
  await expect(sam.locator("figure svg")).toContainText("Email the carrier");
  const url = sam.url();

  // Internal: the owner neither finds it nor opens it.
  const olivia = await pageAs(browser, "olivia");
  await olivia.goto(handbook);
  await expect(olivia.getByRole("link", { name: title })).toHaveCount(0);
  expect((await olivia.goto(url))?.status()).toBe(404);

  // Shared with the client (version 2), then one more step (version 3).
  await sam.getByRole("link", { name: "Edit" }).click();
  await sam.getByLabel("Who can read it").selectOption({ label: "Visible to the client" });
  await sam.getByRole("button", { name: "Save as version 2" }).click();
  await expect(sam.getByText("Visible to the client")).toBeVisible();
  await sam.getByRole("link", { name: "Edit" }).click();
  const body = sam.getByLabel("Page (Markdown)");
  await body.fill(`${await body.inputValue()}\n2. Check the new prices on three orders.`);
  await sam.getByRole("button", { name: "Save as version 3" }).click();
  await expect(sam.getByText("Version 3, saved")).toBeVisible();

  await olivia.goto(handbook);
  await olivia.getByRole("link", { name: title }).click();
  await expect(olivia.getByRole("heading", { name: title })).toBeVisible();
  await expect(olivia.getByText("Visible to the client")).toBeVisible();
  await expect(olivia.locator('figure[data-diagram="drawn"] svg')).toBeVisible();
  await expect(olivia.getByText("2. Check the new prices on three orders.").or(olivia.getByText("Check the new prices on three orders."))).toBeVisible();
  await olivia.screenshot({ path: "tests/e2e/__screenshots__/handbook-page.png", fullPage: true });
  // Printed (and saved as PDF from the print dialog): the client's name and the page, without the shell.
  await expect(olivia.getByRole("button", { name: "Print or save as PDF" })).toBeVisible();
  await olivia.emulateMedia({ media: "print" });
  await expect(olivia.getByRole("banner")).toBeHidden();
  await expect(olivia.getByRole("navigation", { name: "Harbor & Pine Bakery sections" })).toBeHidden();
  await expect(olivia.getByRole("heading", { name: title })).toBeVisible();
  await olivia.pdf({ path: "test-results/handbook-page.pdf", format: "A4" });
  await olivia.emulateMedia({ media: "screen" });
  await olivia.getByRole("link", { name: /^History/ }).click();
  const versions = olivia.getByRole("list", { name: "Versions, newest first" });
  await expect(versions.getByRole("link")).toHaveCount(2); // version 1 was internal: not hers to read
  await expect(versions.getByRole("link").first()).toContainText("Version 3");
  const changes = olivia.getByRole("region", { name: "What changed" });
  await expect(changes.getByRole("row").filter({ hasText: "Check the new prices on three orders." })).toContainText("added");
  await expect(changes.getByRole("row").filter({ hasText: "removed" })).toHaveCount(0); // the line before it is unchanged
  await expect(olivia.getByRole("button", { name: /^Restore/ })).toHaveCount(0); // owners read; engineers restore
  await olivia.screenshot({ path: "tests/e2e/__screenshots__/handbook-history.png", fullPage: true });
  await olivia.setViewportSize({ width: 390, height: 844 });
  expect(await olivia.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await olivia.goto(url);
  await expect(olivia.locator('figure[data-diagram="drawn"] svg')).toBeVisible();
  expect(await olivia.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await olivia.screenshot({ path: "tests/e2e/__screenshots__/handbook-page-390.png", fullPage: true });

  // The engineer restores version 2: saved as version 4, the history keeps everything.
  await sam.goto(`${url}/history?version=2`);
  await sam.getByRole("button", { name: "Restore version 2" }).click();
  await expect(sam.getByRole("list", { name: "Versions, newest first" }).getByRole("link").first()).toContainText("Version 4 (restored version 2)");
  await sam.context().close();
  await olivia.context().close();
});

test("a diagram cannot run script, link anywhere or carry HTML", async ({ browser }) => {
  const sam = await pageAs(browser, "sam");
  const dialogs: string[] = [];
  sam.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await sam.goto(`/clients/${CLIENTS.kiwi}/handbook/new`);
  await sam.getByLabel("Title", { exact: true }).fill(`Hostile diagram ${Date.now().toString(36)}`);
  await sam.getByLabel("Page (Markdown)").fill([
    "```mermaid",
    '%%{init: {"securityLevel": "loose", "flowchart": {"htmlLabels": true}}}%%',
    "flowchart LR",
    '  A["<img src=x onerror=alert(1)>"] --> B["<script>alert(2)</script>"]',
    '  B --> C["<a href=javascript:alert(3)>click</a>"]',
    '  click A href "javascript:alert(4)"',
    '  click B call alert(5)',
    "```",
  ].join("\n"));
  await sam.getByRole("button", { name: "Save page" }).click();
  const figure = sam.locator("figure[data-diagram]");
  await expect(figure).toHaveAttribute("data-diagram", /drawn|failed/);
  // Whether drawn or shown as its source, the figure holds no element that runs or links, no handler, no script URL.
  const bad = await figure.evaluate((el) => {
    const found: string[] = [];
    for (const node of Array.from(el.querySelectorAll("*"))) {
      const tag = node.tagName.toLowerCase();
      if (["script", "img", "a", "foreignobject", "iframe", "object", "embed", "use", "image"].includes(tag)) found.push(tag);
      for (const attr of node.getAttributeNames()) {
        if (/^on/i.test(attr) || (/href$/i.test(attr) && /^\s*javascript:/i.test(node.getAttribute(attr) ?? ""))) found.push(`${tag}[${attr}]`);
      }
    }
    return found;
  });
  expect(bad).toEqual([]);
  // Clicking every node of the diagram opens nothing.
  for (const node of await sam.locator("figure svg g.node").all()) await node.click({ force: true });
  expect(dialogs).toEqual([]);
  await sam.screenshot({ path: "tests/e2e/__screenshots__/handbook-hostile-diagram.png", fullPage: false });
  await sam.context().close();
});

test("the engineer drafts a runbook with Claude from a shipped item's work, corrects it and saves it; the owner finds the request", async ({ browser }) => {
  const priya = await pageAs(browser, "priya");
  const roadmap = `/clients/${CLIENTS.kiwi}/roadmap`;
  await priya.goto(roadmap);
  await priya.getByRole("link", { name: "Dispatch process audit" }).first().click();
  const card = priya.getByRole("form", { name: "Draft a runbook from the work" });
  await expect(card).toContainText("Claude drafts it from this item's entries, comments and history");
  await priya.setViewportSize({ width: 390, height: 844 });
  await priya.screenshot({ path: "tests/e2e/__screenshots__/roadmap-item-document-it-390.png", fullPage: true });
  await priya.setViewportSize({ width: 1280, height: 900 });
  await card.getByRole("button", { name: "Draft a runbook with Claude" }).click();

  // The draft lands in the editor: internal, Claude's, with the portal's headings, steps and links to the entries.
  await expect(priya).toHaveURL(/\/handbook\/[0-9a-f-]{36}\/edit$/);
  await expect(priya.getByText(/Claude drafted this version from the work logged on “Dispatch process audit”/)).toBeVisible();
  await expect(priya.getByLabel("Who can read it")).toHaveValue("internal");
  const body = priya.getByLabel("Page (Markdown)");
  await expect(body).toHaveValue(/## What was built[\s\S]*\*From the work logged on \[[^\]]+\]\(\/clients\/[0-9a-f-]{36}\/hours\?month=\d{4}-\d{2}#entry-[0-9a-f-]{36}\)/);
  await expect(body).toHaveValue(/1\. Check that it runs as expected each morning\./);
  await priya.screenshot({ path: "tests/e2e/__screenshots__/handbook-draft-editor.png", fullPage: true });

  // A person corrects it and saves it: version 2 is theirs; the history says who wrote version 1.
  const title = `Dispatch runbook ${Date.now().toString(36)}`;
  await priya.getByLabel("Title", { exact: true }).fill(title);
  await body.fill(`${await body.inputValue()}\n3. Call the depot lead when the morning run is late.`);
  await priya.getByRole("button", { name: "Save as version 2" }).click();
  await expect(priya.getByRole("heading", { name: title })).toBeVisible();
  await expect(priya.getByText("not yet saved by a person")).toHaveCount(0);
  // The links to the entries open the ledger at the entry.
  const entryLink = priya.getByRole("article").locator("a[href*='#entry-']").first();
  const href = (await entryLink.getAttribute("href"))!;
  await entryLink.click();
  await expect(priya).toHaveURL((u) => `${u.pathname}${u.search}${u.hash}` === href);
  await expect(priya.locator(`#${href.split("#")[1]}`)).toBeVisible();
  await priya.goBack();
  await priya.getByRole("link", { name: /^History/ }).click();
  await expect(priya.getByText("(drafted by Claude)")).toBeVisible();

  // The owner (Kiwi's) finds the exact request on What AI saw; the page itself stays internal to her.
  const aroha = await pageAs(browser, "aroha");
  await aroha.goto(`/clients/${CLIENTS.kiwi}/ai?q=${encodeURIComponent("Dispatch process audit")}`);
  const record = aroha.getByRole("article").filter({ hasText: "Draft of a handbook page for the roadmap item “Dispatch process audit”" }).first();
  await expect(record).toBeVisible();
  await expect(record).toContainText("It became a handbook page's first draft, internal to the practice until a person corrects it and shares it.");
  await record.getByText("The prompt as sent").click();
  await expect(record).toContainText("<work>");
  await aroha.goto(`/clients/${CLIENTS.kiwi}/handbook`);
  await expect(aroha.getByRole("link", { name: title })).toHaveCount(0);
  await priya.context().close();
  await aroha.context().close();
});

test("the engineer attaches an image and a PDF, shows the image in the page; the owner sees it; a script in disguise is refused", async ({ browser }) => {
  const sam = await pageAs(browser, "sam");
  const title = `Dispatch board ${Date.now().toString(36)}`;
  await sam.goto(`/clients/${CLIENTS.harbor}/handbook/new`);
  await sam.getByLabel("Title", { exact: true }).fill(title);
  await sam.getByLabel("Who can read it").selectOption({ label: "Visible to the client" });
  await sam.getByLabel("Page (Markdown)").fill("How the board looks on a normal morning.");
  await sam.getByRole("button", { name: "Save page" }).click();
  await expect(sam.getByRole("heading", { name: title })).toBeVisible();
  await sam.getByRole("link", { name: "Edit" }).click();

  const attachForm = sam.getByRole("form", { name: "Attach a file" });
  // An SVG with a script, named as a PNG: refused for what it is, nothing attached.
  await attachForm.getByLabel("Image or PDF").setInputFiles({ name: "board.png", mimeType: "image/png", buffer: HOSTILE.find((h) => h.why === "SVG named .png")!.bytes });
  await attachForm.getByRole("button", { name: "Attach file" }).click();
  await expect(attachForm.getByText("This file is not an image or a PDF. Attach PNG, JPEG, GIF or WebP images, or PDFs.")).toBeVisible();
  await expect(sam.locator("#files li")).toHaveCount(0);

  await attachForm.getByLabel("Image or PDF").setInputFiles({ name: "board.png", mimeType: "image/png", buffer: PNG });
  await attachForm.getByRole("button", { name: "Attach file" }).click();
  await expect(sam.locator("#files li").filter({ hasText: "board.png" })).toBeVisible();
  await sam.getByRole("form", { name: "Attach a file" }).getByLabel("Image or PDF").setInputFiles({ name: "Depot contract.pdf", mimeType: "application/pdf", buffer: PDF });
  await sam.getByRole("form", { name: "Attach a file" }).getByRole("button", { name: "Attach file" }).click();
  await expect(sam.locator("#files li").filter({ hasText: "Depot contract.pdf" })).toBeVisible();
  await sam.locator("#files").screenshot({ path: "tests/e2e/__screenshots__/handbook-files-editor.png" });
  const snippet = (await sam.locator("#files li").filter({ hasText: "board.png" }).locator("code").textContent())!;
  expect(snippet).toMatch(/^!\[board\.png\]\(\/clients\/[0-9a-f-]{36}\/handbook\/[0-9a-f-]{36}\/files\/[0-9a-f-]{36}\)$/);
  const body = sam.getByLabel("Page (Markdown)");
  await body.fill(`${await body.inputValue()}\n\n${snippet}\n\n![elsewhere](https://evil.example/pixel.png)`);
  await sam.getByRole("button", { name: "Save as version 2" }).click();
  await expect(sam.getByRole("heading", { name: title })).toBeVisible();
  await sam.screenshot({ path: "tests/e2e/__screenshots__/handbook-files.png", fullPage: true });

  // The owner reads the page: the image drawn from the portal, the outside image as its text, the files listed.
  const olivia = await pageAs(browser, "olivia");
  await olivia.goto(sam.url());
  const image = olivia.getByRole("article").getByRole("img", { name: "board.png" });
  await expect(image).toBeVisible();
  expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
  await expect(olivia.getByText("[image: elsewhere]")).toBeVisible();
  await expect(olivia.locator("img[src*='evil.example']")).toHaveCount(0);
  const files = olivia.getByRole("region", { name: "Files" }).or(olivia.locator("section[aria-labelledby='handbook-files']"));
  await expect(files.getByRole("link", { name: "Depot contract.pdf" })).toBeVisible();
  const src = (await image.getAttribute("src"))!;
  const served = await olivia.request.get(src);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe("image/png");
  expect(served.headers()["x-content-type-options"]).toBe("nosniff");
  const pdfHref = (await files.getByRole("link", { name: "Depot contract.pdf" }).getAttribute("href"))!;
  const pdf = await olivia.request.get(pdfHref);
  expect(pdf.headers()["content-disposition"]).toMatch(/^attachment; filename="Depot contract\.pdf"/);
  // The page as a PDF, drawn on the server with the image in it.
  const download = olivia.waitForEvent("download");
  await olivia.getByRole("link", { name: "Download PDF" }).click();
  const pdfFile = await (await download).path();
  expect((await import("node:fs")).readFileSync(pdfFile).subarray(0, 5).toString()).toBe("%PDF-");
  await olivia.setViewportSize({ width: 390, height: 844 });
  await olivia.screenshot({ path: "tests/e2e/__screenshots__/handbook-files-390.png", fullPage: true });

  // Another client's owner gets nothing.
  const aroha = await pageAs(browser, "aroha");
  expect((await aroha.request.get(src)).status()).toBe(404);
  await sam.context().close();
  await olivia.context().close();
  await aroha.context().close();
});
