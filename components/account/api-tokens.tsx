"use client";
// Creating a personal API token on /account (issue 22): a name, what it may do, optionally one client, how long
// it lasts. The token is shown once, right here, with a button that copies it.
import { ShownOnce } from "@/components/ui/shown-once";
import { ActionForm, SelectField, SubmitButton, TextField, useFieldError } from "@/components/ui/action-form";
import { API_SCOPES, SCOPE_LABELS, TOKEN_LIFETIMES } from "@/lib/domain/api-scopes";

type Action = Parameters<typeof ActionForm>[0]["action"];

function ScopeChoices({ staff }: { staff: boolean }) {
  const error = useFieldError("scopes");
  return (
    <fieldset aria-describedby={error ? "token-scopes-error" : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-800">What it may do</legend>
      <div className="space-y-1.5">
        {API_SCOPES.filter((s) => staff || s !== "hours:write").map((s) => (
          <label key={s} className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" name={`scope.${s}`} defaultChecked={s === "hours:read"} className="size-4 rounded border-slate-300" />
            {SCOPE_LABELS[s]} <span className="font-mono text-xs text-slate-500">{s}</span>
          </label>
        ))}
      </div>
      {error && <p id="token-scopes-error" className="mt-1 text-sm text-red-700">{error}</p>}
    </fieldset>
  );
}

export function NewApiTokenForm({ action, clients, staff }: { action: Action; clients: { id: string; name: string }[]; staff: boolean }) {
  return (
    <ActionForm action={action} ariaLabel="New API token"
      result={(data) => <ShownOnce intro="Your new token. Copy it now: it is shown only once." label="New API token" value={(data as { token: string }).token} />}>
      <TextField name="name" label="Name" placeholder="What will use it, e.g. Accounting export" maxLength={100} required />
      <ScopeChoices staff={staff} />
      <SelectField name="clientId" label="Clients it reaches" defaultValue=""
        options={[{ value: "", label: "Every client you can see" }, ...clients.map((c) => ({ value: c.id, label: `Only ${c.name}` }))]} />
      <SelectField name="lifetimeDays" label="Expires after" defaultValue="90" options={TOKEN_LIFETIMES.map((d) => ({ value: String(d), label: d === 365 ? "1 year" : `${d} days` }))} />
      <SubmitButton pendingLabel="Creating…">Create token</SubmitButton>
    </ActionForm>
  );
}
