// The inbox and the daily digest (issue 23), on a client of its own: the admin creates it and invites an owner;
// the owner chooses one email a day; the owner proposes an item and the engineer answers it with a comment; the
// owner's navigation counts it unread, the inbox lists it, opening it leads to the comment and reads it. The
// digest's job finds the owner before their morning (nothing sent) and, once their zone puts them past 08:00,
// sends one summary with the comment in it.
import { localHour } from "@/lib/domain/dates";
import { expect, test } from "./fixtures";
import { e2eNow } from "./clock";
import { createClientAs, pageAs } from "./helpers";
import { axeOn } from "./axe";

/** A zone whose wall clock is, at the server's instant, before the digest hour (or, with `after`, well past it). */
function zoneWhere(after: boolean): string {
  const zones = ["Pacific/Auckland", "Asia/Tokyo", "Asia/Kolkata", "Europe/Berlin", "UTC", "America/New_York", "America/Los_Angeles", "Pacific/Honolulu"];
  const found = zones.find((z) => {
    const h = localHour(new Date(e2eNow().getTime() + 10 * 60_000), z); // ten minutes of margin for the run
    return after ? h >= 9 && h <= 21 : h >= 1 && h < 7;
  });
  if (!found) throw new Error("no zone fits the clock");
  return found;
}

test("an owner hears of a comment in the inbox, opens it, and gets it in their daily digest at their morning", async ({ browser, request }) => {
  const sam = await pageAs(browser, "sam");
  const name = `Inbox Co ${Date.now()}`;
  const clientPath = await createClientAs(sam, name);
  const email = `inbox-owner-${Date.now()}@inbox.test`;
  await sam.goto(`${clientPath}/settings`);
  const invite = sam.getByRole("form", { name: "Invite someone" });
  await invite.getByLabel("Invite by email").fill(email);
  await invite.getByLabel("Role").selectOption("owner");
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(invite.getByRole("status")).toHaveText(`Invitation sent to ${email}.`);
  await sam.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  const body = await sam.getByRole("article").first().getByLabel("Plain-text version").textContent();
  const link = /(http:\/\/\S+\/invite\/\S+)/.exec(body ?? "")![1];

  const owner = await (await browser.newContext()).newPage();
  await owner.goto(link);
  await owner.getByRole("button", { name: "Accept and sign in" }).click();
  await expect(owner).toHaveURL(new RegExp(`${clientPath}$`));
  const before = zoneWhere(false);
  const welcome = owner.getByRole("form", { name: "Your name" });
  await welcome.getByLabel("Your name").fill("Noa Levi");
  await welcome.getByLabel("Your time zone").selectOption(before);
  await welcome.getByRole("button", { name: "Save" }).click();
  await expect(owner.getByRole("link", { name: /^Noa Levi .*\(your account\)$/ })).toBeVisible();

  // One email a day.
  await owner.goto("/account#notifications");
  const prefs = owner.getByRole("form", { name: "Email notifications" });
  await expect(prefs.getByRole("radio", { name: /As they happen/ })).toBeChecked();
  await prefs.getByRole("radio", { name: /Once a day/ }).check();
  await prefs.getByRole("button", { name: "Save" }).click();
  await expect(prefs.getByRole("status")).toHaveText("Saved: one summary a day, at 8:00 in your time zone.");

  // The owner proposes; the engineer answers.
  const title = `Loyalty export ${Date.now()}`;
  await owner.goto(`${clientPath}/roadmap`);
  await owner.getByText("+ Propose an idea").click();
  const propose = owner.getByRole("form", { name: "Propose a roadmap item" });
  await propose.getByLabel("Title").fill(title);
  await propose.getByRole("button", { name: "Propose" }).click();
  await expect(owner.getByRole("heading", { name: title })).toBeVisible();
  const itemUrl = new URL(owner.url()).pathname;
  await sam.goto(itemUrl);
  await sam.getByLabel("Add a comment").fill("Yes: a CSV on the 1st of each month.");
  await sam.getByRole("button", { name: "Post comment" }).click();
  await expect(sam.getByText("Yes: a CSV on the 1st of each month.")).toBeVisible();

  // The owner's navigation counts it; the inbox lists it.
  await owner.goto(clientPath);
  await expect(owner.getByRole("link", { name: "Inbox 1 unread" })).toBeVisible();
  await owner.getByRole("link", { name: "Inbox 1 unread" }).click();
  await expect(owner).toHaveURL(/\/inbox$/);
  const unread = owner.getByRole("region", { name: "Unread (1)" });
  const notice = unread.getByRole("listitem").filter({ hasText: title });
  await expect(notice).toContainText(`commented on “${title}”`);
  await expect(notice).toContainText("Yes: a CSV on the 1st of each month.");
  await expect(notice).toContainText(name);
  await expect(owner.getByText("You get one email a day, at 8:00 in your time zone")).toBeVisible();
  for (const width of [1280, 390]) {
    await owner.setViewportSize({ width, height: 900 });
    await owner.screenshot({ path: `tests/e2e/__screenshots__/inbox-${width}.png`, fullPage: true });
    const { violations } = await axeOn(owner).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).setLegacyMode().analyze();
    expect(violations.map((v) => v.id)).toEqual([]);
  }
  await notice.getByRole("button", { name: `Sam Rivera commented on “${title}”`, exact: true }).click();
  await expect(owner).toHaveURL(new RegExp(`${itemUrl}#comments$`));
  await expect(owner.getByRole("link", { name: "Inbox", exact: true })).toBeVisible();
  await owner.goto("/inbox");
  await expect(owner.getByRole("region", { name: "Unread" })).toContainText("You have read everything.");
  await expect(owner.getByRole("region", { name: "Earlier" })).toContainText(title);

  // No email yet: it waits for the digest, and the digest for the owner's morning.
  const cron = () => request.post("/api/cron/send-digests", { headers: { authorization: "Bearer e2e-cron-secret" } });
  expect((await cron()).status()).toBe(200);
  const mailbox = await sam.context().newPage();
  await mailbox.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  await expect(mailbox.getByRole("article").filter({ hasText: title })).toHaveCount(0);
  // The owner moves to a zone where it is past 08:00: the next run sends the summary.
  await owner.goto("/account");
  const about = owner.getByRole("form", { name: "About you" });
  await about.getByLabel("Your time zone").selectOption(zoneWhere(true));
  await about.getByRole("button", { name: "Save" }).click();
  await expect(about.getByRole("status")).toBeVisible();
  expect((await cron()).status()).toBe(200);
  await mailbox.reload();
  const digest = mailbox.getByRole("article").filter({ hasText: "Your daily summary" });
  await expect(digest).toHaveCount(1);
  await expect(digest.getByRole("heading").first()).toHaveText(`Your daily summary: 1 thing from ${name}`);
  await expect(digest).toContainText(`commented on “${title}”`);
  // A second run the same morning sends nothing more.
  expect((await cron()).status()).toBe(200);
  await mailbox.reload();
  await expect(mailbox.getByRole("article").filter({ hasText: "Your daily summary" })).toHaveCount(1);
});
