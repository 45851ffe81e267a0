// `npm run staff -- add EMAIL --role admin|engineer | list | remove EMAIL`: who is on the practice's staff,
// without SQL. The way a fresh deployment gets its first admin, and the operator's way back in.
//
// Database: DATABASE_URL when set (any Postgres with the migrations; on hosted Supabase the retainer_app
// login, which may act as service_role: no superuser needed). Otherwise the embedded database of
// `npm run dev` (RP_STATE_DIR, default .data): the running cluster if there is one, else it is started for
// this command and stopped again. The work runs in one transaction as service_role; nothing is written to
// auth.users, so someone who has never signed in gets a pending grant that applies at their first sign-in.
//
// Prints one line saying what it did (list: one line per person). Exit 0 when done (also when nothing had
// to change), 1 when refused (last admin, not staff), 2 for input it does not understand.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { asServiceOn, openConnection, pgCode, type Tx } from "@/lib/db/connection";
import { databaseSettings } from "@/lib/db/connection-settings";
import { startEmbedded, type EmbeddedStack } from "@/lib/dev/cli";
import { resolveDataDir, runningPostmaster } from "@/lib/dev/embedded-postgres";
import { listStaffInvitations, listStaffMembers } from "@/lib/db/staff";
import { AppError, databaseError } from "@/lib/platform/errors";
import { emailField } from "@/lib/schemas/fields";
import { grantStaffRole, revokeStaffByEmail, type GrantOutcome, type RevokeOutcome } from "@/lib/staff/people";
import { staffRoleField, type StaffRoleName } from "@/lib/staff/schemas";

const USAGE = `Usage:
  npm run staff -- add EMAIL --role admin|engineer   make someone staff (or change their role)
  npm run staff -- list                              who is staff, and pending grants
  npm run staff -- remove EMAIL                      end someone's staff access (or cancel their grant)`;

export type Command =
  | { name: "add"; email: string; role: StaffRoleName }
  | { name: "list" }
  | { name: "remove"; email: string };

/** Input the command does not understand: exit 2, with the usage. */
export class UsageError extends Error {}

/** Refused by the rules (last admin, not staff): exit 1. */
class Refusal extends Error {}

const firstIssue = (e: z.ZodError) => e.issues[0]?.message ?? "Invalid input.";

export function parseCommand(argv: string[]): Command {
  const args = [...argv];
  const name = args.shift();
  const flags = new Map<string, string>();
  const positional: string[] = [];
  while (args.length) {
    const a = args.shift()!;
    if (a.startsWith("-")) {
      const eq = a.indexOf("=");
      const option = eq < 0 ? a : a.slice(0, eq); // --role=admin=x keeps "admin=x" as the value (and refuses it)
      if (option !== "--role") throw new UsageError(`Unknown option ${option}.`);
      const flag = "role";
      const value = eq < 0 ? args.shift() : a.slice(eq + 1);
      if (value === undefined || value.startsWith("-")) throw new UsageError("--role needs a value: admin or engineer.");
      // Given twice, one of them would silently lose: say so instead of guessing which was meant.
      const earlier = flags.get(flag);
      if (earlier !== undefined) {
        throw new UsageError(earlier === value
          ? "--role was given twice: give it once."
          : `--role was given twice (${JSON.stringify(earlier)} and ${JSON.stringify(value)}): give it once, with the role you mean.`);
      }
      flags.set(flag, value);
    } else {
      positional.push(a);
    }
  }
  const email = () => {
    if (positional.length !== 1) throw new UsageError(positional.length ? "Give one email address." : "Give the person's email address.");
    const parsed = emailField.safeParse(positional[0]);
    if (!parsed.success) throw new UsageError(`${JSON.stringify(positional[0])}: ${firstIssue(parsed.error)}`);
    return parsed.data;
  };
  switch (name) {
    case "add": {
      const address = email();
      const raw = flags.get("role");
      if (raw === undefined) throw new UsageError("Say which role: --role admin or --role engineer.");
      const role = staffRoleField.safeParse(raw.trim().toLowerCase());
      if (!role.success) throw new UsageError(`Unknown role ${JSON.stringify(raw)}: use admin or engineer.`);
      return { name: "add", email: address, role: role.data };
    }
    case "remove":
      if (flags.size) throw new UsageError("remove takes no options.");
      return { name: "remove", email: email() };
    case "list":
      if (flags.size || positional.length) throw new UsageError("list takes no arguments.");
      return { name: "list" };
    case undefined:
      throw new UsageError("Say what to do: add, list or remove.");
    default:
      throw new UsageError(`Unknown command ${JSON.stringify(name)}: use add, list or remove.`);
  }
}

const a = (role: string) => (role === "admin" ? "an admin" : "an engineer");

function describeGrant(email: string, o: GrantOutcome): string {
  switch (o.kind) {
    case "added": return `Added ${email} as ${a(o.role)}.`;
    case "unchanged": return `${email} is already ${a(o.role)}; nothing changed.`;
    case "changed": return `Changed ${email} from ${o.from} to ${o.role}.`;
    case "pending": return `Granted ${email} the ${o.role} role; it applies when they first sign in.`;
    case "pending-unchanged": return `${email} already has a pending ${o.role} grant (it applies when they first sign in); nothing changed.`;
    case "pending-changed": return `Changed the pending grant for ${email} from ${o.from} to ${o.role}; it applies when they first sign in.`;
  }
}

