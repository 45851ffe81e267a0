// A client's Slack connection as the settings page shows it (issue 23): never its URL.

export const SLACK_EVENTS = ["update.published", "extra_hours.requested", "invoice.issued"] as const;
export type SlackEvent = (typeof SLACK_EVENTS)[number];

export interface SlackConnection {
  urlHint: string;
  events: SlackEvent[];
  connectedAt: Date;
  connectedByName: string | null;
  lastSentAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
}
