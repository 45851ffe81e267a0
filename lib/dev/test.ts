// `npm test`: the whole suite, in order, stopping at the first failure: lint, types, unit + integration
// (vitest, throwaway embedded Postgres), production build, e2e (Playwright in Debian's Chromium).
import { spawnSync } from "node:child_process";
import path from "node:path";

const bin = (name: string) => path.join(process.cwd(), "node_modules", ".bin", name);

const steps: [string, string, string[], NodeJS.ProcessEnv?][] = [
  ["lint", bin("eslint"), [".", "--max-warnings=0"]],
  ["typecheck", bin("tsc"), ["--noEmit"]],
  ["unit + integration", bin("vitest"), ["run"]],
  ["build", bin("next"), ["build"], { NODE_ENV: "production" }],
  ["e2e", bin("playwright"), ["test"]],
];

const only = process.argv.slice(2);
const timings: string[] = [];
const started = Date.now();
for (const [name, cmd, args, env] of steps) {
  if (only.length && !only.includes(name.split(" ")[0])) continue;
  process.stdout.write(`\n▶ ${name}\n`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  timings.push(`${name}: ${seconds}s`);
  if (r.status !== 0) {
    process.stderr.write(`\n✗ ${name} failed after ${seconds}s\n`);
    process.exit(r.status ?? 1);
  }
}
process.stdout.write(`\n✓ all tests passed in ${((Date.now() - started) / 1000).toFixed(1)}s (${timings.join(", ")})\n`);
