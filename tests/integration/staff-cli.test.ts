// `npm run staff` as a child process (tsx), against a database of its own reached as the app's
// least-privilege login (retainer_app, which the CLI switches to service_role): exactly how it runs against
// a hosted Supabase project. Its own database, because "the last admin" means the whole practice.
import { execFile } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isolatedDatabase, type IsolatedDatabase } from "../support/isolated-db";

let db: IsolatedDatabase;
beforeAll(async () => {
  db = await isolatedDatabase("staff_cli");
});
afterAll(async () => {
  await db?.drop();
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const CLI = path.join(process.cwd(), "lib", "staff", "cli.ts");

function staff(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath, ["--import", "tsx", CLI, ...args],
      { env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "test", DATABASE_URL: db.appUrl }, encoding: "utf8", timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Everything the command could have written. */
async function state() {
  const [row] = await db.admin`
    select (select json_agg(s order by user_id) from public.staff s) as staff,
           (select json_agg(i order by id) from public.staff_invitations i) as invitations,
           (select count(*)::int from public.audit_events) as audit`;
  return row;
}

const role = async (email: string) =>
  (await db.admin<{ role: string }[]>`select s.role from public.staff s join public.profiles p on p.id = s.user_id where p.email = ${email}`)[0]?.role ?? null;

describe("npm run staff", () => {
  it("on an empty practice: lists nobody, grants the first admin before they ever sign in, and applies it at sign-in", async () => {
    await expect(staff("list")).resolves.toEqual({ code: 0, stdout: "No staff yet. Add the first admin: npm run staff -- add you@example.com --role admin\n", stderr: "" });

    const add = await staff("add", "Founder@Practice.test", "--role", "admin");
    expect(add).toEqual({ code: 0, stdout: "Granted founder@practice.test the admin role; it applies when they first sign in.\n", stderr: "" });
    const [grant] = await db.admin`select email, role, token_hash, expires_at, invited_by from public.staff_invitations`;
    expect(grant).toEqual({ email: "founder@practice.test", role: "admin", token_hash: null, expires_at: null, invited_by: null });
    expect(await db.admin`select 1 from auth.users`).toHaveLength(0); // GoTrue owns auth.users: nothing written there

    const before = await state();
    await expect(staff("add", "founder@practice.test", "--role=admin")).resolves.toMatchObject({
      code: 0, stdout: "founder@practice.test already has a pending admin grant (it applies when they first sign in); nothing changed.\n",
    });
    expect(await state()).toEqual(before);

    // Their first sign-in creates the profile; the trigger makes them staff.
    await db.signIn("founder@practice.test", "Fran Founder");
    expect(await role("founder@practice.test")).toBe("admin");
    await expect(staff("add", "founder@practice.test", "--role", "admin")).resolves.toMatchObject({
      code: 0, stdout: "founder@practice.test is already an admin; nothing changed.\n",
    });
  });

  it("adds someone who has signed in at once, changes their role, lists, and removes them", async () => {
    await db.signIn("eng@practice.test", "Eli Engineer");
    await expect(staff("add", "eng@practice.test", "--role", "engineer")).resolves.toEqual({
      code: 0, stdout: "Added eng@practice.test as an engineer.\n", stderr: "",
    });
    await expect(staff("add", "eng@practice.test", "--role", "admin")).resolves.toMatchObject({
      code: 0, stdout: "Changed eng@practice.test from engineer to admin.\n",
    });
    expect(await role("eng@practice.test")).toBe("admin");
    await staff("add", "later@practice.test", "--role", "engineer");

    const list = await staff("list");
    expect(list.code).toBe(0);
    expect(list.stdout.trimEnd().split("\n")).toEqual([
      "admin     eng@practice.test  (Eli Engineer)  — every client",
      "admin     founder@practice.test  (Fran Founder)  — every client",
      "pending   later@practice.test  — engineer, applies at first sign-in",
    ]);

    await expect(staff("remove", "eng@practice.test")).resolves.toEqual({
      code: 0, stdout: "Removed eng@practice.test (admin) from staff and from 0 client assignments; their time entries stay.\n", stderr: "",
    });
    expect(await role("eng@practice.test")).toBeNull();
    await expect(staff("remove", "later@practice.test")).resolves.toMatchObject({ code: 0, stdout: "Cancelled the pending engineer grant for later@practice.test.\n" });
    const events = await db.admin`select action, actor_id, client_id, data ->> 'via' as via from public.audit_events where data ->> 'email' = 'eng@practice.test' order by id`;
    expect(events.map((e) => e.action)).toEqual(["staff.added", "staff.role_changed", "staff.removed"]);
    expect(events.every((e) => e.actor_id === null && e.client_id === null && e.via === "cli")).toBe(true);
  });

  it("refuses the last admin, people who are not staff, and input it does not understand; nothing changes", async () => {
    const before = await state();
    const refusals: [string[], number, RegExp][] = [
      [["remove", "founder@practice.test"], 1, /^Refused: Fran Founder is the only admin\. Make someone else an admin first/],
      [["add", "founder@practice.test", "--role", "engineer"], 1, /^Refused: Fran Founder is the only admin/],
      [["remove", "nobody@practice.test"], 1, /^Refused: nobody@practice\.test is not staff and has no pending grant/],
      [["add", "not-an-email", "--role", "admin"], 2, /^"not-an-email": Enter a valid email address/],
      [["add", "someone@practice.test", "--role", "owner"], 2, /^Unknown role "owner": use admin or engineer\./],
      [["add", "someone@practice.test"], 2, /^Say which role: --role admin or --role engineer\./],
      [["promote", "someone@practice.test"], 2, /^Unknown command "promote": use add, list or remove\./],
      [[], 2, /^Say what to do: add, list or remove\./],
      // A repeated flag would silently take one of its values: refused, whichever it is.
      [["add", "someone@practice.test", "--role", "admin", "--role", "engineer"], 2, /^--role was given twice \("admin" and "engineer"\): give it once, with the role you mean\./],
      [["add", "someone@practice.test", "--role=engineer", "--role", "admin"], 2, /^--role was given twice \("engineer" and "admin"\)/],
      [["add", "someone@practice.test", "--role", "admin", "--role=admin"], 2, /^--role was given twice: give it once\./],
      [["add", "someone@practice.test", "--role=admin=engineer"], 2, /^Unknown role "admin=engineer": use admin or engineer\./],
      [["add", "someone@practice.test", "--role", "--role", "admin"], 2, /^--role needs a value: admin or engineer\./],
      [["add", "someone@practice.test", "-r", "admin"], 2, /^Unknown option -r\./],
      [["add", "someone@practice.test", "--force", "--role", "admin"], 2, /^Unknown option --force\./],
      [["add", "someone@practice.test", "other@practice.test", "--role", "admin"], 2, /^Give one email address\./],
      [["remove", "founder@practice.test", "--role", "admin"], 2, /^remove takes no options\./],
      [["list", "extra"], 2, /^list takes no arguments\./],
    ];
    for (const [args, code, message] of refusals) {
      const run = await staff(...args);
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code, stdout: "" });
      expect(run.stderr).toMatch(message);
    }
    expect(await state()).toEqual(before);
    expect(await role("founder@practice.test")).toBe("admin");
  });
});
