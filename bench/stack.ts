// The stack the bench measures: a production build, an embedded Postgres cluster with the real schema and the
// demo data, and `npm run serve` on it, whose JSON log lines carry each server action's own timing.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { sql } from "@/lib/db";
import { startCluster, type Cluster } from "@/lib/dev/embedded-postgres";
import { applyBootstrap, migrate } from "@/lib/db/migrate";
import { seed } from "@/lib/dev/seed";
import { APP_PORT, DIR, SECRET } from "./settings";

/** `next build` when there is no build yet, or always with BENCH_BUILD=1. */
export function buildIfNeeded() {
  if (!fs.existsSync(".next/BUILD_ID") || process.env.BENCH_BUILD === "1") {
    process.stdout.write("building (next build)…\n");
    execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: ["ignore", "ignore", "inherit"] });
  }
}

export interface Database {
  cluster: Cluster;
  /** Superuser connection for seeding and cache-busting writes. */
  admin: postgres.Sql;
  /** What the app server needs to reach this database with the bench's session secret. */
  appEnv: Record<string, string>;
  /** The app role's URL (for the closes of this database's months). */
  appUrl: string;
}

/**
 * A fresh cluster in DIR/<name> on `port`. The scale dataset's ("big") is the one this process's lib code (fixture,
 * closes by asService) is pointed at; the small one is reached through its own connections only.
 */
export async function startDatabase(name: "big" | "small", port: number): Promise<Database> {
  if (name === "big") fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(path.join(DIR, name), { recursive: true, mode: 0o755 });
  const cluster = await startCluster({ dataDir: path.join(DIR, name, "pg"), port, superuserPassword: "bench" });
  const appUrl = `postgres://retainer_app:bench-app@127.0.0.1:${port}/postgres`;
  if (name === "big") {
    process.env.DATABASE_URL = appUrl; // for the lib code this process runs (fixture, closes)
    process.env.SESSION_SECRET = SECRET;
  }
  // The bench cluster is on this host: TLS off on purpose, as README says for a database on the same host.
  const appEnv = { DATABASE_URL: appUrl, SESSION_SECRET: SECRET, DATABASE_TLS: "off" };
  const admin = postgres(cluster.adminUrl, { max: 2, onnotice: () => {} });
  return { cluster, admin, appEnv, appUrl };
}

/** The real schema, the app role's password and the demo data. */
export async function prepareDatabase({ cluster, admin }: Database) {
  await applyBootstrap(cluster.adminUrl);
  await migrate(cluster.adminUrl);
  await admin.unsafe("alter role retainer_app password 'bench-app'");
  await seed(admin);
}

export async function stopDatabase({ cluster, admin }: Database, { lib = false } = {}) {
  if (lib) await sql().end();
  await admin.end();
  await cluster.stop();
}

export interface App { child: ChildProcess; actionLog: { action: string; ok: boolean; ms: number }[] }

export async function startApp(env: Record<string, string>, port = APP_PORT): Promise<App> {
  const base = `http://localhost:${port}`;
  // As production runs it (README, "Deploy for real"): `npm run serve`, the build behind lib/platform/server.mjs,
  // which passes each request's socket address; plain `next start` refuses to start without TRUSTED_PROXY.
  const child = spawn(process.execPath, ["lib/platform/server.mjs", "-p", String(port)], {
    env: { ...process.env, ...env, APP_URL: base, NODE_ENV: "production", LOG_LEVEL: "info", DATABASE_POOL_SIZE: "20" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const app: App = { child, actionLog: [] };
  let buffer = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop()!;
    for (const line of lines) {
      if (!line.startsWith("{")) continue;
      const entry = JSON.parse(line) as { msg?: string; action?: string; ok?: boolean; ms?: number };
      if (entry.msg === "action" && entry.action) app.actionLog.push({ action: entry.action, ok: Boolean(entry.ok), ms: Number(entry.ms) });
    }
  });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/login`)).ok) return app;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the app server did not come up");
}

export async function stopApp(app: App) {
  app.child.kill("SIGTERM");
  if (app.child.exitCode === null) await new Promise((r) => app.child.once("exit", r));
}
