// Asking for extra hours in a month (issue 23): how many, for which month and roadmap item, why, and at what price.
// An owner's own request is their approval: the form says so, and takes their PO number.
import { ActionForm, SelectField, SubmitButton, TextAreaField, TextField } from "@/components/ui/action-form";
import { formatMoney, formatMonth } from "@/lib/format";
import { requestExtraHoursAction } from "@/app/(portal)/clients/[clientId]/extra-hours/actions";

export function RequestForm({ clientId, owner, months, currentMonth, items, rateCentsPerHour, currency }: {
  clientId: string; owner: boolean; months: string[]; currentMonth: string; items: { id: string; title: string }[];
  rateCentsPerHour: number | null; currency: string;
}) {
  const rate = rateCentsPerHour === null ? "the overage rate" : `the overage rate (${formatMoney(rateCentsPerHour, currency)} an hour)`;
  return (
    <ActionForm action={requestExtraHoursAction} ariaLabel={owner ? "Approve extra hours" : "Ask for extra hours"}>
      <input type="hidden" name="clientId" value={clientId} />
      <div className="grid gap-4">
        <SelectField name="month" label="Month" defaultValue={(months.includes(currentMonth) ? currentMonth : months[0]).slice(0, 7)}
          options={months.map((m) => ({ value: m.slice(0, 7), label: formatMonth(m) }))} />
        <TextField name="hours" label="Extra hours" inputMode="decimal" placeholder="10" hint="In quarter hours, like 10 or 7.5." />
      </div>
      <SelectField name="roadmapItemId" label="For a roadmap item (optional)" defaultValue=""
        options={[{ value: "", label: "No particular item" }, ...items.map((i) => ({ value: i.id, label: i.title }))]} />
      <TextAreaField name="reason" label="What the hours are for" rows={3} maxLength={1000}
        hint={owner ? "Shown to the engineer with your approval." : "The owners read this in the email and the portal before they decide."} />
      <div className="grid gap-4">
        <SelectField name="pricing" label="Price" defaultValue="rate"
          options={[{ value: "rate", label: `At ${rate}` }, { value: "quoted", label: "At a quoted price for the block" }]} />
        <TextField name="quoted" label={`Quoted price (${currency}, if quoted)`} inputMode="decimal" hint="Billed pro rata to the hours of the block used." />
      </div>
      {owner && <TextField name="poNumber" label="PO number (optional)" maxLength={100} />}
      <SubmitButton pendingLabel={owner ? "Approving…" : "Asking…"}>{owner ? "Approve these extra hours" : "Ask the owners"}</SubmitButton>
    </ActionForm>
  );
}
