// The embedded runner (`npm start`) heals: when its Postgres dies it starts it again and the app answers
// again; when Next dies it stops Postgres and exits non-zero, saying why. Runs the real runner on its own
// ports and state folder against the production build.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { postmasterAlive, resolveDataDir } from "@/lib/dev/embedded-postgres";

const PORT = 3140;
const STATE = `/tmp/rp-runner-test-${process.pid}`;
const SECRET = "runner-test-cron-secret";

test("the embedded runner restarts a dead Postgres, and stops it when Next dies", async () => {
  test.setTimeout(180_000);
  const runner = spawn(process.execPath, ["--import", "tsx", "lib/dev/cli.ts", "start"], {
    env: { ...process.env, RP_STATE_DIR: STATE, RP_FRESH: "1", EMBEDDED_PG_PORT: "25349", PORT: String(PORT),
      SEED_DEMO: "0", CRON_SECRET: SECRET, LOG_LEVEL: "warn", STRIPE_SECRET_KEY: "", RP_CLOCK: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  runner.stdout.on("data", (d) => (output += d));
  runner.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => runner.on("exit", (code) => resolve(code)));
  const cron = () => fetch(`http://localhost:${PORT}/api/cron/close-months`, { method: "POST", headers: { authorization: `Bearer ${SECRET}` } })
    .then((r) => r.status).catch(() => 0);
  try {
    await expect.poll(cron, { timeout: 120_000, intervals: [500] }).toBe(200); // the route reads the database
    const dataDir = resolveDataDir(path.join(STATE, "pg"));
    const pid = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    process.kill(pid, "SIGKILL");
    await expect.poll(() => output, { timeout: 30_000 }).toContain("postgres restarted");
    expect(output).toContain("postgres stopped unexpectedly: restarting it");
    await expect.poll(cron, { timeout: 30_000, intervals: [500] }).toBe(200);

    const next = spawnSync("pgrep", ["-P", String(runner.pid)], { encoding: "utf8" }).stdout.trim().split("\n").map(Number).filter(Boolean);
    expect(next.length).toBeGreaterThan(0);
    for (const child of next) process.kill(child, "SIGKILL");
    expect(await exited).not.toBe(0);
    expect(output).toMatch(/next start exited unexpectedly \(signal SIGKILL\); stopping the embedded database/);
    expect(postmasterAlive(dataDir)).toBe(false);
  } finally {
    if (runner.exitCode === null) runner.kill("SIGTERM");
    await exited;
    fs.rmSync(STATE, { recursive: true, force: true });
  }
});
