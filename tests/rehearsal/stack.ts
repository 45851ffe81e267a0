// The production rehearsal's stack, started by tests/rehearsal/playwright.config.ts:
//  1. a PostgreSQL cluster that is not the app's embedded runner (a second cluster from the same binaries)
//     with only supabase/local/bootstrap.sql applied, standing in for a hosted Supabase project; it serves
//     TLS with a certificate from a throwaway CA (tests/support/test-ca), and PgBouncer in transaction mode
//     stands in front of it as Supavisor does (TLS on both sides, the upstream verified);
//  2. the migrations pushed by the real Supabase CLI (`supabase db push --db-url …`), and the app login's
//     password set, as an operator does on Supabase;
//  3. `npm run serve` of the production build with NODE_ENV=production, DATABASE_URL as retainer_app through
//     the pooler (DATABASE_POOLER=transaction, DATABASE_TLS=verify-full against the test CA), SMTP
//     with a login, Stripe and Anthropic through the doubles; no DEMO_MODE, no dev mailbox, real time.
// Everything the app prints goes to LOG_FILE, which the spec scans for secrets at the end.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { applyBootstrap } from "@/lib/db/migrate";
import { startCluster } from "@/lib/dev/embedded-postgres";
import { startPooler, type Pooler } from "@/lib/dev/pooler";
import { makeTestCa } from "../support/test-ca";
import { APP_URL, CA_DIR, LOG_FILE, PORTS, SECOND_URL, STATE_DIR, adminDatabaseUrl, appDatabaseEnv, rehearsalSecrets } from "./settings";

const say = (line: string) => process.stdout.write(`[rehearsal] ${line}\n`);

async function main() {
  const s = rehearsalSecrets();
  fs.rmSync(STATE_DIR, { recursive: true, force: true });
  fs.mkdirSync(STATE_DIR, { recursive: true, mode: 0o755 });
  const ca = makeTestCa(CA_DIR);
  const cluster = await startCluster({ dataDir: path.join(STATE_DIR, "pg"), port: PORTS.pg, superuserPassword: s.superuserPassword, log: say, tls: { cert: ca.cert, key: ca.key } });
  let pooler: Pooler | undefined;
  try {
    await applyBootstrap(cluster.adminUrl);
    // Migrations take the direct connection (README: session mode or direct, never the transaction pooler),
    // over TLS verified against the same CA.
    const dbUrl = `${adminDatabaseUrl(s)}?sslmode=verify-full&sslrootcert=${encodeURIComponent(ca.caFile)}`;
    const cli = path.join(process.cwd(), "node_modules", ".bin", "supabase");
    const push = spawnSync(cli, ["db", "push", "--db-url", dbUrl, "--yes"], { encoding: "utf8" });
    if (push.status !== 0) throw new Error(`supabase db push failed:\n${push.stdout}\n${push.stderr}`);
    const list = spawnSync(cli, ["migration", "list", "--db-url", dbUrl], { encoding: "utf8" });
    say(`supabase db push applied the migrations:\n${list.stdout.trim()}`);
    const admin = postgres(cluster.adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`alter role retainer_app password '${s.appPassword}'`);
    await admin.end();
    pooler = await startPooler({
      port: PORTS.pooler, upstream: { host: "127.0.0.1", port: PORTS.pg }, users: { retainer_app: s.appPassword },
      dir: path.join(STATE_DIR, "pooler"), tls: { cert: ca.cert, key: ca.key, ca: ca.ca }, log: say,
    });
  } catch (e) {
    await pooler?.stop();
    await cluster.stop();
    throw e;
  }

  const log = fs.openSync(LOG_FILE, "a");
  // As README's "Deploy for real" runs it: `npm run serve` (the build behind lib/platform/server.mjs, which
  // tells the app each request's socket address), no proxy in front, so no TRUSTED_PROXY. Two servers of one
  // deployment (one APP_URL, one database), as a load balancer would spread it: the spec writes through the first
  // and reads the owner's cached pages through the second.
  const serve = (port: number) => spawn(process.execPath, [path.join("lib", "platform", "server.mjs"), "-p", String(port)], {
    stdio: ["ignore", log, log],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      ...appDatabaseEnv(s),
      SESSION_SECRET: s.sessionSecret,
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: s.actionsKey,
      APP_URL,
      CRON_SECRET: s.cronSecret,
      SMTP_URL: `smtp://mailer:${s.smtpPassword}@127.0.0.1:${PORTS.smtp}`,
      MAIL_FROM: "Rivera Fractional <billing@rehearsal.test>",
      STRIPE_SECRET_KEY: s.stripeSecretKey,
      STRIPE_WEBHOOK_SECRET: s.stripeWebhookSecret,
      STRIPE_API_HOST: "127.0.0.1",
      STRIPE_API_PORT: String(PORTS.stripe),
      STRIPE_API_PROTOCOL: "http",
      ANTHROPIC_API_KEY: s.anthropicApiKey,
      ANTHROPIC_BASE_URL: `http://127.0.0.1:${PORTS.anthropic}`,
      LOG_LEVEL: "info",
    },
  });
  const servers = [serve(PORTS.app), serve(PORTS.second)];
  say(`app on ${APP_URL} and ${SECOND_URL} (production build, database through the pooler on 127.0.0.1:${PORTS.pooler} over verified TLS, log in ${LOG_FILE})`);

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const server of servers) {
      if (server.exitCode === null) {
        server.kill("SIGTERM");
        await new Promise((r) => server.once("exit", r));
      }
    }
    await pooler?.stop();
    await cluster.stop();
    process.exit(code);
  };
  process.on("SIGTERM", () => void stop(0));
  process.on("SIGINT", () => void stop(0));
  for (const server of servers) {
    server.on("exit", (code) => {
      if (!stopping) say(`an app server exited (${code})`);
      void stop(code ?? 1);
    });
  }
}

main().catch((e) => {
  process.stderr.write(`[rehearsal] ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
