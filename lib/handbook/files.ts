// Handbook attachments (issue 26): images and PDFs up to 10 MB, their type read from their bytes (file-type), never
// taken from the name or the browser's word; a name that says otherwise is refused, as the import refuses one
// (ASVS 5.2.2). SVG is not taken (it can carry script), nor anything else. Where the bytes are kept is
// lib/handbook/storage.ts's: Postgres, or the Supabase Storage bucket a deployment configures.
import { createHash } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { MAX_ATTACHMENT_BYTES } from "@/lib/handbook/schemas";
import { AppError } from "@/lib/platform/errors";


/** What a file may be, with the extensions its name may end in (the first is the one it is given). */
export const ATTACHMENT_TYPES = {
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg"],
  "image/gif": ["gif"],
  "image/webp": ["webp"],
  "application/pdf": ["pdf"],
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

const KIND: Record<AttachmentType, string> = { "image/png": "a PNG image", "image/jpeg": "a JPEG image", "image/gif": "a GIF image", "image/webp": "a WebP image", "application/pdf": "a PDF" };
export const isImage = (type: string) => type.startsWith("image/");

export interface CheckedAttachment {
  name: string;
  contentType: AttachmentType;
  bytes: Uint8Array;
  sha256: string;
}

/** The refusal: the form says nothing was attached, the file's field says why. */
const refuse = (message: string) => new AppError("invalid", "Nothing was attached.", { file: [message] });

/** The name as shown and stored: no folders, no control characters or quotes, at most 200 characters. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? "";
  return base.normalize("NFC").replace(/[\u0000-\u001f\u007f"<>|*?:]/g, "").replace(/\s+/g, " ").trim().slice(-200);
}

/** The file as it may be attached, or a refusal a person can act on (nothing is kept). */
export async function checkAttachment(file: { name: string; bytes: Uint8Array }): Promise<CheckedAttachment> {
  if (file.bytes.length === 0) throw refuse("The file is empty.");
  if (file.bytes.length > MAX_ATTACHMENT_BYTES) throw refuse("The file is over 10 MB. Make the image smaller, or split the PDF.");
  const found = await fileTypeFromBuffer(file.bytes);
  const contentType = found?.mime as AttachmentType | undefined;
  if (!contentType || !(contentType in ATTACHMENT_TYPES)) {
    const kind = found ? `${/^[AEFHILMNORSX]/.test(found.ext.toUpperCase()) ? "an" : "a"} ${found.ext.toUpperCase()} file` : "not an image or a PDF";
    throw refuse(`This file is ${kind}. Attach PNG, JPEG, GIF or WebP images, or PDFs.`);
  }
  const extensions: readonly string[] = ATTACHMENT_TYPES[contentType];
  const name = cleanFileName(file.name);
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase();
  if (name && extension !== undefined && !extensions.includes(extension)) {
    throw refuse(`This file is named “${name.slice(0, 80)}” but is ${KIND[contentType]}. Rename it to end in .${extensions[0]}, or pick the file you meant.`);
  }
  const stem = name.replace(/\.[A-Za-z0-9]{1,8}$/, "") || "attachment";
  return {
    name: `${stem.slice(0, 190)}.${extension ?? extensions[0]}`,
    contentType,
    bytes: file.bytes,
    sha256: createHash("sha256").update(file.bytes).digest("hex"),
  };
}

/** The path that serves a file (and that a page's Markdown may show as an image). */
export const fileHref = (clientId: string, pageId: string, fileId: string) => `/clients/${clientId}/handbook/${pageId}/files/${fileId}`;
