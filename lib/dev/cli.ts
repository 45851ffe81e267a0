// `npm run dev` / `npm start` / `npm run db:*`: runs the app on its embedded defaults.
//
// Without DATABASE_URL: starts the embedded Postgres (data in .data/), applies the Supabase shim and the
// migrations, loads the demo data once, then runs Next with the app's least-privilege login. Ctrl-C stops
// Next and Postgres; a killed run's leftover postmaster is stopped by the next start.
// With DATABASE_URL: uses that database as is (apply migrations there with `supabase db push`).
// With EMBEDDED_POOLER_PORT: the app reaches the embedded database through PgBouncer in transaction mode on
// that port (lib/dev/pooler), as hosted Supabase's Supavisor stands in front of its Postgres (the stress suite).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { applyBootstrap, migrate } from "@/lib/db/migrate";
import { STAGING_ROOT, resolveDataDir, startCluster, stopClusterSync, type Cluster } from "@/lib/dev/embedded-postgres";
import { startPooler, type Pooler } from "@/lib/dev/pooler";
import { clockNow } from "@/lib/platform/clock";
import { seed } from "@/lib/dev/seed";

const say = (line: string) => process.stdout.write(`[retainer-portal] ${line}\n`);

export interface LocalSecrets {
  pgPassword: string;
  appPassword: string;
  sessionSecret: string;
  cronSecret: string;
}

/** Generated once per checkout and kept beside the data, so restarts keep sessions and the database. */
export function localSecrets(stateDir: string): LocalSecrets {
  const file = path.join(stateDir, "secrets.json");
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as LocalSecrets;
  const secret = () => randomBytes(32).toString("base64url");
  const s = { pgPassword: secret(), appPassword: secret(), sessionSecret: secret(), cronSecret: secret() };
  fs.mkdirSync(stateDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(s, null, 2), { mode: 0o600 });
  return s;
}

export interface EmbeddedStack {
  cluster: Cluster;
  /** Least-privilege URL the app connects with. */
  appUrl: string;
  secrets: LocalSecrets;
}

