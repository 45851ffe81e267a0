import { expect, test } from "./fixtures";
import { latestCode, requestCode, signInOnDevice } from "./helpers";

test("a wrong code is refused with a clear message, the right one signs in", async ({ page }) => {
  await requestCode(page, "yuki@sakura-ceramics.test");
  const code = await latestCode(page, "yuki@sakura-ceramics.test");
  await page.getByLabel("Sign-in code").fill(code === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("That code is not right. Check the latest email and try again.").first()).toBeVisible();
  await page.getByLabel("Sign-in code").fill(code);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "Sakura Ceramics" })).toBeVisible();
});

test("a malformed email or code gets a field error and keeps what was typed", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Work email").fill("not-an-email");
  await page.getByRole("button", { name: "Email me a code" }).click();
  await expect(page.getByText("Enter a valid email address, like name@company.com.")).toBeVisible();
  await expect(page.getByLabel("Work email")).toHaveValue("not-an-email");
  await expect(page.getByLabel("Work email")).toHaveAttribute("aria-invalid", "true");
});

test("asking for too many codes is limited with a clear message", async ({ page }) => {
  const email = `flood-${Date.now()}@example.test`;
  for (let i = 0; i < 5; i++) await requestCode(page, email);
  await page.goto("/login");
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Email me a code" }).click();
  await expect(page.getByRole("form", { name: "Sign in with email" }).getByRole("alert")).toHaveText(/Too many sign-in codes were requested\. Try again in \d+ minutes?\./);
});

test("an email with no client gets a 'no access yet' page, not an error", async ({ page }) => {
  const email = `stranger-${Date.now()}@example.test`;
  await requestCode(page, email);
  await page.getByLabel("Sign-in code").fill(await latestCode(page, email));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/no-access$/);
  await expect(page.getByRole("heading", { name: "No access yet" })).toBeVisible();
  await page.getByRole("button", { name: "Sign in with a different email" }).click();
  await expect(page).toHaveURL(/\/login(\?next=[^&]+)?$/);
});

test("signed-out visitors of portal pages are sent to sign in, and back to the page after", async ({ page }) => {
  await page.goto("/billing?tab=jobs");
  await expect(page).toHaveURL(/\/login\?next=%2Fbilling%3Ftab%3Djobs$/);
  await expect(page.getByText("Sign in to continue where the link leads.")).toBeVisible();
  const form = page.getByRole("form", { name: "Sign in with email" });
  await form.getByLabel("Work email").fill("priya@practice.test");
  await form.getByRole("button", { name: "Email me a code" }).click();
  await expect(page).toHaveURL(/\/login\/verify\?.*next=%2Fbilling%3Ftab%3Djobs/);
  await page.getByLabel("Sign-in code").fill(await latestCode(page, "priya@practice.test"));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/billing\?tab=jobs$/);
});

test("a return path to another site is ignored: signing in goes home", async ({ page }) => {
  for (const next of ["https://evil.example/", "/\\evil.example", "javascript:alert(1)", "/login?next=/engineer"]) {
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await expect(page.getByText("Sign in to continue where the link leads.")).toHaveCount(0);
  }
  await page.goto(`/login?next=${encodeURIComponent("//evil.example/x")}`);
  await expect(page.getByText("Sign in to continue where the link leads.")).toHaveCount(0);
  await page.getByLabel("Work email").fill("priya@practice.test");
  await page.getByRole("button", { name: "Email me a code" }).click();
  await expect(page).not.toHaveURL(/next=/);
  await page.getByLabel("Sign-in code").fill(await latestCode(page, "priya@practice.test"));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/engineer$/);
});

