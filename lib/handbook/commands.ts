// The handbook's changes, as commands (lib/commands/command.ts): the client's engineers write and restore pages.
import { command, type Refresh } from "@/lib/commands/command";
import { createPage as insertPage, restoreVersion as restore, savePage as save } from "@/lib/handbook/pages";
import { createPageSchema, restoreVersionSchema, savePageSchema } from "@/lib/handbook/schemas";

const handbook = ({ client }: { client: { id: string } }): Refresh[] => [[`/clients/${client.id}/handbook`, "layout"]];

export const createPage = command({
  name: "handbook.create", schema: createPageSchema, scope: "engineer", message: "Page saved.",
  run: ({ tx, viewer, client, input: { clientId, ...page } }) => insertPage(tx, viewer.userId, client.id, page),
  refresh: handbook,
  next: (id, { client }) => `/clients/${client.id}/handbook/${id}`,
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
