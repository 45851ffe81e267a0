import "server-only";
import Stripe from "stripe";
import { stripeEnv } from "@/lib/platform/env";

/** The Stripe API version this code was written against; pinned so Stripe's upgrades never change behaviour. */
export const STRIPE_API_VERSION = "2026-10-28.endive" as const;

export interface StripeConfig {
  secretKey: string;
  /** For the in-repo double: host, port and protocol of the API. */
  host?: string;
  port?: number;
  protocol?: "http" | "https";
}

export function stripeConfigFromEnv(): StripeConfig | null {
  const { STRIPE_SECRET_KEY: secretKey, STRIPE_API_HOST: host, STRIPE_API_PORT: port, STRIPE_API_PROTOCOL: protocol } = stripeEnv();
  if (!secretKey) return null;
  return { secretKey, host, port, protocol };
}

export function stripeClient(cfg: StripeConfig): Stripe {
  return new Stripe(cfg.secretKey, {
    apiVersion: STRIPE_API_VERSION as never,
    maxNetworkRetries: 2,
    timeout: 20_000,
    host: cfg.host,
    port: cfg.port,
    protocol: cfg.protocol,
    appInfo: { name: "retainer-portal" },
  });
}
