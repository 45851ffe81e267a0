// Webhook endpoints and deliveries, as commands (issue 22): admins add an endpoint (its signing secret returned
// once), remove one, and send a delivery again. The writes are the service role's (lib/db/webhooks.ts).
import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { command } from "@/lib/commands/command";
import { deleteWebhookEndpoint, insertWebhookEndpoint, redeliverWebhook as resend } from "@/lib/db/webhooks";
import { addWebhookSchema, redeliverWebhookSchema, removeWebhookSchema } from "@/lib/webhooks/schemas";
import { loopbackAllowed, resolveDestination, urlProblem } from "@/lib/webhooks/address";
import { kickWebhookDelivery } from "@/lib/webhooks/kick";
import { AppError, notFound } from "@/lib/platform/errors";
import { LIMITS } from "@/lib/domain/limits";

const page = () => ["/settings/webhooks"];

export const addWebhook = command({
  name: "webhook.add", schema: addWebhookSchema, scope: "admin", message: "Endpoint added. Copy its signing secret now: it is shown only once.",
  run: async ({ tx, viewer, input }) => {
    const allowLoopback = loopbackAllowed();
    const problem = urlProblem(input.url, allowLoopback);
    if (problem) throw new AppError("invalid", problem, { url: [problem] });
    // A literal address is checked now; a host name is checked at each delivery, after DNS.
    const host = new URL(input.url).hostname.replace(/^\[|\]$/g, "");
    if (isIP(host)) await resolveDestination(input.url, allowLoopback).catch((e: Error) => { throw new AppError("invalid", e.message, { url: [e.message] }); });
    const secret = `whsec_${randomBytes(32).toString("base64url")}`;
    await insertWebhookEndpoint(tx, { url: input.url, events: input.events, description: input.description, secret, createdBy: viewer.userId });
    return { secret };
  },
  refresh: page,
});

export const removeWebhook = command({
  name: "webhook.remove", schema: removeWebhookSchema, scope: "admin", message: "Endpoint removed. Nothing more is sent to it.",
  run: async ({ tx, input }) => {
    if (!(await deleteWebhookEndpoint(tx, { endpointId: input.endpointId }))) throw notFound("That endpoint");
  },
  refresh: page,
});

export const redeliverWebhook = command({
  name: "webhook.redeliver", schema: redeliverWebhookSchema, scope: "admin", limits: [LIMITS.webhookResends], message: "Queued to send again.",
  run: async ({ tx, input }) => {
    if (!(await resend(tx, { deliveryId: input.deliveryId }))) throw notFound("That delivery");
  },
  effect: () => kickWebhookDelivery(),
  refresh: page,
});
