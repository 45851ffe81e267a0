import { chromium } from "@playwright/test";
const base = "http://localhost:3000";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox","--disable-gpu"] });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await ctx.newPage();
page.on("pageerror", e => console.log("pageerror", e.message));
async function signIn(email) {
  await page.goto(base + "/login");
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Email me a code" }).click();
  await page.waitForURL(/verify/);
  const mp = await ctx.newPage();
  await mp.goto(base + "/dev/mailbox?to=" + encodeURIComponent(email));
  const code = (await mp.locator("h2").first().textContent()).match(/(\d{6})/)[1];
  await mp.close();
  await page.getByLabel("Sign-in code").fill(code);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(u => !u.pathname.startsWith("/login"));
  await page.waitForLoadState("networkidle");
}
const who = process.argv[2];
await signIn(who);
for (const path of process.argv.slice(3)) {
  const [p, name] = path.split("=");
  await page.goto(base + p.replace("HARBOR", "/clients/" + process.env.HARBOR));
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
}
if (process.env.LOG) {
  await page.goto(base + "/clients/" + process.env.HARBOR);
  await page.keyboard.press("l");
  await page.waitForTimeout(300);
  await page.keyboard.type("1:30");
  await page.getByLabel("What did you do?").fill("Keyboard entry");
  await page.screenshot({ path: `/tmp/shots/dialog.png` });
  await page.keyboard.press("Enter");
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/shots/after-log.png`, fullPage: true });
}
await browser.close();
