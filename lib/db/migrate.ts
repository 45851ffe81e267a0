// Applies supabase/migrations/*.sql in order and records each in supabase_migrations.schema_migrations
// the way the Supabase CLI does (version = the file's timestamp prefix, name = the rest), so
// `supabase migration list` agrees with what ran. Each file runs in its own transaction.
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";

export const MIGRATIONS_DIR = path.join(process.cwd(), "supabase", "migrations");
export const BOOTSTRAP_FILE = path.join(process.cwd(), "supabase", "local", "bootstrap.sql");

export interface MigrationFile {
  version: string;
  name: string;
  file: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d+_.+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const [, version, name] = /^(\d+)_(.+)\.sql$/.exec(f)!;
      return { version, name, file: path.join(dir, f) };
    });
}

/** Applies the Supabase platform shim. Only for the embedded or a throwaway test database. */
export async function applyBootstrap(adminUrl: string) {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(fs.readFileSync(BOOTSTRAP_FILE, "utf8"));
  } finally {
    await sql.end();
  }
}

export async function migrate(adminUrl: string, log: (line: string) => void = () => {}): Promise<string[]> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const applied: string[] = [];
  try {
    await sql`create schema if not exists supabase_migrations`;
    await sql`create table if not exists supabase_migrations.schema_migrations
              (version text primary key, statements text[], name text)`;
    const done = new Set(
      (await sql<{ version: string }[]>`select version from supabase_migrations.schema_migrations`).map((r) => r.version),
    );
    for (const m of listMigrations()) {
      if (done.has(m.version)) continue;
      const body = fs.readFileSync(m.file, "utf8");
      await sql.begin(async (tx) => {
        await tx.unsafe(body);
        await tx`insert into supabase_migrations.schema_migrations (version, statements, name)
                 values (${m.version}, ${[body]}, ${m.name})`;
      });
      applied.push(m.version);
      log(`applied migration ${m.version}_${m.name}`);
    }
  } finally {
    await sql.end();
  }
  return applied;
}
