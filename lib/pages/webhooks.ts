// The webhooks page's data (issue 22): the endpoints (never their secrets) and the latest deliveries.
import type { Session } from "@/lib/auth/session";
import { asUser } from "@/lib/db";
import { listWebhookDeliveries, listWebhookEndpoints, type WebhookDeliveryRow, type WebhookEndpointRow } from "@/lib/db/webhooks";

export type { WebhookDeliveryRow, WebhookEndpointRow };

export async function viewWebhooks({ claims }: Session) {
  const [endpoints, deliveries] = await asUser(claims, (tx) => Promise.all([listWebhookEndpoints(tx), listWebhookDeliveries(tx, { limit: 50 })]));
  return { endpoints, deliveries };
}
