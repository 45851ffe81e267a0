// How long the app keeps what it no longer needs (ASVS 5.0 14.1.2, 16.1.1; docs/SECURITY.md "What the app holds").
// The daily prune job (app/api/cron/prune, lib/db/retention) applies these. Business records (time entries,
// invoices, the audit trail, roadmaps, updates) are not here: they are the client's, kept while the client is, and
// go with the client's export.

export const RETENTION = {
  /** Sign-in limits and the limits after sign-in count at most 24 hours back. */
  rateLimitHitsDays: 2,
  /** A sign-in code lives 10 minutes; a day later nobody can ask what became of it. */
  signInCodesDays: 1,
  /** Ended or expired sessions stay listed nowhere; their sign-ins and ends are on the security record. */
  endedSessionsDays: 90,
  /** Sent or abandoned mail keeps who, what kind and when, but its body (sign-in codes, links) goes after 30 days. */
  mailBodiesDays: 30,
  /** The rest of a mail row (kind, recipient, subject, dedupe key) after a year and a month. */
  mailRowsDays: 400,
  /** Webhook and Slack deliveries carry client data in their payloads: 90 days after they were sent or gave up. */
  deliveriesDays: 90,
  /** The security record (its prune function also holds 400 days as a floor), inbound-mail records, job runs and Stripe's event ids: a year and a month. */
  securityEventsDays: 400,
  inboundEmailsDays: 400,
  jobRunsDays: 400,
  stripeEventsDays: 400,
  /** An uploaded file for import: its bytes go 30 days after upload; what it imported stays in the ledger. */
  importFileBytesDays: 30,
} as const;

export type RetentionReport = Record<
  "rateLimitHits" | "signInCodes" | "endedSessions" | "mailBodies" | "mailRows" | "deliveries" | "securityEvents" | "inboundEmails" | "jobRuns"
  | "stripeEvents" | "importFiles" | "webauthnChallenges",
  number
>;
