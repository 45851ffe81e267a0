// Limits after sign-in (ASVS 5.0 2.4.1, issue 29): how many times a person (or a client's people together) may run
// a costly or noisy command, or download, in a window. The figures sit well above what a person does in a working
// hour and well below what a script does. lib/commands/limits.ts counts them (commands declare `limits`, download
// routes call spendLimit); public.rate_limit_hits holds the counts, shared by every app server.

/** A limit after sign-in: at most `max` uses per person, per client, or across the whole practice in the window. */
export interface CommandLimit {
  /** Uses with the same key share the count (a comment on an item and on an update are both comments). */
  key: string;
  per: "person" | "client" | "practice";
  max: number;
  windowMinutes: number;
  /** The refusal's first sentence; "Try again in N minutes." follows. */
  what: string;
}

export const LIMITS = {
  /** Each draft is a Claude call (and its retry): the practice pays for it. */
  drafts: { key: "drafts", per: "person", max: 30, windowMinutes: 60, what: "That is 30 drafts with Claude in the last hour, the most one person may ask for." },
  draftsPerClient: { key: "drafts", per: "client", max: 60, windowMinutes: 24 * 60, what: "This client has had 60 drafts with Claude today, the most a client may have." },
  /** The practice's ceiling on its Claude bill: a few engineers drafting for a dozen clients stay far below it. */
  draftsPerPractice: { key: "drafts", per: "practice", max: 500, windowMinutes: 24 * 60, what: "The practice has had 500 drafts with Claude today, the most it may have." },
  /** Each invitation is an email to someone who did not ask for it. */
  invitations: { key: "invitations", per: "person", max: 30, windowMinutes: 60, what: "That is 30 invitations in the last hour, the most one person may send." },
  /** Comments, questions and answers notify (and may email) the client's people. */
  comments: { key: "comments", per: "person", max: 60, windowMinutes: 60, what: "That is 60 comments in the last hour, the most one person may post." },
  /** A ZIP of a client or of the whole practice: every row, read from one snapshot (route handlers, via spendLimit). */
  exports: { key: "exports", per: "person", max: 20, windowMinutes: 60, what: "That is 20 exports in the last hour, the most one person may download." },
  /** The ledger's CSV of one month and filter. */
  csv: { key: "csv", per: "person", max: 120, windowMinutes: 60, what: "That is 120 CSV downloads in the last hour, the most one person may make." },
  /** Each request for extra hours emails the client's owners. */
  extraHours: { key: "extra-hours", per: "person", max: 20, windowMinutes: 60, what: "That is 20 requests for extra hours in the last hour, the most one person may send." },
  /** Each "send again" posts to an outside endpoint. */
  webhookResends: { key: "webhook-resends", per: "person", max: 60, windowMinutes: 60, what: "That is 60 webhook deliveries sent again in the last hour, the most one person may queue." },
  /** Uploads and imports read and write up to 50,000 rows each; a history brought in month by month is two a month. */
  imports: { key: "imports", per: "person", max: 60, windowMinutes: 60, what: "That is 60 uploads and imports in the last hour, the most one person may run." },
  /** Handbook attachments: up to 10 MB each, kept for as long as the page. */
  attachments: { key: "attachments", per: "person", max: 60, windowMinutes: 60, what: "That is 60 files attached in the last hour, the most one person may attach." },
  attachmentsPerClient: { key: "attachments", per: "client", max: 200, windowMinutes: 24 * 60, what: "This client's handbook has had 200 files attached today, the most a client may have." },
} as const satisfies Record<string, CommandLimit>;
