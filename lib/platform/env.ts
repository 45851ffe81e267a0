import "server-only";
import { z } from "zod";
import type { Secrets } from "@/lib/platform/keys";

/** Unset and empty are the same: no value. */
const unlessEmpty = <T extends z.ZodType>(t: T) => z.preprocess((v) => (v === "" ? undefined : v), t.optional());

// Parsed once, on first use (not at import: `next build` imports modules without a database).
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1, "DATABASE_URL is required (the embedded runner sets it)"),
  /** Connections in this instance's pool. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).optional(),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters"),
  /** During a rotation, the secret SESSION_SECRET replaced: what was made under it is still accepted (lib/platform/keys). */
  SESSION_SECRET_PREVIOUS: unlessEmpty(z.string().min(32, "SESSION_SECRET_PREVIOUS must be at least 32 characters")),
  APP_URL: z.string().url().default("http://localhost:3000"),
  /** "1" shows the dev mailbox outside `next dev` (e2e tests). Never set it in production. */
  DEV_MAILBOX: z.enum(["0", "1"]).optional(),
  /** Set by the embedded runner: the sign-in page lists the demo accounts. */
  DEMO_MODE: z.enum(["0", "1"]).optional(),
  NEXT_PUBLIC_SUPABASE_URL: z.string().url().optional(),
  NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY: z.string().min(1).optional(),
  SIGNIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  SIGNIN_MAX_REQUESTS: z.coerce.number().int().min(1).max(1000).default(5),
  SIGNIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  /** Code requests per email per window: high enough that strangers asking for someone's codes cannot lock them out. */
  SIGNIN_MAX_REQUESTS_PER_EMAIL: z.coerce.number().int().min(1).max(1000).default(20),
  SMTP_URL: z.string().optional(),
  /** "1" lets webhooks go to loopback addresses over http (tests, a local receiver). Never set it in production. */
  WEBHOOKS_ALLOW_LOOPBACK: z.enum(["0", "1"]).optional(),
  /** How long a webhook delivery waits for its receiver. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** Tests and the embedded runner only: post Slack messages to this origin (a local double) instead of hooks.slack.com. */
  SLACK_API_ORIGIN: unlessEmpty(z.string().url()),
  /**
   * The address replies to update emails go to, with `{token}` where the signed reply token goes, e.g.
   * `reply+{token}@inbound.example.com` (your provider's inbound domain). Unset: update emails carry no reply address.
   */
  INBOUND_REPLY_ADDRESS: unlessEmpty(z.string().regex(/^[^@\s]*\{token\}[^@\s]*@[^@\s]+\.[^@\s]+$/, "INBOUND_REPLY_ADDRESS needs {token} before the @, e.g. reply+{token}@inbound.example.com")),
  /** Bearer token the inbound email route requires (your provider's webhook sends it); unset, the route refuses everyone. */
  INBOUND_EMAIL_SECRET: unlessEmpty(z.string().min(24, "INBOUND_EMAIL_SECRET must be at least 24 characters")),
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  /** Defaults to the newest Sonnet in the installed SDK's model list (claude-sonnet-4-5 ends 2026-11-30). */
  ANTHROPIC_MODEL: z.string().min(1).default("claude-sonnet-5-5"),
  ANTHROPIC_BASE_URL: z.string().url().optional(),
  ANTHROPIC_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(45_000),
  ANTHROPIC_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  MAIL_FROM: z.string().default("Retainer Portal <no-reply@localhost>"),
  /** Bearer token the cron routes require; unset or empty, they refuse every caller. */
  CRON_SECRET: z.string().optional(),
  /**
   * Who tells us the client's IP (sign-in limits): unset = the socket (`npm run serve`); 1–5 = that many
   * proxies in front, each appending to X-Forwarded-For; "vercel" = Vercel's x-vercel-forwarded-for.
   */
  TRUSTED_PROXY: z.union([z.literal(""), z.literal("vercel"), z.string().regex(/^[1-5]$/, "TRUSTED_PROXY is a hop count from 1 to 5, or vercel")]).optional(),
  /** Set only by `npm run bench`: the saved fixture the /bench twins render (app/bench/fixture-file.ts). */
  RP_BENCH_FIXTURE: z.string().min(1).optional(),
});

