import { expect, test } from "./fixtures";
import { CLIENTS, pageAs } from "./helpers";

test("staff invite an owner by email; the link signs them straight in", async ({ browser }) => {
  const staff = await pageAs(browser, "sam");
  const email = `new-owner-${Date.now()}@sakura-ceramics.test`;
  await staff.goto(`/clients/${CLIENTS.sakura}/settings`);
  const form = staff.getByRole("form", { name: "Invite someone" });
  await form.getByLabel("Invite by email").fill(email);
  await form.getByLabel("Role").selectOption("owner");
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(form.getByRole("status")).toHaveText(`Invitation sent to ${email}.`);
  await expect(staff.getByRole("listitem", { name: `Invitation to ${email}` })).toContainText("Owner");

  await staff.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  const body = await staff.getByRole("article").first().getByLabel("Plain-text version").textContent();
  const link = /(http:\/\/\S+\/invite\/\S+)/.exec(body ?? "")![1];

  const context = await browser.newContext();
  const invitee = await context.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: "Join Sakura Ceramics" })).toBeVisible();
  await invitee.getByRole("button", { name: "Accept and sign in" }).click();
  await expect(invitee).toHaveURL(new RegExp(`/clients/${CLIENTS.sakura}$`));
  await expect(invitee.getByRole("link", { name: "Settings" })).toBeVisible(); // owners see settings

  // Someone new is asked their name and time zone once; the header then shows the name (issue 28, item 7).
  const welcome = invitee.getByRole("form", { name: "Your name" });
  await welcome.getByLabel("Your name").fill("Hana Mori");
  await welcome.getByLabel("Your time zone").selectOption("Asia/Tokyo");
  await welcome.getByRole("button", { name: "Save" }).click();
  await expect(invitee.getByRole("link", { name: /^Hana Mori .*\(your account\)$/ })).toBeVisible();
  await expect(invitee.getByRole("form", { name: "Your name" })).toHaveCount(0);
  await invitee.goto("/account");
  await expect(invitee.getByRole("form", { name: "About you" }).getByLabel("Your time zone")).toHaveValue("Asia/Tokyo");

  // The link works once.
  const again = await (await browser.newContext()).newPage();
  await again.goto(link);
  await expect(again.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
});

test("staff withdraw a pending invitation; its emailed link then no longer works", async ({ browser }) => {
  const staff = await pageAs(browser, "priya");
  const email = `withdrawn-${Date.now()}@kiwifreight.test`;
  await staff.goto(`/clients/${CLIENTS.kiwi}/settings`);
  const form = staff.getByRole("form", { name: "Invite someone" });
  await form.getByLabel("Invite by email").fill(email);
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(form.getByRole("status")).toHaveText(`Invitation sent to ${email}.`);
  await staff.getByRole("button", { name: `Withdraw the invitation to ${email}` }).click();
  await expect(staff.getByRole("status").filter({ hasText: `Invitation to ${email} withdrawn; its link no longer works.` })).toBeVisible();
  await expect(staff.getByRole("listitem", { name: `Invitation to ${email}` })).toHaveCount(0);

  await staff.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  const body = await staff.getByRole("article").first().getByLabel("Plain-text version").textContent();
  const link = /(http:\/\/\S+\/invite\/\S+)/.exec(body ?? "")![1];
  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
});

test("an invitation to an invalid address is refused and nothing is sent", async ({ browser }) => {
  const staff = await pageAs(browser, "sam");
  await staff.goto(`/clients/${CLIENTS.kiwi}/settings`);
  const form = staff.getByRole("form", { name: "Invite someone" });
  await form.getByLabel("Invite by email").fill("owner@@kiwi");
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(form.getByText("Enter a valid email address, like name@company.com.")).toBeVisible();
  await expect(form.getByLabel("Invite by email")).toHaveValue("owner@@kiwi");
});

test("the sign-in page lists the demo accounts and links to the dev mailbox", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Demo accounts" })).toBeVisible();
  await expect(page.getByText("sam@practice.test")).toBeVisible();
  await expect(page.getByRole("link", { name: "dev mailbox" })).toHaveAttribute("href", "/dev/mailbox");
  await page.screenshot({ path: "tests/e2e/__screenshots__/sign-in.png", fullPage: true });
});
