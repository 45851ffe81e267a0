// The handbook's changes, as commands (lib/commands/command.ts): the client's engineers write and restore pages.
import { claudeConfigFromEnv } from "@/lib/ai/config";
import { command, type Refresh } from "@/lib/commands/command";
import { LIMITS } from "@/lib/domain/limits";
import { runbookMaterial, writeRunbook } from "@/lib/handbook/draft";
import { attachFile as attach, createPage as insertPage, removeFile as remove, restoreVersion as restore, savePage as save } from "@/lib/handbook/pages";
import { attachFileSchema, createPageSchema, draftPageSchema, removeFileSchema, restoreVersionSchema, savePageSchema } from "@/lib/handbook/schemas";
import { fileStore } from "@/lib/handbook/storage";

const handbook = ({ client }: { client: { id: string } }): Refresh[] => [[`/clients/${client.id}/handbook`, "layout"]];

export const createPage = command({
  name: "handbook.create", schema: createPageSchema, scope: "engineer", message: "Page saved.",
  run: ({ tx, viewer, client, input: { clientId, ...page } }) => insertPage(tx, viewer.userId, client.id, page),
  refresh: handbook,
  next: (id, { client }) => `/clients/${client.id}/handbook/${id}`,
});

/** A runbook drafted from a roadmap item's work: the item is read in the command's transaction, Claude is called after it. */
export const draftPage = command({
  name: "handbook.draft", schema: draftPageSchema, scope: "engineer", limits: [LIMITS.drafts, LIMITS.draftsPerClient, LIMITS.draftsPerPractice],
  run: ({ tx, client, input }) => runbookMaterial(tx, client, input.roadmapItemId),
  effect: async ({ claims, client }, material) => ({ clientId: client.id, ...(await writeRunbook(claims, material, claudeConfigFromEnv())) }),
  message: (draft) => `${draft.source === "claude" ? "Claude drafted this page from the item's work" : "The page is drafted from the item's work"}. It is internal: correct it and save it, then choose who reads it.`,
  refresh: handbook,
  next: (draft) => `/clients/${draft.clientId}/handbook/${draft.id}/edit`,
});

export const savePage = command({
  name: "handbook.save", schema: savePageSchema, scope: "engineer", message: (version) => `Saved as version ${version}.`,
  run: ({ tx, viewer, client, input: { clientId, pageId, baseVersion, ...page } }) => save(tx, viewer.userId, client.id, pageId, baseVersion, page),
  refresh: handbook,
  next: (_, { client, input }) => `/clients/${client.id}/handbook/${input.pageId}`,
});

export const restoreVersion = command({
  name: "handbook.restore", schema: restoreVersionSchema, scope: "engineer", message: (version) => `Restored as version ${version}.`,
  run: ({ tx, viewer, client, input: { pageId, version, baseVersion } }) => restore(tx, viewer.userId, client.id, pageId, version, baseVersion),
  refresh: handbook,
  next: (_, { client, input }) => `/clients/${client.id}/handbook/${input.pageId}/history`,
});

/** An image or a PDF on a page, its type read from its bytes; back to the editor, where the page's files are listed. */
export const attachFile = command({
  name: "handbook.attach", schema: attachFileSchema, scope: "engineer", limits: [LIMITS.attachments, LIMITS.attachmentsPerClient],
  message: "File attached.",
  run: async ({ tx, viewer, client, input: { pageId, file } }) => attach(tx, viewer.userId, client.id, pageId, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }),
  refresh: handbook,
  next: (_, { client, input }) => `/clients/${client.id}/handbook/${input.pageId}/edit#files`,
});

/** Removes a file; the Storage object (if the bucket keeps it) goes once the row is gone. */
export const removeFile = command({
  name: "handbook.detach", schema: removeFileSchema, scope: "engineer", message: "File removed.",
  run: ({ tx, viewer, client, input: { pageId, fileId } }) => remove(tx, viewer.userId, client.id, pageId, fileId),
  effect: async (_, storagePath) => {
    if (storagePath) await fileStore().remove(storagePath);
  },
  refresh: handbook,
  next: (_, { client, input }) => `/clients/${client.id}/handbook/${input.pageId}/edit#files`,
});