export type Env = z.infer<typeof schema>;

function parse<S extends z.ZodType>(s: S): z.infer<S> {
  const result = s.safeParse(process.env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return result.data;
}

let parsed: Env | undefined;
export function env(): Env {
  if (!parsed) parsed = parse(schema);
  return parsed;
}


const stripeSchema = z.object({
  /** Unset: no Stripe; invoices are issued locally (lib/billing/close). */
  STRIPE_SECRET_KEY: unlessEmpty(z.string()),
  /** Unset: the webhook route answers 500 to every delivery. */
  STRIPE_WEBHOOK_SECRET: unlessEmpty(z.string()),
  /** Where the API is, for the in-repo double; unset means Stripe's own. */
  STRIPE_API_HOST: unlessEmpty(z.string()),
  STRIPE_API_PORT: unlessEmpty(z.coerce.number().int().min(1).max(65_535)),
  STRIPE_API_PROTOCOL: unlessEmpty(z.enum(["http", "https"])),
});

export type StripeEnv = z.infer<typeof stripeSchema>;

/**
 * The Stripe settings, parsed on every call rather than once with env(): whether Stripe is configured is
 * read per run, as it always was, so one process can run with it and without it (tests/integration/cron.test.ts).
 */
export const stripeEnv = (): StripeEnv => parse(stripeSchema);

const fileStorageSchema = z.object({
  NEXT_PUBLIC_SUPABASE_URL: unlessEmpty(z.string().url()),
  /** Handbook attachments in this Supabase Storage bucket (private: create it in the dashboard) instead of Postgres. */
  HANDBOOK_FILES_BUCKET: unlessEmpty(z.string().regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, "HANDBOOK_FILES_BUCKET is a bucket name: lower-case letters, digits, dots and dashes")),
  /** A secret key that may write the bucket (the project's secret or service-role key), on the server only. */
  SUPABASE_SECRET_KEY: unlessEmpty(z.string().min(20, "SUPABASE_SECRET_KEY is the project's secret (service-role) key")),
}).refine((e) => !e.HANDBOOK_FILES_BUCKET || (e.SUPABASE_SECRET_KEY && e.NEXT_PUBLIC_SUPABASE_URL), {
  message: "HANDBOOK_FILES_BUCKET needs NEXT_PUBLIC_SUPABASE_URL and SUPABASE_SECRET_KEY", path: ["HANDBOOK_FILES_BUCKET"],
});

/** Where handbook attachments are kept, parsed on every call (as Stripe's settings): Postgres unless a bucket is set. */
export const fileStorageEnv = () => parse(fileStorageSchema);

/** The dev mailbox shows sign-in codes: only under `next dev` or when explicitly enabled. */
/**
 * Only under `next dev` (which sets NODE_ENV=development itself): an unset NODE_ENV is not development here,
 * so a process started without it never logs mail text, which carries sign-in codes.
 */
export const runsUnderNextDev = () => process.env.NODE_ENV === "development";

export const devMailboxEnabled = () => env().NODE_ENV === "development" || env().DEV_MAILBOX === "1";

export const authProvider = (): "local" | "supabase" =>
  env().NEXT_PUBLIC_SUPABASE_URL && env().NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY ? "supabase" : "local";

/** The roots every key is made from: SESSION_SECRET, and SESSION_SECRET_PREVIOUS during a rotation (lib/platform/keys). */
export const appSecrets = (): Secrets => ({ current: env().SESSION_SECRET, previous: env().SESSION_SECRET_PREVIOUS ?? null });
