import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { latestCode, randomIp, requestCode } from "./helpers";
import { axeOn } from "./axe";

// Passkeys (issue 29): added on /account, used as the second step of signing in, and removed, in Chromium with its
// virtual authenticator (the WebAuthn domain of the DevTools protocol) standing in for a laptop's Touch ID: a real
// browser runs navigator.credentials against the real server.

async function withAuthenticator(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { cdp, authenticatorId };
}

async function emailStep(page: Page, email: string) {
  await requestCode(page, email);
  await page.getByLabel("Sign-in code").fill(await latestCode(page, email));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("a person adds a passkey and signs in with it as the second step; a wiped authenticator is refused in words", async ({ browser }) => {
  test.setTimeout(120_000);
  const email = `passkey-${Date.now()}@example.test`;
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomIp() } });
  const page = await context.newPage();
  const { cdp, authenticatorId } = await withAuthenticator(context, page);
  await emailStep(page, email);
  await expect(page).toHaveURL(/\/no-access$/);

  await page.goto("/account#two-step");
  const card = page.locator("#two-step");
  await expect(card.getByText("Off. Anyone who can read your email can sign in as you.")).toBeVisible();
  const add = card.getByRole("form", { name: "Add a passkey" });
  // A name is needed: the refusal says so, and the authenticator is not asked yet.
  await add.getByRole("button", { name: "Add a passkey" }).click();
  await expect(add.getByText(/Name this passkey/)).toBeVisible();
  await add.getByLabel("Name for the new passkey").fill("Work laptop");
  await add.getByRole("button", { name: "Add a passkey" }).click();
  await expect(add.getByRole("status")).toHaveText("Two-step sign-in is on. Keep your recovery codes somewhere safe.");
  await expect(add.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials).toHaveLength(1);
  await add.getByRole("button", { name: "I saved them" }).click();
  await expect(card.getByText(/^On\. After the emailed code, you sign in with a passkey\./)).toBeVisible();
  await expect(card.getByRole("list", { name: "Your passkeys" }).getByRole("listitem")).toContainText(["Work laptop"]);
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const { violations } = await axeOn(page).include("#two-step").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(violations.map((v) => v.id), `axe on the passkey list at ${width} px`).toEqual([]);
  }
  await page.setViewportSize({ width: 1280, height: 720 });

  // Sign out, sign in again: after the emailed code, the passkey (the virtual authenticator answers at once).
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await emailStep(page, email);
  await expect(page.getByRole("heading", { name: "Second step" })).toBeVisible();
  await expect(page.getByText("Use your passkey.", { exact: false })).toBeVisible();
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page).toHaveURL(/\/no-access$/);
  await page.goto("/account#sessions");
  await expect(page.getByRole("list", { name: "Your sessions" }).getByRole("listitem").filter({ hasText: "This browser" })).toContainText("Two-step");
  const activity = page.getByRole("list", { name: "Your recent security activity" });
  await expect(activity.getByText(/passkey “Work laptop”/).first()).toBeVisible();

  // The authenticator no longer holds the passkey (wiped): a clear refusal in words, and no session.
  await page.getByRole("button", { name: "Sign out" }).click();
  await cdp.send("WebAuthn.clearCredentials", { authenticatorId });
  await emailStep(page, email);
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page.getByRole("form", { name: "Sign in with a passkey" }).getByRole("alert")).toContainText(/cancelled or timed out|could not use a passkey/);
  await expect(page).toHaveURL(/\/login\/second-factor/);
  await context.close();
});

test("at 390 px the second step offers the passkey first; a recovery code gets in; removing the last passkey turns two-step off", async ({ browser }) => {
  const email = `passkey-phone-${Date.now()}@example.test`;
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, extraHTTPHeaders: { "x-forwarded-for": randomIp() } });
  const page = await context.newPage();
  await withAuthenticator(context, page);
  await emailStep(page, email);
  await expect(page).toHaveURL(/\/no-access$/);
  await page.goto("/account#two-step");
  const add = page.getByRole("form", { name: "Add a passkey" });
  await add.getByLabel("Name for the new passkey").fill("Phone");
  await add.getByRole("button", { name: "Add a passkey" }).click();
  await expect(add.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  const codes = await add.getByRole("list", { name: "Recovery codes" }).getByRole("listitem").allTextContents();
  expect(codes).toHaveLength(10);
  await add.getByRole("button", { name: "I saved them" }).click();

  await page.getByRole("button", { name: "Sign out" }).click();
  await emailStep(page, email);
  const passkey = page.getByRole("button", { name: "Use a passkey" });
  const field = page.getByLabel("Recovery code");
  expect((await passkey.boundingBox())!.y).toBeLessThan((await field.boundingBox())!.y);
  // The recovery code, then remove the passkey from /account: two-step sign-in is off and the codes are gone.
  await field.fill(codes[0]);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/no-access$/);
  await page.goto("/account#two-step");
  await page.getByRole("button", { name: "Remove Phone" }).click();
  await expect(page.locator("#two-step").getByText("Off. Anyone who can read your email can sign in as you.")).toBeVisible();
  await context.close();
});
