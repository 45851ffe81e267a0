// What the handbook's forms may send (issue 26): a page's fields, the version the editor started from, a restore.
import { z } from "zod";
import { clientIdField, idOf, optionalUuid, text } from "@/lib/schemas/fields";

/** At most 10 MB a file (lib/handbook/files.ts holds the same figure; schemas import no services). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const pageIdField = idOf("That handbook page");
const versionField = (message: string) => z.coerce.number({ error: message }).int(message).min(1, message).max(1_000_000, message);

export const pageFields = {
  section: z.enum(["runbooks", "architecture", "how-tos", "decisions", "workflows"], { error: "Choose a section." }),
  title: text({ empty: "Give the page a title.", max: 200, tooLong: "Keep the title under 200 characters." }),
  // Browsers send a textarea's lines with CRLF: stored with LF, so versions compare line by line.
  bodyMd: text({ min: 0, max: 100_000, tooLong: "Keep the page under 100,000 characters (split it into pages).", lines: "multi" })
    .transform((s) => s.replace(/\r\n?/g, "\n")).default(""),
  visibility: z.enum(["internal", "client"], { error: "Choose who can read the page." }),
  roadmapItemId: optionalUuid("That roadmap item could not be found."),
};

export const createPageSchema = z.object({ clientId: clientIdField, ...pageFields });

export const savePageSchema = z.object({
  clientId: clientIdField, pageId: pageIdField, baseVersion: versionField("Reload the page: the version you edited is missing."), ...pageFields,
});

export const draftPageSchema = z.object({ clientId: clientIdField, roadmapItemId: idOf("That roadmap item") });

/** An attachment as the form sends it; what it is (by its bytes) is lib/handbook/files' to check. */
export const attachFileSchema = z.object({
  clientId: clientIdField, pageId: pageIdField,
  file: z.instanceof(File, { error: "Choose an image or a PDF to attach." })
    .refine((f) => f.size > 0, "Choose an image or a PDF to attach (the file is empty).")
    .refine((f) => f.size <= MAX_ATTACHMENT_BYTES, "The file is over 10 MB. Make the image smaller, or split the PDF."),
});

export const removeFileSchema = z.object({ clientId: clientIdField, pageId: pageIdField, fileId: idOf("That file") });

export const restoreVersionSchema = z.object({
  clientId: clientIdField, pageId: pageIdField,
  version: versionField("Choose a version to restore."),
  baseVersion: versionField("Reload the page: the version you looked at is missing."),
});
