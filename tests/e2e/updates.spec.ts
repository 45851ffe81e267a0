import { expect, test } from "./fixtures";
import { CLIENTS, pageAs } from "./helpers";

test("@calendar the engineer drafts with Claude, edits and publishes; the owner sees it, another client's member does not", async ({ browser }) => {
  const engineer = await pageAs(browser, "sam");
  await engineer.goto(`/clients/${CLIENTS.kiwi}/updates`);
  const draftForm = engineer.getByRole("form", { name: "Draft an update" });
  await expect(draftForm).toContainText("Claude drafts it from the week's logged entries");
  await draftForm.getByLabel("Week").selectOption({ index: 0 }); // this week: the seed's published update covers last week
  await draftForm.getByRole("button", { name: "Draft update" }).click();
  await expect(engineer).toHaveURL(/\/updates\/[0-9a-f-]{36}$/);
  await expect(engineer.getByText(/Drafted by claude-sonnet-5-5 \(weekly-update\//)).toBeVisible();
  await expect(engineer.getByText("Draft, staff only")).toBeVisible();
  const citations = engineer.getByRole("list", { name: "Citations" });
  await expect(citations.locator("li").first()).toBeVisible();

  const title = `Kiwi week ${Date.now()}`;
  await engineer.getByLabel("Title").fill(title);
  const body = engineer.getByLabel("Update (Markdown)");
  await body.fill(`${await body.inputValue()}\n\nThanks for the quick feedback on **the ETA texts**.`);
  await expect(engineer.getByRole("region", { name: "Preview" }).locator("strong", { hasText: "the ETA texts" })).toBeVisible();
  await engineer.getByRole("button", { name: "Save draft" }).click();
  await expect(engineer.getByRole("status").filter({ hasText: "Draft saved." })).toHaveText("Draft saved.");
  // The phishing filter's panel (its own status region) has nothing to flag in this draft.
  await expect(engineer.getByRole("region", { name: "Check before publishing" })).toContainText("Nothing in the saved draft looks like a web address");
  await engineer.screenshot({ path: "tests/e2e/__screenshots__/update-editor.png", fullPage: true });

  // Drafts are invisible to the client.
  const owner = await pageAs(browser, "aroha");
  await owner.goto(`/clients/${CLIENTS.kiwi}/updates`);
  await expect(owner.getByText(title)).toHaveCount(0);
  const draftUrl = engineer.url();
  expect((await owner.goto(draftUrl))?.status()).toBe(404);

  await engineer.getByRole("button", { name: "Publish to the client" }).click();
  await expect(engineer).toHaveURL(new RegExp(`/clients/${CLIENTS.kiwi}/updates$`));

  await owner.goto(`/clients/${CLIENTS.kiwi}/updates`);
  const article = owner.getByRole("article", { name: title });
  await expect(article).toBeVisible();
  await expect(article).toContainText("Thanks for the quick feedback on the ETA texts.");
  await expect(article).toContainText(/of work/);
  await article.getByText("The entries behind these highlights").click();
  const link = article.getByRole("link").first();
  await expect(link).toHaveAttribute("href", new RegExp(`/clients/${CLIENTS.kiwi}/hours\\?month=\\d{4}-\\d{2}#entry-`));
  await owner.screenshot({ path: "tests/e2e/__screenshots__/updates-feed.png", fullPage: true });
  await link.click();
  await expect(owner).toHaveURL(/#entry-/);

  // What AI saw: the owner finds the exact prompt the draft was written from, as the model's double received it.
  await owner.getByRole("navigation", { name: "Kiwi Freight Co. sections" }).getByRole("link", { name: "What AI saw" }).click();
  await expect(owner.getByRole("heading", { name: "What AI saw" })).toBeVisible();
  const record = owner.getByRole("article").filter({ has: owner.getByRole("heading", { name: /^Draft of the weekly update for the week of / }) }).first();
  await expect(record).toContainText("Answer accepted");
  await expect(record).toContainText("It became a weekly update's draft");
  await record.getByText("The prompt as sent").click();
  const shown = await record.locator("pre").nth(1).textContent();
  const port = Number(process.env.E2E_ANTHROPIC_PORT ?? 4010);
  const received = (await (await fetch(`http://127.0.0.1:${port}/requests`)).json()) as { messages: { content: string }[] }[];
  expect(received.map((r) => r.messages[0].content)).toContain(shown);
  await owner.screenshot({ path: "tests/e2e/__screenshots__/what-ai-saw.png", fullPage: true });
  await owner.setViewportSize({ width: 390, height: 844 });
  expect(await owner.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await owner.screenshot({ path: "tests/e2e/__screenshots__/what-ai-saw-390.png", fullPage: false });
  await owner.setViewportSize({ width: 1280, height: 720 });

  // The owner and the members were emailed.
  await engineer.goto(`/dev/mailbox?to=aroha%40kiwifreight.test`);
  await expect(engineer.getByRole("heading", { name: `Kiwi Freight Co.: ${title}` })).toBeVisible();
  // As HTML (headings, bold figures) and as clean text, never as Markdown (issue 28, item 12).
  const mail = engineer.getByRole("article", { name: `Kiwi Freight Co.: ${title}` }).first();
  const html = mail.frameLocator("iframe");
  await expect(html.getByRole("heading", { name: "Highlights" })).toBeVisible();
  await expect(html.getByRole("link", { name: "Read it in the portal" })).toHaveAttribute("href", new RegExp(`/clients/${CLIENTS.kiwi}/updates#u-`));
  await expect(html.getByRole("link", { name: "Email preferences" })).toHaveAttribute("href", /\/account#notifications$/);
  await expect(html.locator("body")).not.toContainText("###");
  const text = await mail.getByLabel("Plain-text version").textContent();
  expect(text).toContain("Highlights");
  expect(text).not.toMatch(/###|\*\*/);
  await engineer.screenshot({ path: "tests/e2e/__screenshots__/dev-mailbox-update.png", fullPage: true });

  const outsider = await pageAs(browser, "olivia");
  expect((await outsider.goto(`/clients/${CLIENTS.kiwi}/updates`))?.status()).toBe(404);
});

test("owners turn Claude drafting off; the engineer then drafts from the template", async ({ browser }) => {
  const owner = await pageAs(browser, "olivia");
  await owner.goto(`/clients/${CLIENTS.harbor}/settings`);
  await owner.getByRole("button", { name: "Turn off Claude drafting" }).click();
  await expect(owner.getByRole("button", { name: "Turn on Claude drafting" })).toBeVisible();

  const engineer = await pageAs(browser, "sam");
  await engineer.goto(`/clients/${CLIENTS.harbor}/settings`);
  await expect(engineer.getByText("Claude drafting off (owners decide)")).toBeVisible();
  await engineer.goto(`/clients/${CLIENTS.harbor}/updates`);
  const form = engineer.getByRole("form", { name: "Draft an update" });
  await expect(form).toContainText("The owners turned AI drafting off");
  await form.getByLabel("Week").selectOption({ index: 0 });
  await form.getByRole("button", { name: "Draft update" }).click();
  await expect(engineer.getByText("Drafted from the template")).toBeVisible();

  await owner.getByRole("button", { name: "Turn on Claude drafting" }).click();
  await expect(owner.getByRole("button", { name: "Turn off Claude drafting" })).toBeVisible();
});

test("the updates feed pages back in time and says so past the first update", async ({ browser }) => {
  const owner = await pageAs(browser, "olivia");
  await owner.goto(`/clients/${CLIENTS.harbor}/updates?page=999`);
  await expect(owner.getByText("No older updates")).toBeVisible();
  // Past the end the only way on is back to the latest: no "newer" link to another empty page.
  await expect(owner.getByRole("navigation", { name: "Update pages" })).toHaveCount(0);
  await owner.screenshot({ path: "tests/e2e/__screenshots__/updates-past-end.png", fullPage: true });
  await owner.getByRole("link", { name: "Back to the latest" }).click();
  await expect(owner).toHaveURL(new RegExp(`/clients/${CLIENTS.harbor}/updates$`));
  await expect(owner.getByRole("article").first()).toBeVisible();
  await expect(owner.getByRole("navigation", { name: "Update pages" }).getByRole("link", { name: "← Newer updates" })).toHaveCount(0);
});
