import { generateSync } from "otplib";
import { expect, type Browser, type Page } from "@playwright/test";
import { randomInt } from "node:crypto";
import { DEMO_EMAILS, demoId } from "@/lib/dev/seed";

export const CLIENTS = {
  harbor: demoId("client:harbor"),
  kiwi: demoId("client:kiwi"),
  sakura: demoId("client:sakura"),
};

export const ACCOUNTS = DEMO_EMAILS;

export const authFile = (who: keyof typeof ACCOUNTS) => `tests/e2e/.auth/${who}.json`;

/**
 * A distinct client IP per test, so per-IP sign-in limits don't add up across the suite: 24 random bits (with 250
 * addresses, a sign-in spec once drew the address the flood spec had just filled, and failed).
 */
export const randomIp = () => `10.${randomInt(256)}.${randomInt(256)}.${1 + randomInt(254)}`;

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

/**
 * Creates a client through /clients/new as the admin on `page` and returns its path (/clients/<id>). A refusal
 * first: the form has made a round trip (and is hydrated) before the real submission, which on a loaded CI
 * machine otherwise raced the page's scripts. Creating a client writes its terms, audit and assignments in one
 * transaction: the redirect gets room for a loaded server.
 */
export async function createClientAs(page: Page, name: string, opts: { zone?: string; currency?: string } = {}): Promise<string> {
  await page.goto("/clients/new");
  const form = page.getByRole("form", { name: "New client" });
  await form.getByRole("button", { name: "Create client" }).click();
  await expect(form.getByRole("alert")).toBeVisible();
  await form.getByLabel("Business name").fill(name);
  if (opts.zone) await form.getByLabel("Time zone").selectOption(opts.zone);
  if (opts.currency) await form.getByLabel("Currency").selectOption(opts.currency);
  await form.getByRole("button", { name: "Create client" }).click();
  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}\/settings$/, { timeout: 30_000 });
  return new URL(page.url()).pathname.replace(/\/settings$/, "");
}

/** The header row of a Harvest detailed time export, as the importer reads it. */
export const HARVEST_HEADER = "Date,Client,Project,Project Code,Task,Notes,Hours,Billable?,Invoiced?,Approved?,First Name,Last Name,Roles,Employee?,Billable Rate,Billable Amount,Cost Rate,Cost Amount,Currency,External Reference URL";

/** An authenticator app's current code for a key the account page showed (spaces as shown). */
export const authenticatorCode = (key: string, offsetSeconds = 0) =>
  generateSync({ secret: key.replace(/\s/g, ""), epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

/**
 * A new staff member lands on /account and sets up two-step sign-in before any other page opens (lib/domain/two-step):
 * set up, confirm with the app's code, "I saved them". Returns the key and the recovery codes.
 */
export async function turnOnTwoStep(page: Page): Promise<{ key: string; codes: string[] }> {
  await expect(page).toHaveURL(/\/account\?setup=two-step#two-step$/);
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  const key = (await page.getByLabel("Authenticator key", { exact: true }).textContent())!;
  const form = page.getByRole("form", { name: "Turn on two-step sign-in" });
  await form.getByLabel("Code from your app").fill(authenticatorCode(key));
  await form.getByRole("button", { name: "Turn on" }).click();
  const shown = form.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(shown).toHaveCount(10);
  const codes = await shown.allTextContents();
  await form.getByRole("button", { name: "I saved them" }).click();
  await expect(page.getByText(/^On since/)).toBeVisible();
  return { key, codes };
}

/** A new browser (its own cookies, address and User-Agent) that signs in as `email` with an emailed code and lands on `lands`. */
export async function signInOnDevice(browser: Browser, email: string, { ip, userAgent, lands = /\/no-access$/ }: { ip: string; userAgent?: string; lands?: RegExp }): Promise<Page> {
  const context = await browser.newContext({ ...(userAgent ? { userAgent } : {}), extraHTTPHeaders: { "x-forwarded-for": ip } });
  const device = await context.newPage();
  await requestCode(device, email);
  await device.getByLabel("Sign-in code").fill(await latestCode(device, email));
  await device.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(device).toHaveURL(lands);
  return device;
}

/** The admin on `admin` (on /staff) invites `email` to the practice as an engineer; returns the mailed link. */
export async function inviteEngineer(admin: Page, email: string): Promise<string> {
  const invite = admin.getByRole("form", { name: "Invite to the practice" });
  await invite.getByLabel("Email").fill(email);
  await invite.getByLabel("Role").selectOption("engineer");
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(invite.getByRole("status")).toHaveText(`Invitation sent to ${email}.`);
  const mailbox = await admin.context().newPage();
  await mailbox.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  const body = await mailbox.getByRole("article").first().getByLabel("Plain-text version").textContent();
  await mailbox.close();
  return /(http:\/\/\S+\/invite\/\S+)/.exec(body ?? "")![1];
}

/** Opens an invitation link in a new browser and accepts it: signed in (staff then set up two-step sign-in first). */
export async function acceptInNewBrowser(browser: Browser, link: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await page.getByRole("button", { name: "Accept and sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/invite"));
  return page;
}
