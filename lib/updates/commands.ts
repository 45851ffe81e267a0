// Weekly updates' changes, as commands (lib/commands/command.ts).
import { claudeConfigFromEnv } from "@/lib/ai/config";
import { command } from "@/lib/commands/command";
import { kickMailDelivery } from "@/lib/mail/kick";
import { clockNow } from "@/lib/platform/clock";
import { env } from "@/lib/platform/env";
import { draftMaterial, saveDraft as saveUpdateDraft, writeDraft } from "@/lib/updates/draft";
import { commentOnUpdate as addUpdateComment } from "@/lib/updates/comments";
import { publish } from "@/lib/updates/publish";
import { draftUpdateSchema, editUpdateSchema, updateCommentSchema } from "@/lib/updates/schemas";
import { LIMITS } from "@/lib/domain/limits";

/** The facts are read in the command's transaction; Claude is called after it, outside any transaction. */
export const draftUpdate = command({
  name: "update.draft", schema: draftUpdateSchema, scope: "engineer", limits: [LIMITS.drafts, LIMITS.draftsPerClient, LIMITS.draftsPerPractice],
  run: ({ tx, client, input }) => draftMaterial(tx, client, input.weekStart, clockNow()),
  effect: async ({ claims, client }, material) => ({ clientId: client.id, ...(await writeDraft(claims, material, claudeConfigFromEnv())) }),
  refresh: ({ client }) => [`/clients/${client.id}/updates`],
  next: (draft) => `/clients/${draft.clientId}/updates/${draft.id}`,
});

export const saveDraft = command({
  name: "update.save", schema: editUpdateSchema, scope: "engineer", message: "Draft saved.",
  run: ({ tx, viewer, client, input: { updateId, title, bodyMd } }) => saveUpdateDraft(tx, viewer.userId, client.id, updateId, { title, bodyMd }),
  refresh: ({ client }) => [[`/clients/${client.id}/updates`, "layout"]],
});

export const publishUpdate = command({
  name: "update.publish", schema: editUpdateSchema, scope: "engineer",
  run: ({ tx, viewer, client, input: { updateId, title, bodyMd } }) => publish(tx, viewer.userId, client, updateId, { title, bodyMd }, env().APP_URL),
  effect: () => kickMailDelivery(),
  refresh: ({ client }) => [[`/clients/${client.id}`, "layout"]],
  next: (_published, { client }) => `/clients/${client.id}/updates`,
});

/** The client's people and staff comment on a published update (issue 23). */
export const commentOnUpdate = command({
  name: "update.comment", schema: updateCommentSchema, scope: "member", limits: [LIMITS.comments], message: "Comment posted.",
  run: ({ tx, viewer, client, input: { updateId, body } }) =>
    addUpdateComment(tx, { client, updateId, author: { userId: viewer.userId, name: viewer.fullName || viewer.email }, staff: viewer.staffRole !== null, body, via: "portal" }),
  effect: () => kickMailDelivery(),
  refresh: ({ client }) => [`/clients/${client.id}/updates`],
});