test("the session cookie is __Host- prefixed, HttpOnly, SameSite=Lax and lasts 7 days", async ({ page, context }) => {
  await requestCode(page, "priya@practice.test");
  await page.getByLabel("Sign-in code").fill(await latestCode(page, "priya@practice.test"));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/engineer$/);
  const cookie = (await context.cookies()).find((c) => c.name === "__Host-rp_session")!;
  expect(cookie.path).toBe("/");
  expect(cookie.domain).toBe("localhost"); // host-only: no Domain attribute
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.sameSite).toBe("Lax");
  expect(cookie.secure).toBe(true); // production build
  const days = (cookie.expires - Date.now() / 1000) / 86400;
  expect(days).toBeGreaterThan(6.9);
  expect(days).toBeLessThanOrEqual(7);
  // Sign out is a plain form post: the browser loads /login in full, told to clear this site's data (ASVS 14.3.1).
  const [signedOut] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === "/logout" && r.request().method() === "POST"),
    page.getByRole("button", { name: "Sign out" }).click(),
  ]);
  expect(signedOut.status()).toBe(303);
  expect((await signedOut.allHeaders())["clear-site-data"]).toBe('"cache", "cookies", "storage"');
  await expect(page).toHaveURL(/\/login(\?next=[^&]+)?$/);
  expect((await context.cookies()).find((c) => c.name === "__Host-rp_session")).toBeUndefined();
});

test("signing out ends the session on the server: a copy of the cookie taken before no longer gets in", async ({ page, context, browser }) => {
  await requestCode(page, "priya@practice.test");
  await page.getByLabel("Sign-in code").fill(await latestCode(page, "priya@practice.test"));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/engineer$/);
  const stolen = await context.storageState();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login(\?next=[^&]+)?$/);
  const thief = await browser.newContext({ storageState: stolen });
  const other = await thief.newPage();
  await other.goto("/engineer");
  await expect(other).toHaveURL(/\/login(\?next=[^&]+)?$/);
  await thief.close();
});

test("Sign out everywhere on the account page ends the sessions on every other device", async ({ page, browser }) => {
  // Several browsers and mailed links in one journey: 30 s ran out under a full run on 2 cores.
  const email = `everywhere-${Date.now()}@example.test`;
  const laptop = await signInOnDevice(browser, email, { ip: "203.0.113.10" });
  const phone = await signInOnDevice(browser, email, { ip: "203.0.113.11" });
  await laptop.goto("/account");
  await expect(laptop.getByRole("heading", { name: "Your account" })).toBeVisible();
  await expect(laptop.getByRole("main").getByText(email)).toBeVisible();
  await laptop.getByText("Sign out everywhere…").click();
  // Redirect answers are seen through the requests they end (a 303 is no page "response").
  const cleared: string[] = [];
  const watch = (device: typeof laptop, label: string) => device.on("requestfinished", async (req) => {
    const res = await req.response();
    if (new URL(req.url()).pathname === "/logout" && res && (await res.allHeaders())["clear-site-data"]) cleared.push(label);
  });
  watch(laptop, "laptop");
  watch(phone, "phone");
  await laptop.getByRole("button", { name: "Sign out on every device" }).click();
  await expect(laptop).toHaveURL(/\/login\?ended=everywhere$/);
  await expect(laptop.getByRole("status")).toHaveText(/signed out on every device/);
  // The other device, at its next page, is sent through /logout too: both drop what they kept (ASVS 14.3.1).
  await phone.goto("/account");
  await expect(phone).toHaveURL(/\/login(\?next=[^&]+)?$/);
  await expect.poll(() => [...cleared].sort()).toEqual(["laptop", "phone"]);
  // A link to /logout from anywhere signs nobody out: a live session only goes home.
  const fresh = await signInOnDevice(browser, email, { ip: "203.0.113.12" });
  const res = await fresh.request.get("/logout", { maxRedirects: 0 });
  expect(res.status()).toBe(303);
  expect(res.headers()["clear-site-data"]).toBeUndefined();
  await fresh.goto("/account");
  await expect(fresh.getByRole("heading", { name: "Your account" })).toBeVisible();
  await page.close();
});

test("a code works only in the browser that asked for it, and no address rides in the URL", async ({ page, browser }) => {
  const email = `bound-${Date.now()}@example.test`;
  await requestCode(page, email);
  expect(page.url()).not.toContain("@");
  expect(new URL(page.url()).searchParams.has("email")).toBe(false);
  await expect(page.getByText(`We sent a 6-digit code to ${email}`)).toBeVisible();
  const code = await latestCode(page, email);

  // Another browser, even with the verify page's address and the right code, has nothing to type it into.
  const other = await (await browser.newContext()).newPage();
  await other.goto(page.url());
  await expect(other.getByText("Start from the sign-in page, in this browser")).toBeVisible();
  await expect(other.getByLabel("Sign-in code")).toHaveCount(0);
  await other.context().close();

  await page.getByLabel("Sign-in code").fill(code);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/no-access$/);
});
