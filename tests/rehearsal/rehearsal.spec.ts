// The production rehearsal, the journey of a practice's first month on a real deployment (the stack is in
// stack.ts): the first admin is made with `npm run staff`, signs in with a mailed code, sets the practice
// up, creates a client with terms from last month and invites an engineer; the engineer accepts, is
// assigned, invites the owner, logs last month's hours and publishes an update drafted with Claude; the
// cron route closes last month into one finalized, sent Stripe invoice; a signed `invoice.paid` arrives and
// the owner sees it paid; the admin removes the engineer, whose open session stops working at once.
// Finally every line the app logged is scanned for every code, token and secret the run issued.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { generateSync } from "otplib";
import Stripe from "stripe";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { addDays, addMonths, localDate, monthOf } from "@/lib/domain/dates";
import { sessionCookieName } from "@/lib/auth/jwt";
import { openConnection } from "@/lib/db/connection";
import { makeTestCa } from "../support/test-ca";
import { APP_URL, LOG_FILE, PORTS, SECOND_URL, appDatabaseEnv, rehearsalSecrets } from "./settings";

const s = rehearsalSecrets();
const started = Date.now();
const run = Date.now().toString(36);
const people = {
  admin: `founder-${run}@rivera.test`,
  engineer: `engineer-${run}@rivera.test`,
  owner: `owner-${run}@lighthouse-dental.test`,
  member: `member-${run}@lighthouse-dental.test`,
};
/** Every one-time secret the run was handed (codes, invitation tokens, session tokens), for the final scan. */
const issued = new Map<string, string>();

interface Mail { to: string[]; subject: string; text: string; html: string | null; at: string }

/** The person's newest mail that matches, as their inbox shows it; the send-mail cron runs as Vercel Cron calls it (GET). */
async function mailTo(email: string, match: RegExp, after: string): Promise<Mail> {
  let found: Mail | undefined;
  await expect.poll(async () => {
    await fetch(`${APP_URL}/api/cron/send-mail`, { headers: { authorization: `Bearer ${s.cronSecret}` } });
    const inbox = (await (await fetch(`http://127.0.0.1:${PORTS.inbox}/?to=${encodeURIComponent(email)}`)).json()) as Mail[];
    found = inbox.filter((m) => m.at > after && (match.test(m.subject) || match.test(m.text))).at(-1);
    return Boolean(found);
  }, { timeout: 20_000, message: `no mail to ${email} matching ${match}` }).toBe(true);
  return found!;
}

async function signIn(page: Page, email: string, label: string) {
  const asked = new Date().toISOString();
  await page.goto("/login");
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Email me a code" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const mail = await mailTo(email, /sign-in code/, asked);
  // The code is in the body only (lock screens show subjects), in the text and the HTML part alike.
  expect(mail.subject).not.toMatch(/\d{6}/);
  const code = /^(\d{6})$/m.exec(mail.text)![1];
  expect(mail.html).toContain(`>${code}<`);
  issued.set(`sign-in code of the ${label}`, code);
  await page.getByLabel("Sign-in code").fill(code);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await rememberSession(page.context(), label);
}

/**
 * Staff sign in with two steps (lib/domain/two-step): a new staff member lands on /account and sets up an
 * authenticator app before any other page opens. The key is read from the page; the code computed from it, as an
 * app would. The key and the recovery codes join what the log must never show.
 */
