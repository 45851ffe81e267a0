// What both the preview and the import need of an upload: its bytes read as events, the accounts and people it
// names, and the facts to decide each row: the mappings in force (remembered ones, else a match by name or
// email), our clients with their closed and first terms months, and our staff. Reads as the caller (an admin);
// the upload's bytes through the service role once the caller could read the upload's row.
import type { Tx } from "@/lib/db";
import { listClients } from "@/lib/db/clients";
import { getImportFile, importFacts, importFileBytes, importMappings, type ImportFileRow, type ImportMappingRow } from "@/lib/db/imports";
import { listStaffMembers } from "@/lib/db/staff";
import type { ImportFormat } from "@/lib/import/formats";
import { personOf, type ImportFacts } from "@/lib/import/plan";
import { openImport, type ReadEvent } from "@/lib/import/read";
import { found } from "@/lib/platform/errors";

/** The product a format belongs to: Clockify's two layouts share their mappings. */
export const sourceOf = (format: string) => (format === "clockify-17" ? "clockify" : format) as Exclude<ImportFormat, "clockify-17">;

export interface Upload {
  file: ImportFileRow;
  /** A fresh pass over the upload's rows (the bytes are read once, each pass parses them again). */
  events: () => Promise<AsyncGenerator<ReadEvent>>;
}

export async function loadUpload(tx: Tx, fileId: string): Promise<Upload> {
  const file = found(await getImportFile(tx, { fileId }), "That upload");
  const bytes = found(await importFileBytes(tx, { fileId }), "That upload");
  return {
    file,
    events: async () => {
      async function* chunks() {
        for (let i = 0; i < bytes.length; i += 64 * 1024) yield bytes.subarray(i, i + 64 * 1024);
      }
      return (await openImport(chunks())).events;
    },
  };
}

export interface SourcePerson { key: string; name: string; email: string | null }

/** The distinct accounts and people of an upload, in the order of their first row. */
export async function sourcesOf(upload: Upload): Promise<{ accounts: string[]; persons: SourcePerson[] }> {
  const accounts = new Set<string>();
  const persons = new Map<string, SourcePerson>();
  for await (const e of await upload.events()) {
    if (e.type !== "entry") continue;
    accounts.add(e.entry.account);
    const key = personOf(e.entry);
    if (!persons.has(key)) persons.set(key, { key, name: e.entry.person, email: e.entry.email });
  }
  return { accounts: [...accounts], persons: [...persons.values()] };
}

export interface MappingChoice {
  key: string;
  /** The id chosen (a client for an account, a member of staff for a person); null: left out (accounts only). */
  id: string | null | undefined;
  /** Where the choice comes from: the last import, a match of names, or nobody yet. */
  origin: "remembered" | "matched" | "email" | "none";
}

export interface ImportContext {
  facts: ImportFacts;
  accounts: MappingChoice[];
  persons: MappingChoice[];
  clients: { id: string; name: string }[];
  staff: { id: string; name: string; email: string }[];
}

const same = (a: string | null | undefined, b: string | null | undefined) => Boolean(a && b && a.trim().toLowerCase() === b.trim().toLowerCase());

/**
 * The mappings in force for these sources: `chosen` (a form's choices) over the remembered ones, over a match
 * by name (clients) or email and name (staff). A remembered or chosen id that is no longer ours counts as none.
 */
export async function importContext(
  tx: Tx, source: string, sources: { accounts: string[]; persons: SourcePerson[] },
  chosen: Partial<Record<"account" | "person", Map<string, string | null>>> = {},
): Promise<ImportContext> {
  const [clientRows, staffRows, remembered] = await Promise.all([listClients(tx, { includeArchived: true }), listStaffMembers(tx), importMappings(tx, { source })]);
  const clients = clientRows.map((c) => ({ id: c.id, name: c.name }));
  const staff = staffRows.map((s) => ({ id: s.userId, name: s.fullName ?? s.email, email: s.email }));
  const memory = (kind: ImportMappingRow["kind"], name: string) => remembered.find((m) => m.kind === kind && m.name === name);

  const accounts = sources.accounts.map((key): MappingChoice => {
    const pick = chosen.account?.get(key);
    if (pick !== undefined) return { key, id: pick === null || clients.some((c) => c.id === pick) ? pick : undefined, origin: "remembered" };
    const m = memory("account", key);
    if (m && (m.clientId === null || clients.some((c) => c.id === m.clientId))) return { key, id: m.clientId, origin: "remembered" };
    const match = clients.find((c) => same(c.name, key));
    return match ? { key, id: match.id, origin: "matched" } : { key, id: undefined, origin: "none" };
  });
  const persons = sources.persons.map((p): MappingChoice => {
    const pick = chosen.person?.get(p.key);
    if (pick) return { key: p.key, id: staff.some((s) => s.id === pick) ? pick : undefined, origin: "remembered" };
    const m = memory("person", p.key);
    if (m?.engineerId && staff.some((s) => s.id === m.engineerId)) return { key: p.key, id: m.engineerId, origin: "remembered" };
    const byEmail = staff.find((s) => same(s.email, p.email));
    if (byEmail) return { key: p.key, id: byEmail.id, origin: "email" };
    const byName = staff.find((s) => same(s.name, p.name));
    return byName ? { key: p.key, id: byName.id, origin: "matched" } : { key: p.key, id: undefined, origin: "none" };
  });

  const used = [...new Set(accounts.flatMap((a) => (a.id ? [a.id] : [])))];
  const details = await importFacts(tx, { clientIds: used });
  return {
    facts: {
      accounts: new Map(accounts.flatMap((a) => (a.id === undefined ? [] : [[a.key, a.id] as const]))),
      persons: new Map(persons.flatMap((p) => (p.id ? [[p.key, p.id] as const] : []))),
      clients: new Map(details.map((d) => [d.clientId, {
        name: clients.find((c) => c.id === d.clientId)?.name ?? "that client", closedMonths: new Set(d.closedMonths), firstTermsMonth: d.firstTermsMonth,
      }])),
    },
    accounts, persons, clients, staff,
  };
}