function describeRevoke(email: string, o: RevokeOutcome): string {
  if (o.kind === "cancelled") return `Cancelled the pending ${o.role} grant for ${email}.`;
  const assignments = o.clientCount === 1 ? "1 client assignment" : `${o.clientCount} client assignments`;
  return `Removed ${email} (${o.role}) from staff and from ${assignments}; their time entries stay.`;
}

async function listLines(tx: Tx): Promise<string[]> {
  const [members, grants] = await Promise.all([listStaffMembers(tx), listStaffInvitations(tx)]);
  if (members.length === 0 && grants.length === 0) {
    return ["No staff yet. Add the first admin: npm run staff -- add you@example.com --role admin"];
  }
  const lines = members.map((m) => {
    const assigned = m.clients.map((c) => c.name).join(", ");
    const clients = m.role === "admin" ? `every client${assigned ? ` (assigned: ${assigned})` : ""}` : assigned || "no clients";
    return [m.role.padEnd(8), m.email, m.fullName ? `(${m.fullName})` : "", `— ${clients}`].filter(Boolean).join("  ");
  });
  for (const g of grants) {
    const when = g.expiresAt === null ? "applies at first sign-in"
      : g.expired ? `link expired ${g.expiresAt.toISOString().slice(0, 10)}` : `link expires ${g.expiresAt.toISOString().slice(0, 10)}`;
    lines.push(["pending ", g.email, `— ${g.role}, ${when}`].join("  "));
  }
  return lines;
}

/** Runs one command in one transaction as service_role; returns the lines to print. */
export async function runCommand(sql: ReturnType<typeof connect>, command: Command): Promise<string[]> {
  try {
    return await asServiceOn(sql, async (tx) => {
      if (command.name === "list") return listLines(tx);
      if (command.name === "add") return [describeGrant(command.email, await grantStaffRole(tx, command))];
      return [describeRevoke(command.email, await revokeStaffByEmail(tx, command))];
    });
  } catch (e) {
    if (e instanceof AppError) throw new Refusal(e.userMessage);
    const code = pgCode(e);
    // The database's own refusal (the last-admin trigger), in the words of the one table (lib/platform/errors).
    if (code === "RP004") throw new Refusal(databaseError(code)!.userMessage);
    if (code === "42P01") {
      throw new Error("This database has no staff_invitations table yet: apply the migrations first (restart `npm run dev`, or `supabase db push`).");
    }
    if (code === "42501") {
      throw new Error("This database login may not act as service_role. Connect as retainer_app (the migrations grant it service_role) or as the database owner.");
    }
    throw e;
  }
}

interface Connection {
  sql: ReturnType<typeof connect>;
  close(): Promise<void>;
}

/** DATABASE_URL with the app's own TLS and pooler settings (lib/db/connection-settings); 1 connection. */
const connect = (url: string) => {
  const { prepare, ssl, refusal } = databaseSettings({ ...process.env, DATABASE_URL: url }, (file) => fs.readFileSync(file, "utf8"));
  if (refusal && process.env.DATABASE_URL === url) throw new Error(refusal);
  return openConnection(url, { max: 1, prepare, ssl });
};

/** DATABASE_URL, or the embedded database (running: connect; stopped: start it for this command). */
async function openDatabase(): Promise<Connection> {
  if (process.env.DATABASE_URL) {
    const sql = connect(process.env.DATABASE_URL);
    return { sql, close: () => sql.end() };
  }
  const stateDir = path.resolve(process.env.RP_STATE_DIR ?? ".data");
  const running = runningPostmaster(resolveDataDir(path.join(stateDir, "pg")));
  if (running) {
    const secretsFile = path.join(stateDir, "secrets.json");
    if (!fs.existsSync(secretsFile)) throw new Error(`The embedded database is running but ${secretsFile} is missing; set DATABASE_URL instead.`);
    const { appPassword } = JSON.parse(fs.readFileSync(secretsFile, "utf8")) as { appPassword: string };
    const sql = connect(`postgres://retainer_app:${encodeURIComponent(appPassword)}@127.0.0.1:${running.port}/postgres`);
    return { sql, close: () => sql.end() };
  }
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const stack: EmbeddedStack = await startEmbedded({ stateDir, port, seedDemo: false, log: () => {} });
  const sql = connect(stack.appUrl);
  return {
    sql,
    close: async () => {
      await sql.end();
      await stack.cluster.stop();
    },
  };
}

async function main(argv: string[]): Promise<number> {
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${e.message}\n\n${USAGE}\n`);
    return 2;
  }
  const db = await openDatabase();
  try {
    const lines = await runCommand(db.sql, command);
    process.stdout.write(lines.map((l) => `${l}\n`).join(""));
    return 0;
  } catch (e) {
    if (e instanceof Refusal) {
      process.stderr.write(`Refused: ${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    await db.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? "")) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`staff: ${(e as Error).message}\n`);
      process.exit(1);
    },
  );
}
