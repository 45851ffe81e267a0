// The handbook's pages (issue 26): the list by section (searchable), one page, its history with a readable diff,
// and what the editor needs. Read as the caller: RLS keeps internal pages and versions to the client's staff.
import { notFound } from "next/navigation";
import { z } from "zod";
import { asUser } from "@/lib/db";
import { getHandbookFile, getHandbookPage, listHandbookFiles, listHandbookPages, listHandbookVersions } from "@/lib/db/handbook";
import { fileHref, isImage } from "@/lib/handbook/files";
import { fileStore } from "@/lib/handbook/storage";
import { roadmapItemOptions } from "@/lib/db/roadmap";
import { HANDBOOK_SECTIONS, lineDiff } from "@/lib/domain/handbook";
import { tsQueryOf } from "@/lib/domain/search";
import type { ClientPage } from "@/lib/pages/access";
import { idField } from "@/lib/schemas/fields";
import type { HandbookFileRow, HandbookPageRow, ShownFile } from "@/lib/types/handbook";

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export async function viewHandbook({ claims, client }: ClientPage, searchParams: Record<string, string | string[] | undefined>) {
  const q = z.string().trim().max(200).catch("").parse(one(searchParams.q) ?? "");
  const tsquery = q ? tsQueryOf(q) : null;
  const pages = await asUser(claims, (tx) => listHandbookPages(tx, { clientId: client.id, tsquery }));
  const sections = HANDBOOK_SECTIONS.map((s) => ({ ...s, pages: pages.filter((p) => p.section === s.value) }));
  return { q, total: pages.length, sections };
}

/** A page the caller may read, or a 404 (another client's, an internal one for a member, a malformed id). */
export async function viewHandbookPage({ claims, client }: ClientPage, pageId: string): Promise<HandbookPageRow> {
  if (!idField.safeParse(pageId).success) notFound();
  const page = await asUser(claims, (tx) => getHandbookPage(tx, { clientId: client.id, pageId }));
  return page ?? notFound();
}

/** A page and its files, each with the path that serves it (the only images the page's Markdown may show). */
export async function viewHandbookPageWithFiles(access: ClientPage, pageId: string) {
  const page = await viewHandbookPage(access, pageId);
  const files = await asUser(access.claims, (tx) => listHandbookFiles(tx, { clientId: access.client.id, pageId }));
  return { page, files: files.map((f) => withHref(f, access.client.id)) };
}

const withHref = (f: HandbookFileRow, clientId: string): ShownFile => ({ ...f, href: fileHref(clientId, f.pageId, f.id), image: isImage(f.contentType) });

/**
 * One file's bytes for whoever may read its page (RLS: staff, or the client's people while the page is visible), read
 * from Postgres or the Storage bucket; a 404 for anything else.
 */
export async function viewHandbookFile({ claims, client }: ClientPage, pageId: string, fileId: string) {
  if (!idField.safeParse(pageId).success || !idField.safeParse(fileId).success) notFound();
  const file = await asUser(claims, (tx) => getHandbookFile(tx, { clientId: client.id, pageId, fileId }));
  if (!file) notFound();
  const bytes = file.data ?? (await fileStore().read(file.storagePath!));
  return { name: file.name, contentType: file.contentType, sha256: file.sha256, bytes };
}

/** What the editor offers: the client's roadmap items. */
export async function viewHandbookEditor({ claims, client }: ClientPage) {
  return { items: await asUser(claims, (tx) => roadmapItemOptions(tx, { clientId: client.id })) };
}

/**
 * A page's versions the caller may read, newest first, and the diff of one version against the one before it
 * (`?version=`, the newest by default; the first version is compared with an empty page).
 */
export async function viewHandbookHistory(access: ClientPage, pageId: string, searchParams: Record<string, string | string[] | undefined>) {
  const page = await viewHandbookPage(access, pageId);
  const versions = await asUser(access.claims, (tx) => listHandbookVersions(tx, { clientId: access.client.id, pageId }));
  const asked = z.coerce.number().int().catch(versions[0]?.version ?? 1).parse(one(searchParams.version) ?? versions[0]?.version);
  const index = Math.max(0, versions.findIndex((v) => v.version === asked));
  const shown = versions[index];
  const previous = versions[index + 1] ?? null; // the version before it the caller may read
  const diff = shown ? lineDiff(previous ? `# ${previous.title}\n\n${previous.bodyMd}` : "", `# ${shown.title}\n\n${shown.bodyMd}`) : [];
  return { page, versions, shown, previous, diff };
}
