"use server";
// The webhooks page's forms, each a command (lib/webhooks/commands.ts) served as a server action.
import { serveAction } from "@/lib/commands/action";
import { addWebhook, redeliverWebhook, removeWebhook } from "@/lib/webhooks/commands";

export const addWebhookAction = serveAction(addWebhook);
export const removeWebhookAction = serveAction(removeWebhook);
export const redeliverWebhookAction = serveAction(redeliverWebhook);
