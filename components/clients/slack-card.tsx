// A client's Slack (issue 23): connect an incoming webhook to hear of published updates, requests for extra hours
// and issued invoices in a channel; see when it last worked or why it failed; disconnect. The URL is never shown.
import { ActionForm, CheckboxField, SubmitButton, TextField } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import { Confirm } from "@/components/ui/confirm";
import { formatInstant } from "@/lib/format";
import { SLACK_EVENTS, type SlackConnection, type SlackEvent } from "@/lib/types/slack";

type Action = Parameters<typeof ActionForm>[0]["action"];

const EVENT_LABEL: Record<SlackEvent, string> = {
  "update.published": "Weekly updates, when published",
  "extra_hours.requested": "Requests for extra hours",
  "invoice.issued": "Invoices, when issued",
};

export function SlackCard({ clientId, slack, zone, connect, disconnect }: {
  clientId: string; slack: SlackConnection | null; zone: string; connect: Action; disconnect: Action;
}) {
  return (
    <Card title="Slack" className="lg:col-span-2">
      {slack ? (
        <div className="space-y-3 text-sm">
          <p className="text-slate-700">
            Posting to <span className="font-mono text-slate-900">{slack.urlHint}</span>: {slack.events.map((e) => EVENT_LABEL[e].toLowerCase()).join(", ")}.
          </p>
          <p className="text-xs text-slate-500">
            Connected {slack.connectedByName ? `by ${slack.connectedByName} ` : ""}on {formatInstant(slack.connectedAt, zone)}
            {slack.lastSentAt && ` · last message ${formatInstant(slack.lastSentAt, zone)}`}
          </p>
          {slack.lastError && (
            <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-amber-900 ring-1 ring-inset ring-amber-200">
              The last message did not reach Slack{slack.lastErrorAt ? ` (${formatInstant(slack.lastErrorAt, zone)})` : ""}: {slack.lastError} It is tried again;
              if Slack removed the webhook, connect a new one below.
            </p>
          )}
          <Confirm label="Disconnect Slack…" tone="secondary">
            <ActionForm action={disconnect} ariaLabel="Disconnect Slack" className="space-y-3">
              <input type="hidden" name="clientId" value={clientId} />
              <p className="text-slate-700">Nothing more is posted to the channel. Messages already there stay.</p>
              <SubmitButton variant="danger" pendingLabel="Disconnecting…">Disconnect</SubmitButton>
            </ActionForm>
          </Confirm>
        </div>
      ) : (
        <p className="text-sm text-slate-700">
          Hear about the work where your team already talks. In Slack, add the “Incoming WebHooks” app to a channel (or create an app with an
          incoming webhook) and paste its URL here. It is stored encrypted and never shown again.
        </p>
      )}
      <ActionForm action={connect} ariaLabel={slack ? "Replace the Slack webhook" : "Connect Slack"} className="mt-4 space-y-3 border-t border-slate-100 pt-4">
        <input type="hidden" name="clientId" value={clientId} />
        <TextField name="url" label={slack ? "New webhook URL" : "Webhook URL"} placeholder="https://hooks.slack.com/services/T…/B…/…" autoComplete="off" spellCheck={false}
          hint="A test message is posted first: nothing is saved if Slack refuses it." required />
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">Post to the channel</legend>
          {SLACK_EVENTS.map((e) => <CheckboxField key={e} name={`event.${e}`} label={EVENT_LABEL[e]} defaultChecked={slack ? slack.events.includes(e) : true} />)}
        </fieldset>
        <SubmitButton pendingLabel="Testing…">{slack ? "Test and replace" : "Test and connect"}</SubmitButton>
      </ActionForm>
    </Card>
  );
}
