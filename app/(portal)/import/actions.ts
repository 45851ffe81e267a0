"use server";
// The import pages' forms, each a command (lib/import/commands.ts) served as a server action.
import { serveAction } from "@/lib/commands/action";
import { restoreExport, runImport, uploadImport } from "@/lib/import/commands";

export const uploadImportAction = serveAction(uploadImport);
export const runImportAction = serveAction(runImport);
export const restoreExportAction = serveAction(restoreExport);
