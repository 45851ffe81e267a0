import { expect, test } from "./fixtures";
import { acceptInNewBrowser, CLIENTS, inviteEngineer, pageAs, signInOnDevice, turnOnTwoStep } from "./helpers";

// Sessions people can see and end (issue 29: ASVS 7.4.5, 7.5.2, 7.2.4) and the security record they read.

const CHROME_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

test("a person sees where they are signed in, ends the session of another device, and reads it in their activity", async ({ browser }) => {
  test.setTimeout(90_000); // two browsers and two mailed codes
  const email = `devices-${Date.now()}@example.test`;
  const laptop = await signInOnDevice(browser, email, { ip: "203.0.113.40", userAgent: CHROME_MAC });
  const phone = await signInOnDevice(browser, email, { ip: "203.0.113.41", userAgent: SAFARI_IPHONE });
  await laptop.goto("/account#sessions");
  const list = laptop.getByRole("list", { name: "Your sessions" });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  const here = list.getByRole("listitem").filter({ hasText: "This browser" });
  await expect(here).toContainText("Chrome on macOS");
  await expect(here).toContainText("From 203.0.113.40");
  await expect(here.getByRole("button")).toHaveCount(0); // this browser signs out with Sign out, not from the list
  const other = list.getByRole("listitem").filter({ hasText: "Safari on iOS" });
  await expect(other).toContainText("From 203.0.113.41");
  await laptop.locator("#sessions").screenshot({ path: "tests/e2e/__screenshots__/account-sessions.png" });
  // Two-step sign-in offers the same, for after a change of factor (ASVS 7.4.3).
  await expect(laptop.getByRole("form", { name: "End other sessions after a two-step change" })).toContainText("You are also signed in on another browser.");

  await other.getByRole("button", { name: /^End the session of Safari on iOS/ }).click();
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(laptop.getByText("You are signed in on this browser only.")).toBeVisible();
  await phone.goto("/account");
  await expect(phone).toHaveURL(/\/login(\?next=[^&]+)?$/);

  const activity = laptop.getByRole("list", { name: "Your recent security activity" });
  await expect(activity.getByText("Session ended", { exact: true })).toBeVisible();
  await expect(activity.getByText("Signed in", { exact: true })).toHaveCount(2);
  // The first code was requested before the account existed: that one is on the practice's record, by address.
  await expect(activity.getByText("Sign-in code requested", { exact: true })).toHaveCount(1);
  await phone.context().close();
  await laptop.context().close();
});

test("an admin ends every session of an engineer from the staff page; the engineer's refused probe is on the practice's record", async ({ browser }) => {
  test.setTimeout(90_000);
  const admin = await pageAs(browser, "sam");
  await admin.goto("/staff");
  const email = `ended-${Date.now()}@practice.test`;
  const engineer = await acceptInNewBrowser(browser, await inviteEngineer(admin, email));
  await expect(engineer).toHaveURL(/\/account\?setup=two-step#two-step$/); // staff set up two-step sign-in first
  // Before that, an admin page is still "not found" to an engineer (the scope is checked first), and on record.
  expect((await engineer.goto("/staff"))?.status()).toBe(404);
  await engineer.goto("/engineer");
  await turnOnTwoStep(engineer);

  await admin.reload();
  const row = admin.getByRole("listitem", { name: email, exact: true });
  await row.getByText("End their sessions…").click();
  await row.getByRole("button", { name: `End every session of ${email}` }).click();
  await expect(row.getByRole("status")).toHaveText("1 session ended. They must sign in again.");
  await engineer.goto("/engineer");
  await expect(engineer).toHaveURL(/\/login(\?next=[^&]+)?$/);

  await admin.reload();
  const record = admin.getByRole("list", { name: "The practice's security activity" });
  await expect(record.getByRole("listitem").filter({ hasText: "Sessions ended by an admin" }).first()).toContainText(email);
  const refusals = record.getByRole("listitem").filter({ hasText: "Access refused" }).filter({ hasText: email });
  await expect(refusals.filter({ hasText: "page (admin)" }).first()).toBeVisible(); // the probe of /staff
  await expect(refusals.filter({ hasText: "a session that has ended" }).first()).toBeVisible(); // the ended session, used again
  await expect(record.getByRole("listitem").filter({ hasText: "Signed in by invitation" }).first()).toContainText(email);
  await admin.locator("#security").screenshot({ path: "tests/e2e/__screenshots__/staff-security.png" });

  // Leave the practice as seeded.
  await admin.getByRole("listitem", { name: email, exact: true }).getByText("Remove from staff…").click();
  await admin.getByRole("listitem", { name: email, exact: true }).getByRole("button", { name: `Remove ${email}` }).click();
  await expect(admin.getByRole("listitem", { name: email, exact: true })).toHaveCount(0);
  await engineer.context().close();
  await admin.context().close();
});

test("accepting an invitation while signed in replaces the session the browser had (ASVS 7.2.4)", async ({ browser }) => {
  test.setTimeout(90_000);
  const email = `replaced-${Date.now()}@example.test`;
  const person = await signInOnDevice(browser, email, { ip: "203.0.113.50" });
  const before = await person.context().storageState(); // a copy of the first session's cookie

  const staff = await pageAs(browser, "sam");
  await staff.goto(`/clients/${CLIENTS.sakura}/settings`);
  const form = staff.getByRole("form", { name: "Invite someone" });
  await form.getByLabel("Invite by email").fill(email);
  await form.getByLabel("Role").selectOption("member");
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(form.getByRole("status")).toHaveText(`Invitation sent to ${email}.`);
  await staff.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  const link = /(http:\/\/\S+\/invite\/\S+)/.exec((await staff.getByRole("article").first().getByLabel("Plain-text version").textContent()) ?? "")![1];

  await person.goto(link);
  await person.getByRole("button", { name: "Accept and sign in" }).click();
  await expect(person).toHaveURL(new RegExp(`/clients/${CLIENTS.sakura}$`));
  await person.goto("/account#sessions");
  await expect(person.getByRole("list", { name: "Your sessions" }).getByRole("listitem")).toHaveCount(1);

  const old = await (await browser.newContext({ storageState: before })).newPage();
  await old.goto("/account");
  await expect(old).toHaveURL(/\/login(\?next=[^&]+)?$/);
  await old.context().close();
  await person.context().close();
  await staff.context().close();
});
