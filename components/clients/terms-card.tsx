import { ActionForm, SelectField, SubmitButton, TextField } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import type { ActionState } from "@/lib/commands/state";
import type { Terms } from "@/lib/domain/retainer";
import { currencyDigits, formatMinutes, formatMoney, formatMonth, minorToDecimal } from "@/lib/format";

const INCREMENT_OPTIONS = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60].map((n) => ({ value: String(n), label: `${n} minute${n === 1 ? "" : "s"}` }));
const hours = (minutes: number) => String(Math.round((minutes / 60) * 100) / 100);

function describe(t: Terms, currency: string) {
  return [
    `${formatMinutes(t.includedMinutes)} included for ${formatMoney(t.monthlyFeeCents, currency)} a month`,
    `overage ${formatMoney(t.overageRateCentsPerHour, currency)}/h in ${t.overageIncrementMinutes}-minute steps`,
    t.rolloverCapMinutes > 0 ? `up to ${formatMinutes(t.rolloverCapMinutes)} rolls over for ${t.rolloverExpiryMonths} month${t.rolloverExpiryMonths === 1 ? "" : "s"}` : "no rollover",
    t.overagePreapprovedMinutes > 0 ? `${formatMinutes(t.overagePreapprovedMinutes)} of overage pre-approved` : "no overage pre-approved",
  ].join(" · ");
}

/** The retainer terms: history for everyone who may see settings, a change form for staff. */
export function TermsCard({ clientId, currency, terms, currentMonth, editable, action }: {
  clientId: string;
  currency: string;
  terms: Terms[];
  currentMonth: string;
  editable: boolean;
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const latest = terms[terms.length - 1];
  const digits = currencyDigits(currency);
  return (
    <Card title={<span id="terms">Retainer terms</span>} className="lg:col-span-2">
      {terms.length === 0 ? (
        <p className="text-sm text-slate-600">No terms yet.{editable ? " Set them below to start tracking the month." : ""}</p>
      ) : (
        <ol className="space-y-2 text-sm">
          {[...terms].reverse().map((t) => (
            <li key={t.effectiveMonth}>
              <span className="font-medium text-slate-900">From {formatMonth(t.effectiveMonth)}:</span>{" "}
              <span className="text-slate-700">{describe(t, currency)}</span>
            </li>
          ))}
        </ol>
      )}
      {editable && (
        <ActionForm action={action} className="mt-5 space-y-4 border-t border-slate-100 pt-5" ariaLabel="Change retainer terms">
          <input type="hidden" name="clientId" value={clientId} />
          <p className="text-sm text-slate-600">A change applies from the month you choose; earlier months keep their terms.</p>
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
            <TextField name="effectiveMonth" label="Applies from" type="month" defaultValue={currentMonth.slice(0, 7)} />
            <TextField name="includedHours" label="Included hours per month" inputMode="decimal" defaultValue={latest ? hours(latest.includedMinutes) : "20"} hint="0 for pure hourly billing." />
            <TextField name="monthlyFee" label={`Monthly fee (${currency})`} inputMode="decimal" defaultValue={latest ? minorToDecimal(latest.monthlyFeeCents, digits) : ""} />
            <TextField name="overageRate" label={`Overage rate per hour (${currency})`} inputMode="decimal" defaultValue={latest ? minorToDecimal(latest.overageRateCentsPerHour, digits) : ""} />
            <SelectField name="overageIncrementMinutes" label="Bill overage in steps of" options={INCREMENT_OPTIONS} defaultValue={String(latest?.overageIncrementMinutes ?? 15)} />
            <TextField name="preapprovedHours" label="Pre-approved overage (hours)" inputMode="decimal" defaultValue={latest ? hours(latest.overagePreapprovedMinutes) : "0"} hint="Past this, logging time asks to confirm." />
            <TextField name="rolloverCapHours" label="Rollover cap (hours)" inputMode="decimal" defaultValue={latest ? hours(latest.rolloverCapMinutes) : "0"} hint="0 means unused hours don't roll over." />
            <TextField name="rolloverExpiryMonths" label="Rolled-over hours last (months)" inputMode="numeric" defaultValue={String(latest?.rolloverExpiryMonths ?? 0)} />
          </div>
          <SubmitButton>Save terms</SubmitButton>
        </ActionForm>
      )}
    </Card>
  );
}
