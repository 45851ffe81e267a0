// A throwaway embedded Postgres per test run: the real migrations and RLS, nothing mocked.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { WORKERS } from "./workers";
import { workerDatabase } from "./test-db";
import { applyBootstrap, migrate } from "@/lib/db/migrate";
import { startCluster, type Cluster } from "@/lib/dev/embedded-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    adminUrl: string;
    appUrl: string;
    /** How many workers have a database (tests/support/test-db.ts). */
    workerDatabases: number;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

let cluster: Cluster | undefined;
let dir: string | undefined;

export async function setup(project: TestProject) {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rp-test-"));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  cluster = await startCluster({ dataDir: path.join(dir, "pg"), port, superuserPassword: "test-superuser" });
  await applyBootstrap(cluster.adminUrl);
  await migrate(cluster.adminUrl);
  const admin = postgres(cluster.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`alter role retainer_app password 'test-app'`);
  await admin.end();
  // Every other worker's database: a copy of the migrated one, taken before anything connects to it (a connection
  // to the source, even autovacuum's, makes the copy wait, so it is tried again).
  const template1 = new URL(cluster.adminUrl);
  template1.pathname = "/template1";
  const root = postgres(template1.toString(), { max: 1, onnotice: () => {} });
  try {
    for (let n = 2; n <= WORKERS; n++) {
      for (let attempt = 1; ; attempt++) {
        try {
          await root.unsafe(`create database ${workerDatabase(n)} template postgres`);
          break;
        } catch (e) {
          if (attempt >= 20 || !/being accessed by other users/.test(String(e))) throw e;
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    }
  } finally {
    await root.end();
  }
  project.provide("workerDatabases", WORKERS);
  project.provide("adminUrl", cluster.adminUrl);
  project.provide("appUrl", `postgres://retainer_app:test-app@127.0.0.1:${port}/postgres`);
}

export async function teardown() {
  await cluster?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
