"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formValues, runAction, type ActionState } from "@/lib/actions";
import { actionSession, staffSessionFor } from "@/lib/auth/viewer";
import { asUser } from "@/lib/db";
import { addComment, createItem, moveItem, proposeItem, updateItem } from "@/lib/db/roadmap";
import { AppError, notFound } from "@/lib/errors";
import { commentSchema, createItemSchema, moveItemSchema, proposeItemSchema, updateItemSchema } from "@/lib/schemas";

const refresh = (clientId: string) => revalidatePath(`/clients/${clientId}`, "layout");

export async function createItemAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction("roadmap.create", createItemSchema, formValues(form), async ({ clientId, ...input }) => {
    const { claims } = await staffSessionFor(clientId);
    await asUser(claims, (tx) => createItem(tx, claims.sub, clientId, input));
    refresh(clientId);
  }, "Item added.");
}

export async function proposeItemAction(_: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("roadmap.propose", proposeItemSchema, formValues(form), async ({ clientId, ...input }) => {
    const { claims, viewer } = await actionSession();
    const role = viewer.memberships.find((m) => m.clientId === clientId)?.role;
    if (!role) throw notFound("That client");
    if (role !== "owner") throw new AppError("forbidden", "Only the client's owners can propose roadmap items.");
    const id = await asUser(claims, (tx) => proposeItem(tx, claims.sub, clientId, input));
    refresh(clientId);
    return { clientId, id };
  });
  if (result.ok) redirect(`/clients/${result.data.clientId}/roadmap/${result.data.id}`);
  return result;
}

export async function updateItemAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction("roadmap.update", updateItemSchema, formValues(form), async ({ clientId, itemId, ...input }) => {
    const { claims } = await staffSessionFor(clientId);
    await asUser(claims, (tx) => updateItem(tx, claims.sub, clientId, itemId, input));
    refresh(clientId);
  }, "Item saved.");
}

/** Moves between lanes and reorders within one (drag and drop, or the keyboard controls). */
export async function moveItemAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction("roadmap.move", moveItemSchema, formValues(form), async ({ clientId, itemId, status, index, reason }) => {
    const { claims } = await staffSessionFor(clientId);
    await asUser(claims, (tx) => moveItem(tx, claims.sub, clientId, itemId, status, index, reason));
    refresh(clientId);
  }, "Roadmap updated.");
}

export async function commentAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction("roadmap.comment", commentSchema, formValues(form), async ({ clientId, itemId, body }) => {
    const { claims } = await actionSession();
    await asUser(claims, (tx) => addComment(tx, claims.sub, clientId, itemId, body));
    revalidatePath(`/clients/${clientId}/roadmap/${itemId}`);
  }, "Comment posted.");
}
