// A Slack incoming-webhook URL (issue 23): Slack's own https host and path, nothing else, so a connection can only
// ever post into Slack. What the page shows of it is a hint (host and last four characters): the URL is a secret.

const SLACK_WEBHOOK = /^https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{4,20}\/B[A-Z0-9]{4,20}\/[A-Za-z0-9]{16,64}$/;

export const SLACK_URL_MESSAGE = "Paste the webhook URL Slack gave you: it starts with https://hooks.slack.com/services/.";

export function isSlackWebhookUrl(value: string): boolean {
  return SLACK_WEBHOOK.test(value);
}

export function slackUrlHint(url: string): string {
  return `hooks.slack.com/services/…${url.slice(-4)}`;
}

/** Where a message is posted: the URL itself, or (tests, the embedded runner only) the same path on the local double. */
export function slackPostUrl(url: string, doubleOrigin: string | undefined): string {
  return doubleOrigin ? `${doubleOrigin.replace(/\/+$/, "")}${new URL(url).pathname}` : url;
}
