"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionState } from "@/lib/actions/run";
import { addComment, createItem, moveItem, proposeItem, updateItem } from "@/lib/db/roadmap";
import { commentSchema, createItemSchema, moveItemSchema, proposeItemSchema, updateItemSchema } from "@/lib/roadmap/schemas";

const refresh = ({ client }: { client: { id: string } }) => revalidatePath(`/clients/${client.id}`, "layout");

export async function createItemAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction({ name: "roadmap.create", schema: createItemSchema, scope: "engineer", message: "Item added." }, form,
    ({ tx, viewer, client, input: { clientId, ...item } }) => createItem(tx, viewer.userId, client.id, item),
    refresh);
}

export async function proposeItemAction(_: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction(
    { name: "roadmap.propose", schema: proposeItemSchema, scope: "owner", forbidden: "Only the client's owners can propose roadmap items." }, form,
    ({ tx, viewer, client, input: { clientId, ...item } }) => proposeItem(tx, viewer.userId, client.id, item),
    (ctx, id) => {
      refresh(ctx);
      return { clientId: ctx.client.id, id };
    });
  if (result.ok) redirect(`/clients/${result.data.clientId}/roadmap/${result.data.id}`);
  return result;
}

export async function updateItemAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction({ name: "roadmap.update", schema: updateItemSchema, scope: "engineer", message: "Item saved." }, form,
    ({ tx, viewer, client, input: { clientId, itemId, ...item } }) => updateItem(tx, viewer.userId, client.id, itemId, item),
    refresh);
}

/** Moves between lanes and reorders within one (drag and drop, or the keyboard controls). */
export async function moveItemAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction({ name: "roadmap.move", schema: moveItemSchema, scope: "engineer", message: "Roadmap updated." }, form,
    ({ tx, viewer, client, input: { itemId, status, index, reason } }) => moveItem(tx, viewer.userId, client.id, itemId, status, index, reason),
    refresh);
}

export async function commentAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction({ name: "roadmap.comment", schema: commentSchema, scope: "member", message: "Comment posted." }, form,
    ({ tx, viewer, client, input: { itemId, body } }) => addComment(tx, viewer.userId, client.id, itemId, body),
    ({ client, input }) => revalidatePath(`/clients/${client.id}/roadmap/${input.itemId}`));
}
