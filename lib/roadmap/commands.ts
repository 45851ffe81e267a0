// The roadmap's changes, as commands (lib/commands/command.ts).
import { command, type Refresh } from "@/lib/commands/command";
import { addComment, createItem as insertItem, moveItem as placeItem, proposeItem as insertProposal, updateItem as changeItem } from "@/lib/roadmap/items";
import { commentSchema, createItemSchema, moveItemSchema, proposeItemSchema, updateItemSchema } from "@/lib/roadmap/schemas";
import { LIMITS } from "@/lib/domain/limits";

const clientPages = ({ client }: { client: { id: string } }): Refresh[] => [[`/clients/${client.id}`, "layout"]];

export const createItem = command({
  name: "roadmap.create", schema: createItemSchema, scope: "engineer", message: "Item added.",
  run: ({ tx, viewer, client, input: { clientId, ...item } }) => insertItem(tx, viewer.userId, client.id, item),
  refresh: clientPages,
});

export const proposeItem = command({
  name: "roadmap.propose", schema: proposeItemSchema, scope: "owner", limits: [LIMITS.comments], forbidden: "Only the client's owners can propose roadmap items.",
  run: ({ tx, viewer, client, input: { clientId, ...item } }) => insertProposal(tx, viewer, client, item),
  refresh: clientPages,
  next: (id, { client }) => `/clients/${client.id}/roadmap/${id}`,
});

export const updateItem = command({
  name: "roadmap.update", schema: updateItemSchema, scope: "engineer", message: "Item saved.",
  run: ({ tx, viewer, client, input: { clientId, itemId, ...item } }) => changeItem(tx, viewer.userId, client.id, itemId, item),
  refresh: clientPages,
});

/** Moves between lanes and reorders within one (drag and drop, or the keyboard controls). */
export const moveItem = command({
  name: "roadmap.move", schema: moveItemSchema, scope: "engineer", message: "Roadmap updated.",
  run: ({ tx, viewer, client, input: { itemId, status, index, reason } }) => placeItem(tx, viewer.userId, client.id, itemId, status, index, reason),
  refresh: clientPages,
});

export const comment = command({
  name: "roadmap.comment", schema: commentSchema, scope: "member", limits: [LIMITS.comments], message: "Comment posted.",
  run: ({ tx, viewer, client, input: { itemId, body } }) => addComment(tx, viewer, client, itemId, body),
  refresh: ({ client, input }) => [`/clients/${client.id}/roadmap/${input.itemId}`],
});
