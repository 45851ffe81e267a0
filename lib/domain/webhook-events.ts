// The events a webhook endpoint may subscribe to (issue 22): the audit trail's actions that tell a practice's
// other systems something happened. Each delivery's `type` is the action; `data.details` is the audit event's data.
export const WEBHOOK_EVENTS = [
  { group: "Hours", events: ["entry.created", "entry.edited", "entry.voided", "entry.adjusted", "entry.imported"] },
  { group: "Billing", events: ["month.closed", "invoice.issued", "invoice.paid", "invoice.payment_failed", "invoice.voided", "invoice.reminded", "terms.set", "terms.changed"] },
  { group: "Roadmap and updates", events: ["roadmap.created", "roadmap.proposed", "roadmap.updated", "roadmap.moved", "roadmap.commented", "update.published"] },
  { group: "Clients and people", events: ["client.created", "client.updated", "client.archived", "member.joined", "member.removed"] },
] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]["events"][number];
export const ALL_WEBHOOK_EVENTS: readonly string[] = WEBHOOK_EVENTS.flatMap((g) => g.events);

/** Seconds to wait before attempt n+1 after n failed attempts; after the last, the delivery has failed. */
export const WEBHOOK_BACKOFF_SECONDS = [60, 300, 1800, 7200, 43200] as const;
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_BACKOFF_SECONDS.length + 1;

/** The signature header's value: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed by the secret>`. */
export const signedPayload = (timestamp: number, body: string) => `${timestamp}.${body}`;
