// `npm test`: the whole suite, in order, stopping at the first failure: lint, types, unit + integration
// (vitest, throwaway embedded Postgres), production build, e2e (Playwright in Debian's Chromium) at an
// ordinary date, the sign-off spec on servers of its own, then the @calendar specs again at each date of
// tests/e2e/clock.ts, then the production rehearsal (tests/rehearsal). It sets up what it needs itself:
// Chromium is installed from Debian when missing (as root with apt), or it says how.
// `npm test -- lint|typecheck|unit|build|e2e|calendar|rehearsal` runs one stage.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { CALENDAR_DATES } from "../../tests/e2e/clock";

const bin = (name: string) => path.join(process.cwd(), "node_modules", ".bin", name);

interface Step {
  name: string;
  cmd: string;
  args: string[];
  env?: Record<string, string>;
  before?: () => void;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** E2E drives Debian's Chromium (never a downloaded browser): install it when we can, or say how. */
function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return;
  const apt = spawnSync("sh", ["-c", "command -v apt-get"], { encoding: "utf8" }).status === 0;
  if (process.getuid?.() !== 0 || !apt) {
    process.stderr.write(`\n✗ Chromium is missing at ${CHROMIUM}. Install it, then run npm test again:\n\n    sudo apt-get install -y chromium\n\n`);
    process.exit(1);
  }
  process.stdout.write(`Chromium is missing at ${CHROMIUM}: installing Debian's chromium (apt-get install -y chromium)\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const install = () => spawnSync("apt-get", ["install", "-y", "chromium"], { stdio: "inherit", env }).status === 0;
  if (!install()) {
    spawnSync("apt-get", ["update"], { stdio: "inherit", env });
    if (!install() || !fs.existsSync(CHROMIUM)) {
      process.stderr.write("\n✗ Could not install Chromium. Run: apt-get update && apt-get install -y chromium\n");
      process.exit(1);
    }
  }
}

const steps: Step[] = [
  { name: "lint", cmd: bin("eslint"), args: [".", "--max-warnings=0"] },
  // The layers of docs/ARCHITECTURE.md: a forbidden import fails here (`npm test -- lint` runs both).
  { name: "lint imports", cmd: bin("depcruise"), args: ["app", "components", "lib", "bench", "proxy.ts", "instrumentation.ts", "--config", ".dependency-cruiser.cjs"] },
  { name: "typecheck", cmd: bin("tsc"), args: ["--noEmit"] },
  { name: "unit + integration", cmd: bin("vitest"), args: ["run"] },
  { name: "build", cmd: bin("next"), args: ["build"], env: { NODE_ENV: "production" } },
  { name: "e2e", cmd: bin("playwright"), args: ["test"], before: ensureChromium },
  // The owners' review window is the whole practice's: its spec runs on a server of its own, on the ordinary day
  // (the window is over) and on the 1st (last month is in review).
  // These stages run on the same build again: their accounts get sessions as sign-in makes them (tests/e2e/auth.setup.ts)
  // rather than driving the sign-in pages eight more times; the e2e stage signs in through them.
  { name: "e2e sign-off", cmd: bin("playwright"), args: ["test"], env: { E2E_SIGN_OFF: "1", E2E_SESSIONS: "minted" }, before: ensureChromium },
  { name: "e2e sign-off on the 1st", cmd: bin("playwright"), args: ["test"], env: { E2E_SIGN_OFF: "1", E2E_CLOCK: CALENDAR_DATES[0].instant, E2E_SESSIONS: "minted" }, before: ensureChromium },
  ...CALENDAR_DATES.map(({ instant, why }) => ({
    name: `calendar ${instant} (${why})`,
    cmd: bin("playwright"),
    args: ["test", "--grep", "@calendar"],
    env: { E2E_CLOCK: instant, E2E_SESSIONS: "minted" },
    before: ensureChromium,
  })),
  {
    name: "rehearsal",
    cmd: bin("playwright"),
    args: ["test", "-c", "tests/rehearsal/playwright.config.ts"],
    before: ensureChromium,
  },
];

const only = process.argv.slice(2);
const timings: string[] = [];
const started = Date.now();
for (const { name, cmd, args, env, before } of steps) {
  if (only.length && !only.includes(name.split(" ")[0])) continue;
  process.stdout.write(`\n▶ ${name}\n`);
  before?.();
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  timings.push(`${name.split(" (")[0]}: ${seconds}s`);
  if (r.status !== 0) {
    process.stderr.write(`\n✗ ${name} failed after ${seconds}s\n`);
    process.exit(r.status ?? 1);
  }
}
process.stdout.write(`\n✓ all tests passed in ${((Date.now() - started) / 1000).toFixed(1)}s (${timings.join(", ")})\n`);
