// The handbook's writes (issue 26): a new page, a save that never overwrites a save it did not see, and a restore
// that saves an old version as the newest. Each leaves one audit event.
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/db/audit";
import { deleteHandbookFile, getHandbookPage, insertHandbookFile, insertHandbookPage, listHandbookVersions, saveHandbookPage } from "@/lib/db/handbook";
import { ATTACHMENT_TYPES, checkAttachment } from "@/lib/handbook/files";
import { fileStore } from "@/lib/handbook/storage";
import { AppError, found } from "@/lib/platform/errors";
import type { HandbookFields, HandbookSource } from "@/lib/types/handbook";

const conflict = (now: number) => new AppError("conflict",
  `Someone saved this page while you were editing it (it is now at version ${now}). Nothing was overwritten and your text is still here: ` +
  "copy it, open the page again, and apply your changes to the newest version.");

/**
 * What an audit event says of a page: its title only while the page is visible to the client (owners read the
 * audit trail and export it; an internal page's title is the staff's).
 */
const described = (page: { title: string; visibility: string }) => (page.visibility === "client" ? { title: page.title } : {});

/** A new page; `source` says who wrote its first version's words (a draft from the work: Claude or the template). */
export async function createPage(tx: Tx, actorId: string, clientId: string, page: HandbookFields, source: HandbookSource = "person"): Promise<string> {
  const id = await insertHandbookPage(tx, { clientId, actorId, page, source });
  await recordAudit(tx, {
    clientId, actorId, action: "handbook.created", entity: "handbook_page", entityId: id,
    data: { ...described(page), visibility: page.visibility, ...(source !== "person" ? { draftedBy: source } : {}) },
  });
  return id;
}

export async function savePage(tx: Tx, actorId: string, clientId: string, pageId: string, baseVersion: number, page: HandbookFields): Promise<number> {
  const current = found(await getHandbookPage(tx, { clientId, pageId }), "That handbook page");
  if (current.version !== baseVersion) throw conflict(current.version);
  const version = await saveHandbookPage(tx, { clientId, pageId, actorId, baseVersion, page });
  if (version === null) throw conflict(current.version + 1);
  await recordAudit(tx, {
    clientId, actorId, action: "handbook.saved", entity: "handbook_page", entityId: pageId,
    data: { ...described(page), version, visibility: page.visibility, ...(current.visibility !== page.visibility ? { visibilityBefore: current.visibility } : {}) },
  });
  return version;
}

/** Saves an old version's words as the newest; who can read the page stays as it is now (a restore never shares one). */
export async function restoreVersion(tx: Tx, actorId: string, clientId: string, pageId: string, version: number, baseVersion: number): Promise<number> {
  const versions = await listHandbookVersions(tx, { clientId, pageId });
  const old = found(versions.find((v) => v.version === version), "That version");
  if (versions[0].version !== baseVersion) throw conflict(versions[0].version);
  const { visibility } = versions[0];
  const { section, title, bodyMd, roadmapItemId } = old;
  const saved = await saveHandbookPage(tx, { clientId, pageId, actorId, baseVersion, page: { section, title, bodyMd, visibility, roadmapItemId }, restoredFrom: version });
  if (saved === null) throw conflict(baseVersion + 1);
  await recordAudit(tx, {
    clientId, actorId, action: "handbook.restored", entity: "handbook_page", entityId: pageId,
    data: { ...described({ title, visibility }), version: saved, visibility, restoredFrom: version },
  });
  return saved;
}

/**
 * Attaches a checked file to a page: its bytes go to the store (Postgres with the row, or the Storage bucket first)
 * and one audit event names the file while the page is visible to the client. If the row is not written, the object
 * the store took is removed again.
 */
export async function attachFile(tx: Tx, actorId: string, clientId: string, pageId: string, upload: { name: string; bytes: Uint8Array }): Promise<string> {
  const page = found(await getHandbookPage(tx, { clientId, pageId }), "That handbook page");
  const file = await checkAttachment(upload);
  const store = fileStore();
  const extension = ATTACHMENT_TYPES[file.contentType][0];
  const storagePath = await store.put(`${clientId}/${pageId}/${randomUUID()}.${extension}`, file.bytes, file.contentType);
  try {
    const id = await insertHandbookFile(tx, {
      clientId, pageId, actorId,
      file: { name: file.name, contentType: file.contentType, sizeBytes: file.bytes.length, sha256: file.sha256, data: storagePath ? null : file.bytes, storagePath },
    });
    await recordAudit(tx, {
      clientId, actorId, action: "handbook.file_attached", entity: "handbook_page", entityId: pageId,
      data: { ...described(page), ...(page.visibility === "client" ? { file: file.name } : {}), contentType: file.contentType, sizeBytes: file.bytes.length },
    });
    return id;
  } catch (e) {
    if (storagePath) await store.remove(storagePath);
    throw e;
  }
}

/** Removes a file from a page (and from the Storage bucket, once the row is gone). */
export async function removeFile(tx: Tx, actorId: string, clientId: string, pageId: string, fileId: string): Promise<string | null> {
  const page = found(await getHandbookPage(tx, { clientId, pageId }), "That handbook page");
  const removed = found(await deleteHandbookFile(tx, { clientId, pageId, fileId }), "That file");
  await recordAudit(tx, {
    clientId, actorId, action: "handbook.file_removed", entity: "handbook_page", entityId: pageId,
    data: { ...described(page), ...(page.visibility === "client" ? { file: removed.name } : {}) },
  });
  return removed.storagePath;
}
