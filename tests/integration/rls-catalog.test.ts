// The schema's security posture, read from the catalog of the migrated database.
import { describe, expect, it } from "vitest";
import { admin } from "../support/fixtures";

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
});
