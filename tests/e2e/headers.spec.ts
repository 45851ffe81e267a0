// Every page carries a strict CSP and the other security headers; the client bundle holds no secrets.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";
import { CLIENTS, pageAs } from "./helpers";

const PAGES = ["/login", "/engineer", `/clients/${CLIENTS.harbor}`, `/clients/${CLIENTS.harbor}/hours`, `/clients/${CLIENTS.harbor}/roadmap`, "/billing"];

test("pages send a nonce-based CSP, frame-ancestors 'none', Referrer-Policy and nosniff", async ({ browser }) => {
  const page = await pageAs(browser, "sam");
  const errors: string[] = [];
  page.on("console", (m) => { if (m.type() === "error" && /Content Security Policy/i.test(m.text())) errors.push(m.text()); });
  for (const p of PAGES) {
    const response = await page.goto(p);
    const h = response!.headers();
    expect(h["content-security-policy"], p).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(h["content-security-policy"], p).toContain("frame-ancestors 'none'");
    expect(h["content-security-policy"], p).toContain("object-src 'none'");
    expect(h["content-security-policy"], p).toContain("base-uri 'none'"); // ASVS 5.0 3.4.3: no <base> may redirect relative URLs
    expect(h["referrer-policy"], p).toBe("strict-origin-when-cross-origin");
    expect(h["x-content-type-options"], p).toBe("nosniff");
    // Pages hold a person's ledger and invoices: no browser or shared cache keeps them (ASVS 14.3.2).
    expect(h["cache-control"], p).toContain("no-store");
    // Two years, subdomains included, from every production build (ASVS 3.4.1; ignored by browsers over http).
    expect(h["strict-transport-security"], p).toBe("max-age=63072000; includeSubDomains");
  }
  // The app still works under the policy: the log-time dialog is client-side script.
  await page.goto(`/clients/${CLIENTS.harbor}`);
  await page.locator("body").press("l");
  await expect(page.getByRole("dialog", { name: "Log time" })).toBeVisible();
  expect(errors).toEqual([]);
});

test("the client bundle contains no server secret names or values", async () => {
  const dir = path.join(process.cwd(), ".next", "static");
  const files = fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js"));
  expect(files.length).toBeGreaterThan(5);
  const needles = ["SESSION_SECRET", "DATABASE_URL", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "ANTHROPIC_API_KEY", "CRON_SECRET", "SMTP_URL",
    "sk_test_", "sk_live_", "whsec_", "retainer_app:", "postgres://"];
  const found: string[] = [];
  for (const f of files) {
    const text = fs.readFileSync(path.join(dir, f), "utf8");
    for (const n of needles) if (text.includes(n)) found.push(`${f}: ${n}`);
  }
  expect(found).toEqual([]);
});

test("TRACE is refused with 405 and TRACK by Node's parser, signed in or not; nothing is echoed (ASVS 13.4.4)", async ({ browser, request }) => {
  const signedIn = (await pageAs(browser, "sam")).request;
  for (const client of [request, signedIn]) {
    for (const [method, status] of [["TRACE", 405], ["TRACK", 400]] as const) {
      for (const p of ["/", "/login", `/clients/${CLIENTS.harbor}`, "/api/v1/clients"]) {
        const response = await client.fetch(p, { method });
        expect(response.status(), `${method} ${p}`).toBe(status);
        expect(await response.text(), `${method} ${p} echoes nothing`).toBe("");
      }
    }
  }
});
