import { expect, type Browser, type Page } from "@playwright/test";
import { DEMO_EMAILS, demoId } from "@/lib/dev/seed";

export const CLIENTS = {
  harbor: demoId("client:harbor"),
  kiwi: demoId("client:kiwi"),
  sakura: demoId("client:sakura"),
};

export const ACCOUNTS = DEMO_EMAILS;

export const authFile = (who: keyof typeof ACCOUNTS) => `tests/e2e/.auth/${who}.json`;

/** A distinct client IP per test, so per-IP sign-in limits don't add up across the suite. */
export const randomIp = () => `198.51.100.${1 + Math.floor(Math.random() * 250)}`;

/**
 * Reads the newest sign-in code sent to `email` from the dev mailbox: from the body, where the code stands
 * alone on its line (the subject never carries it: lock screens show subjects).
 */
export async function latestCode(page: Page, email: string): Promise<string> {
  const mailbox = await page.context().newPage();
  await mailbox.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  const mail = mailbox.getByRole("article").first();
  const [subject, body] = await Promise.all([mail.getByRole("heading").textContent(), mail.getByLabel("Plain-text version").textContent()]);
  await mailbox.close();
  expect(subject, "the sign-in code stays out of the subject").not.toMatch(/\d{6}/);
  const code = /^(\d{6})$/m.exec(body ?? "")?.[1];
  expect(code, `no code in the mailbox for ${email}`).toBeTruthy();
  return code!;
}

export async function requestCode(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Email me a code" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
}

export async function signIn(page: Page, email: string) {
  await requestCode(page, email);
  const code = await latestCode(page, email);
  await page.getByLabel("Sign-in code").fill(code);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** A fresh signed-in page for an account whose session the setup project saved. */
export async function pageAs(browser: Browser, who: keyof typeof ACCOUNTS): Promise<Page> {
  const context = await browser.newContext({ storageState: authFile(who), extraHTTPHeaders: { "x-forwarded-for": randomIp() } });
  return context.newPage();
}
