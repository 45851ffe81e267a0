// The production rehearsal (`npm test`'s last stage): a deployment as a practice would run it — a second
// PostgreSQL cluster given the migrations by the Supabase CLI, `npm run serve` in production mode as
// retainer_app, SMTP, Stripe and Anthropic through their doubles, real time — driven through the whole
// journey from the first admin to a paid invoice (rehearsal.spec.ts). See tests/rehearsal/stack.ts.
import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunch } from "../support/chromium";
import { APP_URL, PORTS, rehearsalSecrets } from "./settings";

const s = rehearsalSecrets(); // made once here; the stack and the spec read them from the environment

export default defineConfig({
  testDir: ".",
  testMatch: /rehearsal\.spec\.ts/,
  outputDir: "../../test-results/rehearsal",
  workers: 1,
  retries: 0,
  timeout: 240_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    ...devices["Desktop Chrome"],
    baseURL: APP_URL,
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: "retain-on-failure",
    launchOptions: chromiumLaunch,
  },
  webServer: [{
    command: `node --import tsx tests/doubles/stripe-server.ts ${PORTS.stripe}`,
    cwd: "../..",
    url: `http://127.0.0.1:${PORTS.stripe}/health`,
    reuseExistingServer: false,
    stdout: "ignore",
  }, {
    command: `node --import tsx tests/doubles/anthropic-server.ts ${PORTS.anthropic}`,
    cwd: "../..",
    url: `http://127.0.0.1:${PORTS.anthropic}/health`,
    reuseExistingServer: false,
    stdout: "ignore",
  }, {
    command: `node --import tsx tests/doubles/smtp-server.ts ${PORTS.smtp} ${PORTS.inbox} mailer ${s.smtpPassword}`,
    cwd: "../..",
    url: `http://127.0.0.1:${PORTS.inbox}/health`,
    reuseExistingServer: false,
    stdout: "ignore",
  }, {
    command: "node --import tsx tests/rehearsal/stack.ts",
    cwd: "../..",
    url: `${APP_URL}/login`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  }],
});
