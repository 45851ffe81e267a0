// What anon, authenticated and service_role may do, read from the catalog of a migrated database, in the
// shape of the allow-list kept in supabase/privileges.json: object → role → privileges. Effective
// privileges (has_*_privilege: through PUBLIC and role membership too), in every schema but the system ones.
// A table privilege held on the whole table is "SELECT"; held on some columns only, "SELECT (a, b)"; all
// eight table privileges together are "ALL". Objects no role holds anything on are left out, so a new
// table without grants needs no line, and any new grant fails the comparison until it is listed.
import type postgres from "postgres";

export const API_ROLES = ["anon", "authenticated", "service_role"] as const;

export type PrivilegeMap = Record<string, Record<string, string[]>>;

export interface Privileges {
  schemas: PrivilegeMap;
  tables: PrivilegeMap;
  sequences: PrivilegeMap;
  functions: PrivilegeMap;
}

const TABLE_PRIVILEGES = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER", "MAINTAIN"];

export async function catalogPrivileges(sql: postgres.Sql): Promise<Privileges> {
  const rows = await sql<{ kind: keyof Privileges; object: string; role: string; priv: string }[]>`
    with roles(r) as (select unnest(${API_ROLES as unknown as string[]}::text[])),
    schemas as (
      select n.oid, n.nspname from pg_namespace n
      where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
    ),
    rels as (
      select c.oid, s.nspname || '.' || c.relname as name from pg_class c join schemas s on s.oid = c.relnamespace
      where c.relkind in ('r', 'p', 'v', 'm', 'f')
    )
    select 'schemas' as kind, s.nspname as object, r.r as role, p.priv
    from schemas s cross join roles r cross join (values ('USAGE'), ('CREATE')) p(priv)
    where has_schema_privilege(r.r, s.oid, p.priv)
    union all
    select 'tables', t.name, r.r, p.priv
    from rels t cross join roles r cross join unnest(${TABLE_PRIVILEGES}::text[]) p(priv)
    where has_table_privilege(r.r, t.oid, p.priv)
    union all
    select 'tables', t.name, r.r, p.priv || ' (' || string_agg(a.attname, ', ' order by a.attname) || ')'
    from rels t cross join roles r cross join (values ('SELECT'), ('INSERT'), ('UPDATE'), ('REFERENCES')) p(priv)
    join pg_attribute a on a.attrelid = t.oid and a.attnum > 0 and not a.attisdropped
    where not has_table_privilege(r.r, t.oid, p.priv) and has_column_privilege(r.r, t.oid, a.attnum, p.priv)
    group by t.name, r.r, p.priv
    union all
    select 'sequences', s.nspname || '.' || c.relname, r.r, p.priv
    from pg_class c join schemas s on s.oid = c.relnamespace cross join roles r cross join (values ('USAGE'), ('SELECT'), ('UPDATE')) p(priv)
    where c.relkind = 'S' and has_sequence_privilege(r.r, c.oid, p.priv)
    union all
    select 'functions', s.nspname || '.' || f.proname || '(' || pg_get_function_identity_arguments(f.oid) || ')', r.r, 'EXECUTE'
    from pg_proc f join schemas s on s.oid = f.pronamespace cross join roles r
    where has_function_privilege(r.r, f.oid, 'EXECUTE')`;

  const out: Privileges = { schemas: {}, tables: {}, sequences: {}, functions: {} };
  for (const r of rows) ((out[r.kind][r.object] ??= {})[r.role] ??= []).push(r.priv);
  for (const map of Object.values(out) as PrivilegeMap[]) {
    for (const byRole of Object.values(map)) {
      for (const [role, privs] of Object.entries(byRole)) {
        byRole[role] = TABLE_PRIVILEGES.every((p) => privs.includes(p)) ? ["ALL"] : [...privs].sort();
      }
    }
  }
  return normalize(out);
}

/** Objects and roles sorted, so two maps compare (and print) the same whatever their order. */
export function normalize(p: Privileges): Privileges {
  const sortMap = (m: PrivilegeMap): PrivilegeMap =>
    Object.fromEntries(Object.keys(m).sort().map((o) => [o, Object.fromEntries(Object.keys(m[o]).sort().map((r) => [r, [...m[o][r]].sort()]))]));
  return { schemas: sortMap(p.schemas ?? {}), tables: sortMap(p.tables ?? {}), sequences: sortMap(p.sequences ?? {}), functions: sortMap(p.functions ?? {}) };
}

/** One line per object and role: the format of supabase/privileges.json, for a failing test to print. */
export function formatPrivileges(p: Privileges, comment: string): string {
  const section = (name: keyof Privileges) => {
    const objects = Object.entries(p[name]).map(([object, byRole]) => {
      const roles = Object.entries(byRole).map(([role, privs]) => `      ${JSON.stringify(role)}: ${JSON.stringify(privs).replace(/","/g, '", "')}`);
      return `    ${JSON.stringify(object)}: {\n${roles.join(",\n")}\n    }`;
    });
    return objects.length ? `  ${JSON.stringify(name)}: {\n${objects.join(",\n")}\n  }` : `  ${JSON.stringify(name)}: {}`;
  };
  return `{\n  "$comment": ${JSON.stringify(comment)},\n${(["schemas", "tables", "sequences", "functions"] as const).map(section).join(",\n")}\n}\n`;
}
