import "server-only";
import Stripe from "stripe";

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
  const secretKey = process.env.STRIPE_SECRET_KEY;
  if (!secretKey) return null;
  return {
    secretKey,
    host: process.env.STRIPE_API_HOST || undefined,
    port: process.env.STRIPE_API_PORT ? Number(process.env.STRIPE_API_PORT) : undefined,
    protocol: (process.env.STRIPE_API_PROTOCOL as "http" | "https" | undefined) || undefined,
  };
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
