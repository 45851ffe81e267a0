// A real transaction-mode pooler in front of a cluster: Debian's PgBouncer, as hosted Supabase puts Supavisor
// (port 6543) in front of its Postgres. Session state does not survive a transaction there and a prepared
// statement made on one server connection is gone on the next, so the app must run with DATABASE_POOLER=
// transaction (lib/db/connection-settings). Used by the production rehearsal, the stress suite's stack
// (EMBEDDED_POOLER_PORT in lib/dev/cli.ts) and the crash suite.
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { isRoot, postgresIds } from "@/lib/dev/embedded-postgres";

export interface Pooler {
  port: number;
  /** The pooler's log (connections, errors), for a test to read when something fails. */
  logFile: string;
  stop(): Promise<void>;
}

export interface PoolerOptions {
  port: number;
  /** The server the pooler connects to (one database, `postgres`). */
  upstream: { host: string; port: number };
  /** Who may log in through it, with their passwords (PgBouncer logs in upstream with the same). */
  users: Record<string, string>;
  /** Where its config, log and pid live. */
  dir: string;
  /** Serve TLS to clients with this certificate, and verify the upstream server against `ca`. */
  tls?: { cert: string; key: string; ca: string };
  log?: (line: string) => void;
}

const CANDIDATES = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"];

/** The pgbouncer binary; installs Debian's package when it is missing and we may (root, as in CI). */
export function pgbouncerBinary(log: (line: string) => void = () => {}): string {
  const found = () => CANDIDATES.find((p) => fs.existsSync(p)) ?? (spawnSync("sh", ["-c", "command -v pgbouncer"], { encoding: "utf8" }).stdout.trim() || null);
  let bin = found();
  if (bin) return bin;
  if (!isRoot()) throw new Error("PgBouncer is not installed: run `apt-get install pgbouncer` (the rehearsal and stress suites run the app through it).");
  log("PgBouncer is not installed: installing Debian's pgbouncer");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const install = () => spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "pgbouncer"], { env, encoding: "utf8" });
  if (install().status !== 0) {
    spawnSync("apt-get", ["update"], { env, encoding: "utf8" });
    const again = install();
    if (again.status !== 0) throw new Error(`apt-get install pgbouncer failed:\n${again.stdout}\n${again.stderr}`);
  }
  bin = found();
  if (!bin) throw new Error("pgbouncer is still not on the PATH after apt-get install");
  return bin;
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

function waitForPort(port: number, child: ChildProcess, logFile: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) {
        const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").split("\n").slice(-10).join("\n") : "";
        reject(new Error(`pgbouncer exited (${child.exitCode}) before listening on ${port}:\n${tail}`));
        return;
      }
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() - started > timeoutMs) reject(new Error(`pgbouncer did not listen on ${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

/** Starts PgBouncer in transaction mode on 127.0.0.1:`port` and waits until it accepts connections. */
export async function startPooler(opts: PoolerOptions): Promise<Pooler> {
  const log = opts.log ?? (() => {});
  const bin = pgbouncerBinary(log);
  const ids = isRoot() ? postgresIds() : undefined;
  fs.rmSync(opts.dir, { recursive: true, force: true });
  // Folders on the way are made traversable (PgBouncer runs as `postgres`); the pooler's own is private to it.
  fs.mkdirSync(path.dirname(opts.dir), { recursive: true, mode: 0o755 });
  fs.mkdirSync(opts.dir, { mode: 0o700 });
  const file = (name: string, text: string) => {
    const p = path.join(opts.dir, name);
    fs.writeFileSync(p, text, { mode: 0o600 });
    if (ids) fs.chownSync(p, ids.uid, ids.gid);
    return p;
  };
  if (ids) fs.chownSync(opts.dir, ids.uid, ids.gid);
  const logFile = path.join(opts.dir, "pgbouncer.log");
  const userlist = file("userlist.txt", Object.entries(opts.users).map(([u, p]) => `${quote(u)} ${quote(p)}`).join("\n") + "\n");
  const tls = opts.tls
    ? [
        "client_tls_sslmode = require",
        `client_tls_cert_file = ${file("client-side.crt", opts.tls.cert)}`,
        `client_tls_key_file = ${file("client-side.key", opts.tls.key)}`,
        "server_tls_sslmode = verify-full",
        `server_tls_ca_file = ${file("upstream-ca.crt", opts.tls.ca)}`,
      ]
    : [];
  const ini = file("pgbouncer.ini", [
    "[databases]",
    `postgres = host=${opts.upstream.host} port=${opts.upstream.port} dbname=postgres`,
    "",
    "[pgbouncer]",
    "listen_addr = 127.0.0.1",
    `listen_port = ${opts.port}`,
    "unix_socket_dir =",
    "auth_type = scram-sha-256",
    `auth_file = ${userlist}`,
    "pool_mode = transaction",
    "max_client_conn = 1000",
    "default_pool_size = 20",
    "reserve_pool_size = 5",
    "server_reset_query =",
    // After the server restarts (the crash suite kills it), try logging in again within a second, not 15.
    "server_login_retry = 1",
    // Drivers send these at start; a pooler cannot keep session settings, so it ignores them.
    "ignore_startup_parameters = extra_float_digits,options",
    `logfile = ${logFile}`,
    `pidfile = ${path.join(opts.dir, "pgbouncer.pid")}`,
    ...tls,
    "",
  ].join("\n"));
  fs.writeFileSync(logFile, "");
  if (ids) fs.chownSync(logFile, ids.uid, ids.gid);
  const child = spawn(bin, ["-q", ini], { ...(ids ?? {}), stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (c) => (stderr += c));
  try {
    await waitForPort(opts.port, child, logFile);
  } catch (e) {
    child.kill("SIGKILL");
    throw new Error(`${(e as Error).message}\n${stderr}`);
  }
  log(`pgbouncer (transaction pooling${opts.tls ? ", TLS" : ""}) on 127.0.0.1:${opts.port} → ${opts.upstream.host}:${opts.upstream.port}`);
  let stopped = false;
  return {
    port: opts.port,
    logFile,
    async stop() {
      if (stopped || child.exitCode !== null) return;
      stopped = true;
      child.kill("SIGTERM");
      await new Promise((r) => {
        const t = setTimeout(() => {
          child.kill("SIGKILL");
          r(null);
        }, 5_000);
        child.once("exit", () => {
          clearTimeout(t);
          r(null);
        });
      });
    },
  };
}

/** Stops a pooler left behind by a killed run (its pid file in `dir`). */
export function stopLeftoverPooler(dir: string) {
  try {
    const pid = Number(fs.readFileSync(path.join(dir, "pgbouncer.pid"), "utf8").trim());
    if (pid > 0) execFileSync("kill", [String(pid)], { stdio: "ignore" });
  } catch {
    // none running
  }
}
