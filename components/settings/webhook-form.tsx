"use client";
// Adding a webhook endpoint (issue 22): a URL, what it is, the events it receives. Its signing secret is shown
// once, here, with a button that copies it.
import { ShownOnce } from "@/components/ui/shown-once";
import { ActionForm, SubmitButton, TextField, useFieldError } from "@/components/ui/action-form";
import { WEBHOOK_EVENTS } from "@/lib/domain/webhook-events";

type Action = Parameters<typeof ActionForm>[0]["action"];

function EventChoices() {
  const error = useFieldError("events");
  return (
    <fieldset aria-describedby={error ? "webhook-events-error" : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-800">Events it receives</legend>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        {WEBHOOK_EVENTS.map((g) => (
          <div key={g.group}>
            <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{g.group}</p>
            <div className="mt-1 space-y-1">
              {g.events.map((e) => (
                <label key={e} className="flex items-center gap-2 font-mono text-xs text-slate-800">
                  <input type="checkbox" name={`event.${e}`} className="size-4 rounded border-slate-300" /> {e}
                </label>
              ))}
            </div>
          </div>
        ))}
      </div>
      {error && <p id="webhook-events-error" className="mt-1 text-sm text-red-700">{error}</p>}
    </fieldset>
  );
}

export function AddWebhookForm({ action }: { action: Action }) {
  return (
    <ActionForm action={action} ariaLabel="Add a webhook endpoint" result={(data) => <ShownOnce intro="The endpoint's signing secret. Copy it now: it is shown only once." label="Signing secret" value={(data as { secret: string }).secret} />}>
      <TextField name="url" label="URL" type="url" placeholder="https://example.com/hooks/retainer" maxLength={2000} required autoComplete="off" />
      <TextField name="description" label="What it is (optional)" placeholder="Accounting sync" maxLength={200} />
      <EventChoices />
      <SubmitButton pendingLabel="Adding…">Add endpoint</SubmitButton>
    </ActionForm>
  );
}
