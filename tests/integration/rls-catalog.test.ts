// The schema's security posture, read from the catalog of the migrated database.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { admin } from "../support/fixtures";

const MIGRATIONS = path.join(process.cwd(), "supabase", "migrations");

describe("RLS catalog check", () => {
  it("finds RLS on every public table, no permissive or `for all` policies, safe views and definer functions", async () => {
    const findings = await admin<{ finding: string }[]>`
      select 'no RLS: ' || c.relname as finding from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity
      union all
      select 'policy using (true): ' || tablename || '.' || policyname from pg_policies
       where schemaname = 'public' and (qual = 'true' or with_check = 'true')
      union all
      select 'for all policy: ' || tablename || '.' || policyname from pg_policies where schemaname = 'public' and cmd = 'ALL'
      union all
      select 'policy not only to authenticated: ' || tablename || '.' || policyname from pg_policies
       where schemaname = 'public' and roles <> array['authenticated']::name[]
      union all
      select 'anon grant: ' || table_name || ' ' || privilege_type from information_schema.role_table_grants
       where table_schema = 'public' and grantee in ('anon', 'PUBLIC')
      union all
      select 'view without security_invoker: ' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'v' and not coalesce(array_to_string(c.reloptions, ',') like '%security_invoker=true%', false)
      union all
      select 'security definer in public: ' || p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'public' and p.prosecdef
      union all
      select 'definer without empty search_path: ' || n.nspname || '.' || p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where p.prosecdef and n.nspname not in ('pg_catalog', 'information_schema', 'auth')
         and not coalesce('search_path=""' = any(p.proconfig), false)
      union all
      select 'definer executable by anon or PUBLIC: ' || n.nspname || '.' || p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where p.prosecdef and n.nspname = 'private'
         and (has_function_privilege('anon', p.oid, 'execute') or exists (select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a where a.grantee = 0 and a.privilege_type = 'EXECUTE'))
      union all
      select 'policy column without a leading index: ' || c.relname || '.client_id' from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'r'
         and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'client_id' and not a.attisdropped)
         and not exists (select 1 from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
                         where i.indrelid = c.oid and a.attname = 'client_id')`;
    const [{ tables, policies, functions }] = await admin<{ tables: number; policies: number; functions: number }[]>`
      select (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r') as tables,
             (select count(*)::int from pg_policies where schemaname = 'public') as policies,
             (select count(*)::int from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'private' and p.prosecdef) as functions`;
    console.info(`RLS catalog check: ${tables} tables, ${policies} policies, ${functions} security definer functions checked; ${findings.length} findings`);
    expect(findings.map((f) => f.finding)).toEqual([]);
    expect(tables).toBeGreaterThanOrEqual(20);
  });
  it("keeps staff_invitations admin-only, documented and indexed, with its triggers in place", async () => {
    const [t] = await admin<{ rls: boolean; comment: string | null }[]>`
      select c.relrowsecurity as rls, obj_description(c.oid, 'pg_class') as comment
      from pg_class c where c.oid = 'public.staff_invitations'::regclass`;
    expect(t.rls).toBe(true);
    expect(t.comment).toBeTruthy();

    const policies = await admin<{ cmd: string; roles: string[]; qual: string | null; with_check: string | null }[]>`
      select cmd, roles::text[] as roles, qual, with_check from pg_policies
      where schemaname = 'public' and tablename = 'staff_invitations' order by cmd`;
    // Admins read and cancel; minting and renewing a link is the app's, as the service role (issue 20).
    expect(policies.map((p) => p.cmd)).toEqual(["DELETE", "SELECT"]);
    for (const p of policies) {
      expect(p.roles).toEqual(["authenticated"]);
      for (const expr of [p.qual, p.with_check].filter(Boolean)) expect(expr).toContain("private.is_admin()");
    }

    const grants = await admin<{ grantee: string; privilege: string }[]>`
      select grantee, privilege_type as privilege from information_schema.role_table_grants
      where table_schema = 'public' and table_name = 'staff_invitations' and grantee in ('anon', 'authenticated', 'PUBLIC')
      order by 1, 2`;
    expect(grants).toEqual([{ grantee: "authenticated", privilege: "DELETE" }]); // and SELECT on columns, below
    const columns = (privilege: string) => admin<{ column_name: string }[]>`
      select column_name from information_schema.column_privileges
      where table_schema = 'public' and table_name = 'staff_invitations' and grantee = 'authenticated' and privilege_type = ${privilege}
      order by 1`;
    // Nothing of it is a signed-in person's to write, and the link's hash is not theirs to read.
    expect(await columns("INSERT")).toEqual([]);
    expect(await columns("UPDATE")).toEqual([]);
    expect((await columns("SELECT")).map((c) => c.column_name)).toEqual(
      ["accepted_at", "accepted_by", "created_at", "email", "expires_at", "id", "invited_by", "role"]);

    const undocumented = await admin<{ attname: string }[]>`
      select a.attname from pg_attribute a
      where a.attrelid = 'public.staff_invitations'::regclass and a.attnum > 0 and not a.attisdropped
        and col_description(a.attrelid, a.attnum) is null`;
    expect(undocumented).toEqual([]);

    // Every column a lookup or a foreign key filters by leads an index.
    const leading = await admin<{ attname: string }[]>`
      select distinct a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
      where i.indrelid = 'public.staff_invitations'::regclass order by 1`;
    expect(leading.map((r) => r.attname)).toEqual(expect.arrayContaining(["accepted_by", "email", "id", "invited_by", "token_hash"]));

    const triggers = await admin<{ tgname: string; fn: string; definer: boolean; config: string[] | null }[]>`
      select t.tgname, p.proname as fn, p.prosecdef as definer, p.proconfig as config
      from pg_trigger t join pg_proc p on p.oid = t.tgfoid
      where t.tgname in ('profiles_apply_staff_invitations', 'staff_keep_one_admin') order by 1`;
    expect(triggers).toEqual([
      { tgname: "profiles_apply_staff_invitations", fn: "apply_staff_invitations", definer: true, config: ['search_path=""'] },
      { tgname: "staff_keep_one_admin", fn: "keep_one_admin", definer: true, config: ['search_path=""'] },
    ]);
    const [exec] = await admin<{ n: number }[]>`
      select count(*)::int as n from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'private' and p.proname in ('apply_staff_invitations', 'keep_one_admin')
        and (has_function_privilege('authenticated', p.oid, 'execute') or has_function_privilege('anon', p.oid, 'execute'))`;
    expect(exec.n).toBe(0);
  });

  // Issue 20, item 7: Postgres cuts identifiers at 63 bytes with only a notice, so a long policy name was
  // stored cut off (and a later `drop policy` with the full name drops it, which hides the problem).
  it("stores every policy under the name its migration gave it: none cut at 63 bytes", async () => {
    const sources = fs.readdirSync(MIGRATIONS).filter((f) => f.endsWith(".sql")).sort()
      .map((f) => ({ file: f, text: fs.readFileSync(path.join(MIGRATIONS, f), "utf8") }));
    const named = new Set(sources.flatMap(({ text }) =>
      [...text.matchAll(/(?:create policy|rename to)\s+"([^"]+)"/gi)].map((m) => m[1])));
    const policies = await admin<{ name: string; table: string }[]>`
      select policyname as name, schemaname || '.' || tablename as table from pg_policies
      where schemaname in ('public', 'private', 'auth') order by 2, 1`;
    expect(policies.length).toBeGreaterThan(30);
    expect(policies.filter((p) => !named.has(p.name)).map((p) => `${p.table}: ${p.name}`)).toEqual([]);
    // And from now on no migration gives a policy a name longer than Postgres keeps (older names are renamed
    // by 20261205000100, which refers to them by their long names).
    const long = sources.filter(({ file }) => file >= "20261205").flatMap(({ file, text }) =>
      [...text.matchAll(/(?:create policy|rename to)\s+"([^"]+)"/gi)].filter((m) => Buffer.byteLength(m[1]) > 63).map((m) => `${file}: ${m[1]}`));
    expect(long).toEqual([]);
  });
});
