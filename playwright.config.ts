import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunch } from "./tests/support/chromium";
import { E2E_CLOCK } from "./tests/e2e/clock";

// E2E runs against the production build under the embedded runner (`npm start`, which serves it through
// lib/platform/server.mjs) on a fresh embedded database with the demo data.
// The dev mailbox is switched on explicitly so tests can read sign-in codes. The server's calendar clock is
// fixed (tests/e2e/clock.ts): E2E_CLOCK picks the instant, an ordinary mid-month day by default.
const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://localhost:${PORT}`;
const ANTHROPIC_PORT = Number(process.env.E2E_ANTHROPIC_PORT ?? 4010);
const STRIPE_PORT = Number(process.env.E2E_STRIPE_PORT ?? 4020);

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  // A journey drives two or three browsers through a dozen server-rendered pages; on a 2-core machine running
  // the server, Postgres and two workers at once, such journeys reached 30 s (updates, roadmap, people,
  // staff). 90 s is the ceiling for any one spec; a hung step still fails within it.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    launchOptions: chromiumLaunch,
  },
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    // The owners' review window is a setting of the whole practice: its spec runs on a server of its own
    // (E2E_SIGN_OFF=1, a stage of `npm test`), never beside the specs whose closes it would hold.
    ...(process.env.E2E_SIGN_OFF === "1"
      ? [{ name: "sign-off", use: { ...devices["Desktop Chrome"] }, dependencies: ["setup"], testMatch: /sign-off\.spec\.ts/ }]
      : [{ name: "chromium", use: { ...devices["Desktop Chrome"] }, dependencies: ["setup"], testIgnore: /sign-off\.spec\.ts/ }]),
  ],
  webServer: [{
    // The Anthropic API double: drafts go through the real SDK to it.
    command: `node --import tsx tests/doubles/anthropic-server.ts ${ANTHROPIC_PORT}`,
    url: `http://127.0.0.1:${ANTHROPIC_PORT}/health`,
    reuseExistingServer: false,
    stdout: "ignore",
  }, {
    // The Stripe API double: month closes push invoices to it through the real SDK.
    command: `node --import tsx tests/doubles/stripe-server.ts ${STRIPE_PORT}`,
    url: `http://127.0.0.1:${STRIPE_PORT}/health`,
    reuseExistingServer: false,
    stdout: "ignore",
    // Stripe's clock starts where the app's does, so the due dates it sets are due after the app's today.
    env: { ...process.env, STRIPE_DOUBLE_CLOCK: E2E_CLOCK } as Record<string, string>,
  }, {
    command: "node --import tsx lib/dev/cli.ts start",
    url: `${BASE_URL}/login`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      RP_STATE_DIR: process.env.E2E_STATE_DIR ?? "/tmp/retainer-portal-e2e",
      RP_FRESH: "1",
      EMBEDDED_PG_PORT: process.env.E2E_PG_PORT ?? "25339",
      PORT: String(PORT),
      APP_URL: BASE_URL,
      DEV_MAILBOX: "1",
      DEMO_MODE: "1",
      // The specs stand in for one proxy in front: each browser context sends its own X-Forwarded-For, so
      // sign-in limits per IP do not make specs depend on each other (tests/e2e/fixtures.ts).
      TRUSTED_PROXY: "1",
      LOG_LEVEL: "warn",
      ANTHROPIC_API_KEY: "e2e-test-key",
      ANTHROPIC_BASE_URL: `http://127.0.0.1:${ANTHROPIC_PORT}`,
      STRIPE_SECRET_KEY: "sk_test_e2e_double",
      STRIPE_WEBHOOK_SECRET: "whsec_e2e_double",
      STRIPE_API_HOST: "127.0.0.1",
      STRIPE_API_PORT: String(STRIPE_PORT),
      STRIPE_API_PROTOCOL: "http",
      CRON_SECRET: "e2e-cron-secret",
      // The webhooks spec runs its receiver on loopback, over http.
      WEBHOOKS_ALLOW_LOOPBACK: "1",
      RP_CLOCK: E2E_CLOCK,
    },
  }],
});