/** Starts (and if needed creates, migrates and seeds) the embedded database. */
export async function startEmbedded(opts: {
  stateDir: string;
  port: number;
  seedDemo: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedStack> {
  const log = opts.log ?? say;
  const secrets = localSecrets(opts.stateDir);
  const dataDir = resolveDataDir(path.join(opts.stateDir, "pg"), log);
  const cluster = await startCluster({ dataDir, port: opts.port, superuserPassword: secrets.pgPassword, log });
  try {
    await applyBootstrap(cluster.adminUrl);
    await migrate(cluster.adminUrl, log);
    const admin = postgres(cluster.adminUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`alter role retainer_app password '${secrets.appPassword}'`);
      if (opts.seedDemo && (await seed(admin, clockNow()))) log("loaded the demo data");
    } finally {
      await admin.end();
    }
  } catch (e) {
    await cluster.stop();
    throw e;
  }
  const appUrl = `postgres://retainer_app:${secrets.appPassword}@127.0.0.1:${opts.port}/postgres`;
  return { cluster, appUrl, secrets };
}

async function main() {
  const [command = "dev"] = process.argv.slice(2);
  const stateDir = path.resolve(process.env.RP_STATE_DIR ?? ".data");
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  if (process.env.RP_FRESH === "1") {
    // Tests start from an empty database every run.
    stopClusterSync(resolveDataDir(path.join(stateDir, "pg")));
    fs.rmSync(resolveDataDir(path.join(stateDir, "pg")), { recursive: true, force: true });
    fs.rmSync(stateDir, { recursive: true, force: true });
  }

  if (command === "migrate" || command === "seed") {
    const stack = await startEmbedded({ stateDir, port, seedDemo: command === "seed" });
    await stack.cluster.stop();
    return;
  }
  if (command !== "dev" && command !== "start") throw new Error(`unknown command ${command}`);

  const env: NodeJS.ProcessEnv = { ...process.env };
  let stack: EmbeddedStack | undefined;
  let pooler: Pooler | undefined;
  if (!process.env.DATABASE_URL) {
    stack = await startEmbedded({ stateDir, port, seedDemo: process.env.SEED_DEMO !== "0" });
    env.DATABASE_URL = stack.appUrl;
    if (process.env.EMBEDDED_POOLER_PORT) {
      const poolerPort = Number(process.env.EMBEDDED_POOLER_PORT);
      fs.mkdirSync(STAGING_ROOT, { recursive: true, mode: 0o755 });
      fs.chmodSync(STAGING_ROOT, 0o755); // PgBouncer runs as `postgres`, which must reach its folder
      pooler = await startPooler({
        port: poolerPort, upstream: { host: "127.0.0.1", port }, users: { retainer_app: stack.secrets.appPassword },
        dir: path.join(STAGING_ROOT, `pooler-${poolerPort}`), log: say,
      }).catch(async (e) => {
        await stack?.cluster.stop();
        throw e;
      });
      env.DATABASE_URL = stack.appUrl.replace(`:${port}/`, `:${poolerPort}/`);
      env.DATABASE_POOLER = "transaction";
    }
    env.SESSION_SECRET ??= stack.secrets.sessionSecret;
    env.CRON_SECRET ??= stack.secrets.cronSecret;
    env.DEMO_MODE ??= "1";
    // The runner started this throwaway database itself: only then may tests fix the clock (lib/platform/clock).
    env.RP_EMBEDDED_DATABASE = "1";
  }
  const dataDir = stack?.cluster.dataDir;
  process.on("exit", () => dataDir && stopClusterSync(dataDir));


  const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  if (command === "start" && !fs.existsSync(path.join(".next", "BUILD_ID"))) {
    say("no production build yet: running next build");
    await waitFor(spawn(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...env, NODE_ENV: "production" } }));
  }
  const appPort = process.env.PORT ?? "3000";
  // Email links and the origin writes are accepted from (proxy.ts) follow the port the app runs on.
  env.APP_URL ??= `http://localhost:${appPort}`;
  // `start` serves the build through lib/platform/server.mjs, which passes the socket address to the app
  // (lib/auth/client-ip); `dev` is plain `next dev`.
  const serveArgs = command === "start" ? [path.join("lib", "platform", "server.mjs"), "-p", appPort] : [nextBin, "dev", "-p", appPort];
  const next = spawn(process.execPath, serveArgs, { stdio: "inherit", env });
  say(`app on http://localhost:${appPort}${stack ? " (embedded database, demo accounts on the sign-in page)" : ""}`);

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    clearInterval(watchdog);
    if (next.exitCode === null) next.kill("SIGTERM");
    await pooler?.stop();
    await stack?.cluster.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  next.on("exit", (code, signal) => {
    if (stopping) return;
    // Next went away on its own: a runner without its app is no use, so stop the database and say why.
    process.stderr.write(`[retainer-portal] next ${command} exited unexpectedly (${signal ? `signal ${signal}` : `code ${code}`}); stopping the embedded database\n`);
    void shutdown(code || 1);
  });

  // The embedded database heals: if its postmaster dies (OOM killer, a stray kill), start it again on the
  // same data and port, so the app answers again within seconds instead of 500s until someone restarts it.
  let restarting = false;
  const watchdog = setInterval(() => {
    if (!stack || stopping || restarting || stack.cluster.alive()) return;
    restarting = true;
    say("postgres stopped unexpectedly: restarting it");
    startCluster({ dataDir: stack.cluster.dataDir, port, superuserPassword: stack.secrets.pgPassword, log: say })
      .then((cluster) => {
        if (stack) stack.cluster = cluster;
        say("postgres restarted");
      })
      .catch((e: Error) => say(`postgres could not be restarted: ${e.message}`))
      .finally(() => (restarting = false));
  }, Number(process.env.RP_WATCHDOG_MS ?? 1000));
}

function waitFor(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) =>
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`exited with ${code}`)))),
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? "")) {
  main().catch((e) => {
    process.stderr.write(`[retainer-portal] ${(e as Error).message}\n`);
    process.exit(1);
  });
}
