import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { acceptInNewBrowser, authenticatorCode, inviteEngineer, latestCode, pageAs, requestCode, turnOnTwoStep } from "./helpers";
import { axeOn } from "./axe";

// Two-step sign-in (issue 29): set up on /account, sign in with the app's code, with a recovery code, and an admin's
// reset, keyboard and screen-reader labels throughout. The app's codes are computed from the key the page shows, as
// an authenticator app would.

const codeFor = authenticatorCode;

async function emailStep(page: Page, email: string) {
  await requestCode(page, email);
  await page.getByLabel("Sign-in code").fill(await latestCode(page, email));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** axe on the page's main content, at a desktop and a phone width. */
async function accessible(page: Page, what: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const { violations } = await axeOn(page).include("main").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).setLegacyMode().analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), `axe on ${what} at ${width} px`).toEqual([]);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

async function signOut(page: Page) {
  await page.goto("/account");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

test("a person sets up two-step sign-in, then signs in with the app's code and with a recovery code", async ({ browser }) => {
  test.setTimeout(120_000);
  const email = `two-step-${Date.now()}@example.test`;
  const page = await (await browser.newContext()).newPage();
  await emailStep(page, email);
  await expect(page).toHaveURL(/\/no-access$/);

  await page.goto("/account#two-step");
  const card = page.locator("#two-step");
  await expect(card.getByText("Off. Anyone who can read your email can sign in as you.")).toBeVisible();
  await card.getByRole("button", { name: "Set up an authenticator app" }).click();
  await expect(card.getByRole("img", { name: "QR code of your authenticator key" })).toBeVisible();
  const key = (await card.getByLabel("Authenticator key", { exact: true }).textContent())!;
  expect(key.replace(/\s/g, "")).toMatch(/^[A-Z2-7]{16,}$/);
  await accessible(page, "the set-up");
  await page.setViewportSize({ width: 390, height: 900 });
  await card.screenshot({ path: "tests/e2e/__screenshots__/two-step-setup-390.png" });
  await page.setViewportSize({ width: 1280, height: 720 });

  const turnOn = page.getByRole("form", { name: "Turn on two-step sign-in" });
  await turnOn.getByLabel("Code from your app").fill("000000" === codeFor(key) ? "111111" : "000000");
  await turnOn.getByRole("button", { name: "Turn on" }).click();
  await expect(turnOn.getByText(/That code is not right/).first()).toBeVisible();
  await turnOn.getByLabel("Code from your app").fill(codeFor(key));
  await turnOn.getByRole("button", { name: "Turn on" }).click();
  const shown = turnOn.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(shown).toHaveCount(10);
  const codes = await shown.allTextContents();
  await card.screenshot({ path: "tests/e2e/__screenshots__/two-step-codes.png" });
  await turnOn.getByRole("button", { name: "I saved them" }).click();
  await expect(card.getByText(/^On since/)).toBeVisible();
  await expect(card.getByText("10 recovery codes left.", { exact: false })).toBeVisible();
  await accessible(page, "two-step sign-in on");

  // Signing in again: the emailed code, then the app's code (the next time step: the one that turned it on is spent).
  await signOut(page);
  await emailStep(page, email);
  await expect(page).toHaveURL(/\/login\/second-factor$/);
  await expect(page.getByRole("heading", { name: "Second step" })).toBeVisible();
  expect((await page.context().cookies()).some((c) => c.name === "__Host-rp_session")).toBe(false); // no session before the second step
  await page.screenshot({ path: "tests/e2e/__screenshots__/second-factor.png" });
  await accessible(page, "the second step");
  await page.getByLabel("Code from your app, or a recovery code").fill("123456" === codeFor(key, 30) ? "654321" : "123456");
  await page.keyboard.press("Enter");
  await expect(page.getByText(/That code is not right/).first()).toBeVisible();
  await page.getByLabel("Code from your app, or a recovery code").fill(codeFor(key, 30));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/no-access$/);

  // And with a recovery code, once.
  await signOut(page);
  await emailStep(page, email);
  await page.getByLabel("Code from your app, or a recovery code").fill(codes[0]);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/no-access$/);
  await page.goto("/account#two-step");
  await expect(page.locator("#two-step").getByText("9 recovery codes left.", { exact: false })).toBeVisible();
  const sessions = page.getByRole("list", { name: "Your sessions" });
  await expect(sessions.getByRole("listitem").filter({ hasText: "This browser" })).toContainText("Two-step");
  const activity = page.getByRole("list", { name: "Your recent security activity" });
  // The wrong code typed while setting up, and the wrong one at the second step.
  await expect(activity.getByText("Wrong authenticator code", { exact: true })).toHaveCount(2);
  await expect(activity.getByText("Second factor added", { exact: true })).toBeVisible();
  await page.context().close();
});

test("an admin resets an engineer's two-step sign-in; the engineer signs in with the emailed code and sets the app up again", async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await pageAs(browser, "sam");
  await admin.goto("/staff");
  const email = `lost-phone-${Date.now()}@practice.test`;
  const engineer = await acceptInNewBrowser(browser, await inviteEngineer(admin, email));
  await turnOnTwoStep(engineer);
  await engineer.goto("/engineer");
  await expect(engineer).toHaveURL(/\/engineer$/);

  // The phone and the codes are lost: the admin resets it; the engineer's session ends.
  await admin.reload();
  const row = admin.getByRole("listitem", { name: email, exact: true });
  await row.getByText("Reset two-step sign-in…").click();
  await row.getByRole("button", { name: `Reset two-step sign-in of ${email}` }).click();
  await expect(row.getByLabel("How you made sure it is them")).toBeFocused(); // refused until the admin says how
  await row.getByLabel("How you made sure it is them").fill("Video call, saw their face");
  await row.getByRole("button", { name: `Reset two-step sign-in of ${email}` }).click();
  await expect(row.getByRole("status")).toHaveText("Two-step sign-in reset. They sign in with an emailed code and set up two-step sign-in again.");
  await engineer.goto("/engineer");
  await expect(engineer).toHaveURL(/\/login/);
  // Signed in again with the emailed code, they are sent to set the app up again before anything else.
  await emailStep(engineer, email);
  await turnOnTwoStep(engineer);
  await engineer.goto("/engineer");
  await expect(engineer).toHaveURL(/\/engineer$/);

  await admin.reload();
  const record = admin.getByRole("list", { name: "The practice's security activity" });
  await expect(record.getByRole("listitem").filter({ hasText: "Two-step sign-in reset by an admin" }).first()).toContainText("by Sam Rivera");

  await admin.getByRole("listitem", { name: email, exact: true }).getByText("Remove from staff…").click();
  await admin.getByRole("listitem", { name: email, exact: true }).getByRole("button", { name: `Remove ${email}` }).click();
  await expect(admin.getByRole("listitem", { name: email, exact: true })).toHaveCount(0);
  await engineer.context().close();
  await admin.context().close();
});
