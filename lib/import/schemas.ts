// The import's inputs (issue 22): an upload, the mapping of a file's accounts and people, and the import.
import { z } from "zod";
import { checkbox, idOf } from "@/lib/schemas/fields";

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export const uploadImportSchema = z.object({
  file: z
    .instanceof(File, { error: "Choose a CSV file (or a Retainer Portal export's ZIP) to upload." })
    .refine((f) => f.size > 0, "The file is empty.")
    .refine((f) => f.size <= MAX_IMPORT_BYTES, "The file is over 20 MB. Export a shorter period at a time."),
});

const fileId = idOf("That upload");
const choice = z.union([z.literal(""), z.literal("skip"), z.uuid({ error: "Choose from the list." })]);

/**
 * A form's mapping: pairs of fields `account.N` (the source's name) and `accountTo.N` (a client's id, "skip"
 * to leave its rows out, or "" for no choice), and `person.N` / `personTo.N` (a member of staff's id).
 */
export const runImportSchema = z
  .object({
    fileId,
    /** "preview" saves the mapping and shows what an import would do; "import" also writes the entries. */
    intent: z.enum(["preview", "import"], { error: "Choose preview or import." }),
    skipRefused: checkbox,
  })
  .catchall(z.string().max(1000))
  .transform((input, ctx) => {
    const pairs = (kind: "account" | "person") => {
      const out = new Map<string, string | null>();
      for (let n = 0; n < 2000 && `${kind}.${n}` in input; n++) {
        const to = choice.safeParse(input[`${kind}To.${n}`] ?? "");
        if (!to.success) {
          ctx.addIssue({ code: "custom", path: [`${kind}To.${n}`], message: "Choose from the list." });
          continue;
        }
        if (to.data === "") continue;
        if (kind === "person" && to.data === "skip") {
          ctx.addIssue({ code: "custom", path: [`${kind}To.${n}`], message: "Choose who did this work." });
          continue;
        }
        out.set(input[`${kind}.${n}`] as string, to.data === "skip" ? null : to.data);
      }
      return out;
    };
    return { fileId: input.fileId, intent: input.intent, skipRefused: input.skipRefused, account: pairs("account"), person: pairs("person") };
  });

/** Restores an uploaded export (a ZIP) into this empty practice. */
export const restoreImportSchema = z.object({ fileId });
