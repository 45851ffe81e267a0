// The import pages' data (issue 22): the recent uploads, and one upload's preview: its accounts and people
// with the mapping in force, what an import would write per client and month, the rows it refuses, and how
// many rows were imported before. The preview runs the very plan the import runs (lib/import/plan.ts).
import type { Session } from "@/lib/auth/session";
import { asUser } from "@/lib/db";
import { importedKeys, listImportFiles } from "@/lib/db/imports";
import { FORMATS } from "@/lib/import/formats";
import { importContext, loadUpload, sourceOf, sourcesOf, type MappingChoice } from "@/lib/import/load";
import { Planner, type ImportPlan, type SourceTotal } from "@/lib/import/plan";
import { previewRestore } from "@/lib/import/restore";

export async function viewImports({ claims }: Session) {
  return { files: await asUser(claims, (tx) => listImportFiles(tx)) };
}

export type MappedSource = SourceTotal & Pick<MappingChoice, "id" | "origin">;

/** A Retainer Portal export waiting to be restored: what it holds, and why this practice can't take it (or null). */
export async function viewRestore({ claims }: Session, fileId: string) {
  return asUser(claims, (tx) => previewRestore(tx, fileId));
}

export async function viewImport({ claims }: Session, fileId: string) {
  return asUser(claims, async (tx) => {
    const upload = await loadUpload(tx, fileId);
    const ctx = await importContext(tx, sourceOf(upload.file.format), await sourcesOf(upload));
    const planner = new Planner(ctx.facts, true);
    for await (const e of await upload.events()) planner.add(e);
    const { keys, ...plan } = planner.result();
    let before = 0;
    for (let i = 0; i < keys.length; i += 5000) before += (await importedKeys(tx, { keys: keys.slice(i, i + 5000) })).size;
    const withChoice = (totals: SourceTotal[], choices: MappingChoice[]): MappedSource[] =>
      totals.map((t) => {
        const c = choices.find((x) => x.key === t.key);
        return { ...t, id: c?.id, origin: c?.origin ?? "none" };
      });
    const clientName = new Map(ctx.clients.map((c) => [c.id, c.name]));
    return {
      file: upload.file,
      formatLabel: FORMATS.find((f) => f.id === upload.file.format)?.label ?? upload.file.format,
      plan: plan satisfies Omit<ImportPlan, "keys">,
      months: plan.months.map((m) => ({ ...m, clientName: clientName.get(m.clientId) ?? "" })),
      before,
      accounts: withChoice(plan.accounts, ctx.accounts),
      persons: withChoice(plan.persons, ctx.persons),
      clients: ctx.clients,
      staff: ctx.staff,
    };
  });
}
