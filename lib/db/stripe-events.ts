import type { Tx } from "@/lib/db";

/**
 * Records a delivered Stripe event; false when it was recorded before (a retry or a duplicate delivery).
 * In the handler's transaction: a handler that fails rolls the record back, so Stripe's retry runs it again.
 */
export async function recordStripeEvent(tx: Tx, { eventId, type }: { eventId: string; type: string }): Promise<boolean> {
  const inserted = await tx`insert into public.stripe_events (id, type) values (${eventId}, ${type}) on conflict (id) do nothing returning id`;
  return inserted.length > 0;
}

export async function markStripeEventProcessed(tx: Tx, { eventId }: { eventId: string }) {
  await tx`update public.stripe_events set processed_at = now() where id = ${eventId}`;
}
