// Imports of time from other products (issue 22): the uploads, the remembered mappings, the facts an import
// checks (closed months, first terms months, rows imported before) and the batch write. Uploads and mappings
// are read by admins under RLS; every write is the service role's, inside the admin's authorized transaction
// (supabase/migrations/20261207000100_time_imports.sql), since an import attributes time to other people.
import type { Tx } from "@/lib/db";
import { serviceStatement } from "@/lib/db/connection";
import type { Category } from "@/lib/types/hours";

export interface ImportFileRow {
  id: string;
  fileName: string;
  format: string;
  uploadedAt: Date;
  uploadedBy: string | null;
  importedAt: Date | null;
  added: number | null;
}

const fileColumns = (tx: Tx) => tx`
  f.id, f.file_name as "fileName", f.format, f.uploaded_at as "uploadedAt", p.full_name as "uploadedBy",
  f.imported_at as "importedAt", f.added`;

export async function insertImportFile(tx: Tx, { uploadedBy, fileName, format, bytes }: { uploadedBy: string; fileName: string; format: string; bytes: Uint8Array }) {
  const [row] = await serviceStatement<{ id: string }[]>(tx, tx`
    insert into public.import_files (uploaded_by, file_name, format, bytes)
    values (${uploadedBy}, ${fileName}, ${format}, ${Buffer.from(bytes)}) returning id`);
  return row.id;
}

/** An upload the caller may see (admins), or null. */
export async function getImportFile(tx: Tx, { fileId }: { fileId: string }): Promise<ImportFileRow | null> {
  const [row] = await tx<ImportFileRow[]>`
    select ${fileColumns(tx)} from public.import_files f left join public.profiles p on p.id = f.uploaded_by where f.id = ${fileId}`;
  return row ?? null;
}

export function listImportFiles(tx: Tx, { limit = 20 }: { limit?: number } = {}) {
  return tx<ImportFileRow[]>`
    select ${fileColumns(tx)} from public.import_files f left join public.profiles p on p.id = f.uploaded_by
    order by f.uploaded_at desc limit ${limit}`;
}

/** The bytes of an upload (not granted to authenticated: the caller must have read the row first). */
export async function importFileBytes(tx: Tx, { fileId }: { fileId: string }): Promise<Buffer | null> {
  const [row] = await serviceStatement<{ bytes: Buffer }[]>(tx, tx`select bytes from public.import_files where id = ${fileId}`);
  return row?.bytes ?? null;
}

export async function markImported(tx: Tx, { fileId, importedBy, added }: { fileId: string; importedBy: string; added: number }) {
  await serviceStatement(tx, tx`
    update public.import_files set imported_at = now(), imported_by = ${importedBy}, added = ${added} where id = ${fileId}`);
}

export interface ImportMappingRow {
  kind: "account" | "person";
  name: string;
  clientId: string | null;
  engineerId: string | null;
}

export function importMappings(tx: Tx, { source }: { source: string }) {
  return tx<ImportMappingRow[]>`
    select kind, name, client_id as "clientId", engineer_id as "engineerId" from public.import_mappings where source = ${source}`;
}

export async function saveImportMappings(tx: Tx, { source, rows }: { source: string; rows: ImportMappingRow[] }) {
  if (!rows.length) return;
  await serviceStatement(tx, tx`
    insert into public.import_mappings (source, kind, name, client_id, engineer_id)
    select ${source}, r.kind, r.name, r.client_id, r.engineer_id
    from jsonb_to_recordset(${tx.json(rows.map((r) => ({ kind: r.kind, name: r.name, client_id: r.clientId, engineer_id: r.engineerId })) as never)})
      as r(kind text, name text, client_id uuid, engineer_id uuid)
    on conflict (source, kind, name) do update
      set client_id = excluded.client_id, engineer_id = excluded.engineer_id, updated_at = now()`);
}

/** Per client: its closed months and its first terms month (months before it are history, never billed). */
export function importFacts(tx: Tx, { clientIds }: { clientIds: string[] }) {
  return tx<{ clientId: string; closedMonths: string[]; firstTermsMonth: string | null }[]>`
    select c.id as "clientId",
      coalesce((select array_agg(to_char(bp.month, 'YYYY-MM-DD') order by bp.month) from public.billing_periods bp
                where bp.client_id = c.id and bp.status = 'closed'), '{}') as "closedMonths",
      (select to_char(min(t.effective_month), 'YYYY-MM-DD') from public.retainer_terms t where t.client_id = c.id) as "firstTermsMonth"
    from public.clients c where c.id = any (${clientIds}::uuid[])`;
}

/** Which of these keys are on entries already (visible to the caller or not). */
export async function importedKeys(tx: Tx, { keys }: { keys: string[] }): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await serviceStatement<{ key: string }[]>(tx, tx`
    select import_key as key from public.time_entries where import_key = any (${keys}::text[])`);
  return new Set(rows.map((r) => r.key));
}

export interface ImportedEntryRow {
  clientId: string;
  engineerId: string;
  workDate: string;
  minutes: number;
  description: string;
  category: Category;
  billable: boolean;
  importKey: string;
}

/** Writes a batch of imported entries; a key imported before adds nothing. Returns the entries added. */
export async function insertImportedEntries(tx: Tx, { fileId, rows }: { fileId: string; rows: ImportedEntryRow[] }) {
  if (!rows.length) return [];
  return serviceStatement<{ clientId: string; minutes: number }[]>(tx, tx`
    insert into public.time_entries (client_id, engineer_id, work_date, minutes, description, category, billable, import_key, import_file_id)
    select r.client_id, r.engineer_id, r.work_date, r.minutes, r.description, r.category, r.billable, r.import_key, ${fileId}
    from jsonb_to_recordset(${tx.json(rows.map((r) => ({
      client_id: r.clientId, engineer_id: r.engineerId, work_date: r.workDate, minutes: r.minutes, description: r.description,
      category: r.category, billable: r.billable, import_key: r.importKey,
    })) as never)}) as r(client_id uuid, engineer_id uuid, work_date date, minutes integer, description text, category text, billable boolean, import_key text)
    on conflict (import_key) where import_key is not null do nothing
    returning client_id as "clientId", minutes`);
}
