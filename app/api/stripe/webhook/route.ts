// POST /api/stripe/webhook — verify, check the shape, dedupe, dispatch. Errors in the one JSON contract
// (lib/commands/route.ts): { "error": { "code", "message", "fields" } }.
// 400 for a bad signature (on the security record as bearer_refused, capped per address: anyone can send one) and for a signed event of the wrong shape
// (one warning, nothing recorded); 200 with "applied", "ignored" (not ours, or stale) or "duplicate"; 500 only
// when a handler fails, so Stripe retries.
import Stripe from "stripe";
import { handleStripeEvent, parseStripeEvent } from "@/lib/billing/webhooks";
import { asService } from "@/lib/db";
import { markStripeEventProcessed, recordStripeEvent } from "@/lib/db/stripe-events";
import { errorResponse } from "@/lib/commands/route";
import { refusedBearer } from "@/lib/auth/events";
import { stripeEnv } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/log";

const log = logger("stripe.webhook");

export async function POST(request: Request) {
  const secret = stripeEnv().STRIPE_WEBHOOK_SECRET;
  if (!secret) return errorResponse(new AppError("internal", "Webhooks are not configured."));
  const payload = await request.text(); // the raw body: the signature covers these exact bytes
  let verified: unknown;
  try {
    verified = Stripe.webhooks.constructEvent(payload, request.headers.get("stripe-signature") ?? "", secret, 300);
  } catch (e) {
    if (e instanceof Stripe.errors.StripeSignatureVerificationError) {
      await refusedBearer("Stripe webhook", "a bad or stale signature");
      return errorResponse(new AppError("bad_request", "invalid signature"));
    }
    verified = undefined; // signed, but not an event: not JSON, or a thin event
  }
  const parsed = parseStripeEvent(verified);
  if (!parsed.ok) {
    log.warn({ eventId: parsed.eventId, problem: parsed.problem }, "malformed webhook event refused");
    return errorResponse(new AppError("bad_request", `malformed event: ${parsed.problem}`));
  }
  const event = parsed.event;
  try {
    const result = await asService(async (tx) => {
      const firstDelivery = await recordStripeEvent(tx, { eventId: event.id, type: event.type });
      if (!firstDelivery) return "duplicate" as const;
      const outcome = await handleStripeEvent(tx, event);
      await markStripeEventProcessed(tx, { eventId: event.id });
      return outcome;
    });
    return Response.json({ received: true, result });
  } catch (e) {
    log.error({ err: e, eventId: event.id, type: event.type }, "webhook handler failed; Stripe will retry");
    return errorResponse(new AppError("internal", "handler failed"));
  }
}
