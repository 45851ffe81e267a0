// Slack's incoming webhooks as a local double (issue 23): the app posts to the same path on this origin
// (SLACK_API_ORIGIN). Each webhook answers "ok" unless a test scripts it to answer as Slack does when a webhook
// was removed (404 no_service), when Slack fails (500), or never (a hang past the app's timeout).
import { startDouble, type RecordedRequest } from "./http";

type Answer = "ok" | "no_service" | "error" | "hang";

export async function startSlackDouble() {
  const answers = new Map<string, Answer>();
  const double = await startDouble(async (req: RecordedRequest) => {
    const answer = answers.get(req.path) ?? "ok";
    if (answer === "hang") await new Promise((r) => setTimeout(r, 8_000));
    if (answer === "no_service") return { status: 404, body: "no_service", headers: { "content-type": "text/plain" } };
    if (answer === "error") return { status: 500, body: "internal_error", headers: { "content-type": "text/plain" } };
    return { status: 200, body: "ok", headers: { "content-type": "text/plain" } };
  });
  return {
    ...double,
    /** How the webhook at this URL's path answers from now on. */
    answer: (webhookUrl: string, answer: Answer) => answers.set(new URL(webhookUrl).pathname, answer),
    /** The messages posted to this webhook, parsed. */
    posted: (webhookUrl: string) => double.requests.filter((r) => r.path === new URL(webhookUrl).pathname).map((r) => JSON.parse(r.body) as { text: string; blocks: unknown[] }),
  };
}

/** A webhook URL of the shape Slack gives (the team, the bot, a secret), unique per call. */
export const slackWebhookUrl = () =>
  `https://hooks.slack.com/services/T${Math.random().toString(36).slice(2, 10).toUpperCase()}/B${Math.random().toString(36).slice(2, 10).toUpperCase()}/${Array.from({ length: 24 }, () => "abcdefghijklmnopqrstuvwxyzABCDEF0123456789"[Math.floor(Math.random() * 42)]).join("")}`;