async function turnOnTwoStep(page: Page, label: string) {
  await expect(page).toHaveURL(/\/account\?setup=two-step#two-step$/);
  await expect(page.getByRole("alert").filter({ hasText: "Staff sign in with two steps." })).toBeVisible();
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  const key = (await page.getByLabel("Authenticator key", { exact: true }).textContent())!.replace(/\s/g, "");
  issued.set(`authenticator key of the ${label}`, key);
  const form = page.getByRole("form", { name: "Turn on two-step sign-in" });
  await form.getByLabel("Code from your app").fill(generateSync({ secret: key, epoch: Math.floor(Date.now() / 1000) }));
  await form.getByRole("button", { name: "Turn on" }).click();
  const codes = form.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  (await codes.allTextContents()).forEach((c, i) => issued.set(`recovery code ${i + 1} of the ${label}`, c));
  await form.getByRole("button", { name: "I saved them" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Staff sign in with two steps." })).toHaveCount(0);
}

async function rememberSession(context: BrowserContext, label: string) {
  const cookie = (await context.cookies()).find((c) => c.name === sessionCookieName(true));
  expect(cookie, `a session cookie for the ${label}`).toBeTruthy();
  issued.set(`session token of the ${label}`, cookie!.value);
}

async function acceptInvitation(browser: Browser, email: string, label: string, after: string): Promise<Page> {
  const mail = await mailTo(email, /\/invite\//, after);
  const link = /(https?:\/\/\S+\/invite\/[\w-]+)/.exec(mail.text)![1];
  expect(link.startsWith(`${APP_URL}/invite/`)).toBe(true);
  issued.set(`invitation token of the ${label}`, link.split("/invite/")[1]);
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await page.getByRole("button", { name: "Accept and sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/invite"));
  await rememberSession(page.context(), label);
  return page;
}

/** The zone where it is closest to noon now, so the journey never straddles the client's midnight. */
function noonZone(now = new Date()): string {
  const zones = ["Pacific/Honolulu", "America/Anchorage", "America/Los_Angeles", "America/Denver", "America/Chicago",
    "America/New_York", "America/Halifax", "America/Sao_Paulo", "Atlantic/South_Georgia", "Atlantic/Azores", "Europe/London",
    "Europe/Berlin", "Europe/Athens", "Europe/Moscow", "Asia/Dubai", "Asia/Karachi", "Asia/Dhaka", "Asia/Bangkok",
    "Asia/Shanghai", "Asia/Tokyo", "Australia/Brisbane", "Pacific/Noumea", "Pacific/Auckland", "Pacific/Tongatapu"];
  const hour = (zone: string) => Number(new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "numeric", hourCycle: "h23" }).format(now));
  return zones.reduce((best, z) => (Math.abs(hour(z) - 12) < Math.abs(hour(best) - 12) ? z : best));
}

const CLIENT_PAGES = {
  staff: ["", "/hours", "/roadmap", "/updates", "/handbook", "/handbook/new", "/statements", "/invoices", "/activity", "/ai", "/settings"],
  owner: ["", "/hours", "/roadmap", "/updates", "/handbook", "/statements", "/invoices", "/activity", "/ai", "/settings"],
  member: ["", "/hours", "/roadmap", "/updates", "/handbook", "/statements"],
};

/** The empty client (no terms, entries, invoices or updates): every page this person may open renders. */
async function sweep(page: Page, clientId: string, who: string, paths: string[]) {
  for (const path of paths) {
    const response = await page.goto(`/clients/${clientId}${path}`);
    expect(response?.status(), `${who} ${path || "dashboard"}`).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByText("Something went wrong")).toHaveCount(0);
  }
}

/**
 * A page as the deployment's second app server answers it to this person (their own cookie: cookies name a host, not
 * a port), with whether it came from that server's page cache (lib/platform/response-cache.mjs).
 */
async function onSecond(page: Page, path: string) {
  const res = await page.request.get(`${SECOND_URL}${path}`, { maxRedirects: 0 });
  expect(res.status(), `${path} on the second server`).toBe(200);
  return { cache: res.headers()["x-rp-cache"] ?? null, html: await res.text() };
}

/** The page on the second server after a write through the first: rendered anew and showing it, then kept again. */
async function freshOnSecond(page: Page, path: string, shows: string | RegExp, what: string) {
  const after = await onSecond(page, path);
  expect(after.cache, `${what}: not the copy kept before`).not.toBe("hit");
  expect(after.html, what).toMatch(shows);
  await expect.poll(async () => (await onSecond(page, path)).cache, { message: `${what}: kept again` }).toBe("hit");
  expect((await onSecond(page, path)).html, `${what}, from the cache`).toMatch(shows);
}

test("a practice's first month on a production deployment, and nothing secret in its log", async ({ browser }) => {
  const zone = noonZone();
  const today = localDate(new Date(), zone);
  const lastMonth = addMonths(monthOf(today), -1);
  const lastDay = addDays(monthOf(today), -1);
  const clientName = `Lighthouse Dental ${run}`;
  let clientId = "";
  let stripeInvoiceId = "";

  const admin = await (await browser.newContext()).newPage();
  await test.step("the database answers only over TLS verified against its CA, through the transaction pooler", async () => {
    // The app's own settings (DATABASE_TLS=verify-full, DATABASE_CA_FILE) reach it; another CA's are refused.
    const right = openConnection(appDatabaseEnv(s).DATABASE_URL, { max: 1, prepare: false, ssl: { rejectUnauthorized: true, ca: fs.readFileSync(appDatabaseEnv(s).DATABASE_CA_FILE, "utf8") } });
    try {
      const [row] = await right<{ ssl: boolean }[]>`select ssl from pg_stat_ssl where pid = pg_backend_pid()`;
      expect(row.ssl).toBe(true); // PgBouncer's own connection to the server is TLS too
    } finally {
      await right.end();
    }
    const impostor = makeTestCa(undefined, "Impostor CA");
    const wrong = openConnection(appDatabaseEnv(s).DATABASE_URL, { max: 1, prepare: false, ssl: { rejectUnauthorized: true, ca: impostor.ca } });
    await expect(wrong`select 1`).rejects.toThrow(/unable to verify|self.signed|certificate/);
    await wrong.end();
    const plain = openConnection(appDatabaseEnv(s).DATABASE_URL, { max: 1, prepare: false, ssl: false });
    await expect(plain`select 1`).rejects.toThrow();
    await plain.end();
  });

  await test.step("npm run staff adds the first admin, who signs in with the mailed code", async () => {
    // As an operator runs it against the hosted database: through the pooler, TLS verified (README, step 3).
    const env = { ...process.env, ...appDatabaseEnv(s) };
    const bad = spawnSync("npm", ["run", "--silent", "staff", "--", "add", "not-an-email", "--role", "admin"], { encoding: "utf8", env });
    expect(bad.status).not.toBe(0);
    const add = spawnSync("npm", ["run", "--silent", "staff", "--", "add", people.admin, "--role", "admin"], { encoding: "utf8", env });
    expect(add.status, add.stderr).toBe(0);
    expect(add.stdout).toContain(people.admin);
    const again = spawnSync("npm", ["run", "--silent", "staff", "--", "add", people.admin, "--role", "admin"], { encoding: "utf8", env });
    expect(again.status, again.stderr).toBe(0);

    // Before anything else exists, every page the admin can reach renders (the empty practice).
    await signIn(admin, people.admin, "admin");
    // Someone new is asked their name once (issue 28, item 7), on whatever page they land: for staff, the account
    // page, where two-step sign-in is set up first.
    const welcome = admin.getByRole("form", { name: "Your name" });
    await welcome.getByLabel("Your name").fill("Dana First");
    await welcome.getByLabel("Your time zone").selectOption(zone);
    await welcome.getByRole("button", { name: "Save" }).click();
    await expect(admin.getByRole("form", { name: "Your name" })).toHaveCount(0);
    expect((await admin.goto("/engineer"))?.url()).toContain("/account?setup=two-step"); // closed until the second step is set up
    await turnOnTwoStep(admin, "admin");
    await admin.goto("/engineer");
    await expect(admin.getByText("No clients yet", { exact: true })).toBeVisible();
    await expect(admin.getByRole("heading", { name: "Good to see you, Dana" })).toBeVisible();
    for (const path of ["/billing", "/settings", "/staff", "/clients/new"]) {
      const response = await admin.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(admin.getByText("Something went wrong")).toHaveCount(0);
    }
  });

  await test.step("the admin sets up the practice, creates the client and invites an engineer", async () => {
    await admin.goto("/settings");
    const settings = admin.getByRole("form", { name: "Practice settings" });
    await settings.getByLabel("Practice name").fill("Rivera Fractional Engineering");
    await settings.getByLabel("Invoice email").fill("billing@rivera.test");
    await settings.getByLabel("Payment terms (days)").fill("14");
    await settings.getByRole("button", { name: "Save settings" }).click();
    await expect(settings.getByRole("status")).toBeVisible();

    await admin.goto("/clients/new");
    const form = admin.getByRole("form", { name: "New client" });
    await form.getByLabel("Business name").fill(clientName);
    await form.getByLabel("Time zone").selectOption(zone);
    await form.getByLabel("Currency").selectOption("USD");
    await form.getByLabel("Billing email").fill("accounts@lighthouse-dental.test");
    // New clients are billed in advance by default (issue 27); this practice bills its first client in arrears, so
    // last month's close is the one invoice of fee and overage below. (Advance billing: tests/integration/timing.test.ts.)
    await expect(form.getByLabel("Billing timing")).toHaveValue("advance");
    await form.getByLabel("Billing timing").selectOption("arrears");
    await form.getByRole("button", { name: "Create client" }).click();
    await expect(admin).toHaveURL(/\/clients\/[0-9a-f-]{36}\/settings$/);
    clientId = /\/clients\/([0-9a-f-]{36})\//.exec(admin.url())![1];

    await sweep(admin, clientId, "admin", CLIENT_PAGES.staff);

    await admin.goto("/staff");
    const invite = admin.getByRole("form", { name: "Invite to the practice" });
    await invite.getByLabel("Email").fill(people.engineer);
    await invite.getByLabel("Role").selectOption("engineer");
    await invite.getByRole("button", { name: "Send invitation" }).click();
    await expect(invite.getByRole("status")).toHaveText(`Invitation sent to ${people.engineer}.`);
  });

  let engineer: Page;
  await test.step("the engineer accepts from the mailed link and is assigned the client", async () => {
    engineer = await acceptInvitation(browser, people.engineer, "engineer", new Date(started).toISOString());
    await turnOnTwoStep(engineer, "engineer");
    await engineer.goto("/engineer");
    await expect(engineer.getByText("No clients yet", { exact: true })).toBeVisible(); // not assigned yet
    expect((await engineer.goto("/billing"))?.status()).toBe(200);
    // One rule for billing (issue 28, item 6): engineers bill the clients assigned to them, and say so when none is.
    await expect(engineer.getByText("No clients assigned to you yet")).toBeVisible();
    await admin.goto(`/clients/${clientId}/settings`);
    const assign = admin.getByRole("form", { name: /Assign an engineer/ });
    await assign.getByLabel("Assign an engineer").selectOption({ label: people.engineer });
    await assign.getByRole("button", { name: "Assign" }).click();
    await expect(admin.getByText("Engineer assigned.")).toBeVisible(); // the action finished before the engineer looks
    // The first load after "Engineer assigned." shows the client (issue 28, item 20): the action answers only
    // after its transaction committed, every statement reads committed data (read committed, through the
    // transaction pooler too), and the engineer's home reads the database on every request with no cache.
    await engineer.goto("/engineer");
    await expect(engineer.getByRole("heading", { name: clientName })).toBeVisible();
    await sweep(engineer, clientId, "engineer", CLIENT_PAGES.staff);
  });

  let owner: Page;
  await test.step("the engineer invites the owner and a member, who accept from the mailed links", async () => {
    const invited = new Date().toISOString();
    await engineer.goto(`/clients/${clientId}/settings`);
    const form = engineer.getByRole("form", { name: "Invite someone" });
    for (const [email, role] of [[people.owner, "owner"], [people.member, "member"]] as const) {
      await form.getByLabel("Invite by email").fill(email);
      await form.getByLabel("Role").selectOption(role);
      await form.getByRole("button", { name: "Send invitation" }).click();
      await expect(form.getByRole("status")).toHaveText(`Invitation sent to ${email}.`);
      await expect(engineer.getByRole("listitem", { name: `Invitation to ${email}` })).toContainText(role === "owner" ? "Owner" : "Member");
    }
    owner = await acceptInvitation(browser, people.owner, "owner", invited);
    await expect(owner).toHaveURL(new RegExp(`/clients/${clientId}$`));
    await sweep(owner, clientId, "owner", CLIENT_PAGES.owner);
    const member = await acceptInvitation(browser, people.member, "member", invited);
    await sweep(member, clientId, "member", CLIENT_PAGES.member);
    expect((await member.goto(`/clients/${clientId}/invoices`))?.status()).toBe(404);
  });

  await test.step("a second app server on the same database keeps the owner's dashboard and serves it from memory", async () => {
    await expect.poll(async () => (await fetch(`${SECOND_URL}/login`).catch(() => null))?.status ?? 0, { timeout: 60_000 }).toBe(200);
    await expect.poll(async () => (await onSecond(owner, `/clients/${clientId}`)).cache).toBe("hit");
    const kept = await onSecond(owner, `/clients/${clientId}`);
    expect(kept.html).toContain(clientName);
    // Each answer from the cache carries a nonce of its own, in its policy and on its scripts.
    const res = await owner.request.get(`${SECOND_URL}/clients/${clientId}`);
    const nonce = /'nonce-([^']+)'/.exec(res.headers()["content-security-policy"])![1];
    expect(res.headers()["x-rp-cache"]).toBe("hit");
    expect(await res.text()).toContain(`nonce="${nonce}"`);
    expect(kept.html).not.toContain(nonce);
  });

  await test.step("the admin sets the retainer terms from last month", async () => {
    await admin.goto(`/clients/${clientId}/settings`);
    const terms = admin.getByRole("form", { name: "Change retainer terms" });
    await terms.getByLabel("Applies from").fill(lastMonth.slice(0, 7));
    await terms.getByLabel("Included hours per month").fill("2");
    await terms.getByLabel("Monthly fee (USD)").fill("500");
    await terms.getByLabel("Overage rate per hour (USD)").fill("150");
    await terms.getByLabel("Pre-approved overage (hours)").fill("0");
    await terms.getByLabel("Rollover cap (hours)").fill("0");
    await terms.getByRole("button", { name: "Save terms" }).click();
    await expect(terms.getByRole("status")).toBeVisible();
  });

  await test.step("the engineer logs last month's hours (past the allotment) and this week's, drafts with Claude and publishes", async () => {
    const log = async (date: string, duration: string, what: string) => {
      await engineer.goto(`/clients/${clientId}`);
      await engineer.getByRole("button", { name: /Log time/ }).click();
      const dialog = engineer.getByRole("dialog", { name: "Log time" });
      await expect(dialog.getByLabel("Date")).toBeVisible();
      if (await dialog.getByLabel("Client").count()) await dialog.getByLabel("Client").selectOption(clientId); // asked only with several clients
      await dialog.getByLabel("Date").fill(date);
      await dialog.getByLabel("Duration").fill(duration);
      await dialog.getByLabel("What did you do?").fill(what);
      await dialog.getByRole("button", { name: "Save entry" }).click();
      const anyway = dialog.getByRole("button", { name: "Log it anyway" });
      await expect(anyway.or(engineer.getByRole("status").filter({ hasText: /^Logged / }))).toBeVisible();
      if (await anyway.isVisible()) await anyway.click();
      await expect(dialog).toBeHidden();
    };
    await log(lastDay, "3h", "Audited the booking and recall workflow");
    await log(today, "1h", "Walked the front desk through the new recall list");
    // Written through the first server (a server action); the second never answers its older copy.
    await freshOnSecond(owner, `/clients/${clientId}`, "Walked the front desk through the new recall list", "an entry logged through a server action");

    await engineer.goto(`/clients/${clientId}/updates`);
    const draft = engineer.getByRole("form", { name: "Draft an update" });
    await draft.getByLabel("Week").selectOption({ index: 0 });
    await draft.getByRole("button", { name: "Draft update" }).click();
    await expect(engineer).toHaveURL(/\/updates\/[0-9a-f-]{36}$/);
    await expect(engineer.getByText(/Drafted by /)).toBeVisible();
    await engineer.getByRole("button", { name: "Publish to the client" }).click();
    await expect(engineer).toHaveURL(new RegExp(`/clients/${clientId}/updates$`));
    await owner.goto(`/clients/${clientId}/updates`);
    await expect(owner.getByRole("article").first()).toBeVisible();
  });

  await test.step("the engineer logs time through the API with a token, and the owner's cached pages follow", async () => {
    await engineer.goto("/account");
    const form = engineer.getByRole("form", { name: "New API token" });
    await form.getByLabel("Name").fill("Timer app");
    await form.getByLabel(/Log and correct time/).check();
    await form.getByRole("button", { name: "Create token" }).click();
    const token = (await form.getByLabel("New API token").textContent())!;
    issued.set("API token of the engineer", token);
    await onSecond(owner, `/clients/${clientId}/hours`);
    const posted = await fetch(`${APP_URL}/api/v1/clients/${clientId}/time-entries`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ workDate: today, minutes: 15, description: "Checked the recall reminders went out", category: "support", confirmOverage: true }),
    });
    expect(posted.status, await posted.clone().text()).toBe(200);
    await freshOnSecond(owner, `/clients/${clientId}`, "Checked the recall reminders went out", "an entry logged through the API (dashboard)");
    await freshOnSecond(owner, `/clients/${clientId}/hours`, "Checked the recall reminders went out", "an entry logged through the API (ledger)");
    expect((await onSecond(owner, `/clients/${clientId}`)).html).toContain("will be invoiced on");
  });

  await test.step("the cron route closes last month into one finalized, sent Stripe invoice with fee and overage lines", async () => {
    // As Vercel Cron calls it: GET with the bearer secret; without it (or with another), 401 and nothing closes.
    for (const authorization of [undefined, "Bearer wrong", `Bearer ${s.cronSecret}x`]) {
      const refused = await fetch(`${APP_URL}/api/cron/close-months`, { headers: authorization ? { authorization } : {} });
      expect(refused.status).toBe(401);
    }
    const closed = await fetch(`${APP_URL}/api/cron/close-months`, { headers: { authorization: `Bearer ${s.cronSecret}` } });
    expect(closed.status).toBe(200);
    expect(await closed.json()).toMatchObject({ closed: 1, failed: 0 });
    const again = await fetch(`${APP_URL}/api/cron/close-months`, { method: "POST", headers: { authorization: `Bearer ${s.cronSecret}` } });
    expect(await again.json()).toMatchObject({ closed: 0, failed: 0 });

    const stripe = new Stripe(s.stripeSecretKey, { host: "127.0.0.1", port: PORTS.stripe, protocol: "http" });
    const invoices = (await stripe.invoices.list()).data.filter((i) => i.metadata?.client_id === clientId);
    expect(invoices).toHaveLength(1);
    const [invoice] = invoices;
    stripeInvoiceId = invoice.id!;
    expect(invoice).toMatchObject({ status: "open", collection_method: "send_invoice", currency: "usd", total: 65_000 });
    expect(invoice.metadata).toMatchObject({ month: lastMonth });
    expect(invoice.lines.data.map((l) => l.amount)).toEqual([50_000, 15_000]); // $500 fee + 1h over at $150
    const calls = (await (await fetch(`http://127.0.0.1:${PORTS.stripe}/__double/calls`)).json()) as { method: string; path: string; replayed: boolean }[];
    const made = (path: string) => calls.filter((c) => c.method === "POST" && c.path === path && !c.replayed).length;
    expect(made(`/v1/invoices/${stripeInvoiceId}/finalize`)).toBe(1);
    expect(made(`/v1/invoices/${stripeInvoiceId}/send`)).toBe(1);
    test.info().annotations.push({ type: "stripe", description: `customer ${invoice.customer}, invoice ${invoice.id} (${invoice.number}), ${invoice.lines.data.length} items, finalized and sent` });

    await owner.goto(`/clients/${clientId}/invoices`);
    await expect(owner.getByRole("article").filter({ hasText: invoice.number! })).toContainText("Open");
    // The close was a job (the cron route on the first server): the second no longer says the month awaits its invoice.
    await freshOnSecond(owner, `/clients/${clientId}`, /^(?![\s\S]*will be invoiced on)/, "a month closed by the cron job");
  });

  await test.step("a signed invoice.paid arrives and the owner sees the invoice paid", async () => {
    const event = {
      id: `evt_rehearsal_${run}`, object: "event", type: "invoice.paid", api_version: "2026-10-28.endive", created: Math.floor(Date.now() / 1000),
      data: { object: { id: stripeInvoiceId, object: "invoice", status: "paid", metadata: {} } },
    };
    const payload = JSON.stringify(event);
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: s.stripeWebhookSecret });
    const forged = await fetch(`${APP_URL}/api/stripe/webhook`, { method: "POST", body: payload, headers: { "stripe-signature": "t=1,v1=00", "content-type": "application/json" } });
    expect(forged.status).toBe(400);
    const response = await fetch(`${APP_URL}/api/stripe/webhook`, { method: "POST", body: payload, headers: { "stripe-signature": signature, "content-type": "application/json" } });
    expect(response.status).toBe(200);
    await owner.goto(`/clients/${clientId}/invoices`);
    await expect(owner.getByRole("article").first()).toContainText("Paid");
    // The webhook's write moved the client's data version: the second server renders the dashboard anew.
    await freshOnSecond(owner, `/clients/${clientId}`, "Checked the recall reminders went out", "an invoice paid through the Stripe webhook");
  });

  await test.step("the admin removes the engineer, whose open session stops working on the next request", async () => {
    await admin.goto("/staff");
    const person = admin.getByRole("listitem", { name: people.engineer, exact: true });
    await person.getByText("Remove from staff…").click();
    await person.getByRole("button", { name: `Remove ${people.engineer}` }).click();
    await expect(admin.getByRole("listitem", { name: people.engineer, exact: true })).toHaveCount(0);
    // Removing their staff role ended their sessions at once: the engineer is signed out everywhere.
    await engineer.goto(`/clients/${clientId}`);
    await expect(engineer).toHaveURL(/\/login(\?next=[^&]+)?$/);
    await engineer.goto("/engineer");
    await expect(engineer).toHaveURL(/\/login(\?next=[^&]+)?$/);
    // Their hours stay on the ledger under their name.
    await owner.goto(`/clients/${clientId}/hours?month=${lastMonth.slice(0, 7)}`);
    await expect(owner.getByText("Audited the booking and recall workflow")).toBeVisible();
  });

  await test.step("a write from another origin is refused before the app runs, and the refusal is on the log", async () => {
    const res = await fetch(`${APP_URL}/login`, { method: "POST", headers: { origin: "https://portal.attacker.example", "next-action": "00", "content-type": "text/plain" }, body: "[]" });
    expect(res.status).toBe(403);
    await expect.poll(() => fs.readFileSync(LOG_FILE, "utf8").split("\n").some((l) => l.includes('"event":"cross_origin_refused"') && l.includes("portal.attacker.example")),
      { timeout: 5000 }).toBe(true);
  });

  await test.step("no line the app logged carries a code, token or secret it issued", async () => {
    const secrets = new Map<string, string>([
      ...issued,
      ["SESSION_SECRET", s.sessionSecret], ["CRON_SECRET", s.cronSecret], ["STRIPE_SECRET_KEY", s.stripeSecretKey],
      ["STRIPE_WEBHOOK_SECRET", s.stripeWebhookSecret], ["ANTHROPIC_API_KEY", s.anthropicApiKey], ["database password", s.appPassword],
      ["SMTP password", s.smtpPassword], ["NEXT_SERVER_ACTIONS_ENCRYPTION_KEY", s.actionsKey],
    ]);
    const lines = fs.readFileSync(LOG_FILE, "utf8").split("\n").filter(Boolean);
    const found = [...secrets].flatMap(([what, value]) => lines.filter((l) => l.includes(value)).map((l) => `${what} in: ${l.slice(0, 200)}`));
    const summary = `rehearsal: ${((Date.now() - started) / 1000).toFixed(1)} s, ${lines.length} log lines scanned for ${secrets.size} secrets ` +
      `(${issued.size} issued in the run), ${found.length} found`;
    process.stdout.write(`${summary}\n`);
    test.info().annotations.push({ type: "scan", description: summary });
    expect(lines.length).toBeGreaterThan(20); // the app did log: actions, mail, the close
    expect(found).toEqual([]);
    // Each command's line says who did what for which client and how it ended (ASVS 16.2.1); no mail line names
    // its recipient, only the domain (16.2.5).
    const parsed = lines.flatMap((l) => { try { return [JSON.parse(l) as Record<string, unknown>]; } catch { return []; } });
    const actions = parsed.filter((l) => l.msg === "action");
    expect(actions.some((l) => typeof l.userId === "string" && typeof l.clientId === "string" && l.ok === true)).toBe(true);
    expect(actions.filter((l) => l.ok === false).every((l) => typeof l.code === "string")).toBe(true);
    const mail = parsed.filter((l) => l.msg === "mail queued");
    expect(mail.length).toBeGreaterThan(0);
    expect(mail.filter((l) => "to" in l || Object.values(people).some((p) => JSON.stringify(l).includes(p)))).toEqual([]);
  });
});
