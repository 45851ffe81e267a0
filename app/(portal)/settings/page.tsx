import type { Metadata } from "next";
import { ActionForm, CheckboxField, SelectField, SubmitButton, TextAreaField, TextField } from "@/components/ui/action-form";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { paymentInstructionsField } from "@/lib/billing/schemas";
import { authorizePage } from "@/lib/pages/access";
import { viewPracticeSettings } from "@/lib/pages/settings";
import { updatePracticeAction } from "./actions";

export const metadata: Metadata = { title: "Practice settings" };

// GET /settings — the practice's own details, printed on every invoice. Admins only.
export default async function PracticeSettingsPage() {
  const s = await viewPracticeSettings(await authorizePage("admin"));
  return (
    <div className="max-w-2xl">
      <PageHeader title="Practice settings" description="Your practice's details appear on invoices and emails." />
      <Card>
        <ActionForm action={updatePracticeAction} ariaLabel="Practice settings">
          <TextField name="name" label="Practice name" defaultValue={s.name} required maxLength={200} />
          <TextAreaField name="address" label="Address" defaultValue={s.address} rows={3} />
          <TextField name="invoiceEmail" label="Invoice email" type="email" hint="Shown on invoices as where to send questions." defaultValue={s.invoiceEmail} />
          <TextField name="daysUntilDue" label="Payment terms (days)" type="number" inputMode="numeric" min={0} max={120} defaultValue={String(s.daysUntilDue)} hint="Invoices are due this many days after they're issued." />
          <TextField name="reviewDays" label="Owners' review window (days)" type="number" inputMode="numeric" min={0} max={14} defaultValue={String(s.reviewDays)}
            hint="After a month ends, owners have this many days to confirm it or question entries before it closes (it closes sooner once every owner confirmed). 0: it closes at once." />
          <TextAreaField name="invoiceFooter" label="Invoice footer" defaultValue={s.invoiceFooter} rows={2} />
          <div className="border-t border-slate-100 pt-5">
            <fieldset className="space-y-4">
              <legend className="text-sm font-semibold text-slate-900">Legal and tax details</legend>
              <p className="text-sm text-slate-600">
                Printed as the seller on every invoice. The country decides which invoice rules apply (EU, UK, US, New Zealand, Japan);
                the billing page lists anything an invoice would lack before you close a month.
              </p>
              <TextField name="legalName" label="Legal name" defaultValue={s.legalName} maxLength={200} hint="The registered name, if it differs from the practice name." />
              <SelectField name="country" label="Country the practice is established in" defaultValue={s.country}
                options={[{ value: "", label: "Not set" }, ...s.countries.map((c) => ({ value: c.code, label: c.name }))]} />
              <CheckboxField name="stripeAutomaticTax" label="Let Stripe Tax compute the tax of Stripe invoices" defaultChecked={s.stripeAutomaticTax}
                hint="For practices that must collect tax in many places. Off: each client's rate (client settings) is sent to Stripe as a tax rate." />
              {s.registrations.map((r) => (
                <TextField key={r.scheme} name={r.field} label={r.label} defaultValue={r.number} maxLength={40} autoComplete="off" spellCheck={false}
                  hint={`Leave empty if you have none. Looks like ${r.example}.`} />
              ))}
            </fieldset>
          </div>
          {/* The border sits on a wrapper: a fieldset's own border runs through its legend. */}
          <div className="border-t border-slate-100 pt-5">
            <fieldset className="space-y-4">
              <legend className="text-sm font-semibold text-slate-900">How clients pay without Stripe</legend>
              <p className="text-sm text-slate-600">
                Shown under &ldquo;How to pay&rdquo; on each invoice without a Stripe payment link, and printed on it: the bank,
                the account or IBAN, the reference to quote, when to pay. Each invoice shows the instructions for its currency.
              </p>
              {s.paymentInstructions.map((p) => (
                <TextAreaField key={p.currency} name={paymentInstructionsField(p.currency)} label={`Payment instructions for ${p.currency} invoices`}
                  defaultValue={p.text} rows={5} maxLength={2000} hint="Leave empty to use the general instructions." />
              ))}
              <TextAreaField name="paymentInstructions" label="General payment instructions" defaultValue={s.generalPaymentInstructions} rows={4} maxLength={2000}
                hint={s.paymentInstructions.length ? "For an invoice whose currency has no instructions of its own." : "For every invoice."} />
            </fieldset>
          </div>
          <div className="border-t border-slate-100 pt-5">
            <fieldset className="space-y-4">
              <legend className="text-sm font-semibold text-slate-900">A client&apos;s first month</legend>
              <SelectField name="firstMonth" label="When a retainer starts after the 1st" defaultValue={s.firstMonth}
                options={[
                  { value: "prorate", label: "Prorate the first month by days (fee and included hours)" },
                  { value: "next_month", label: "Start whole at the next month (earlier work is not billed)" },
                ]}
                hint="The start date is set on each client's settings. The statement shows the proration." />
            </fieldset>
          </div>
          <div className="border-t border-slate-100 pt-5">
            <fieldset className="space-y-4">
              <legend className="text-sm font-semibold text-slate-900">Reminders for unpaid invoices</legend>
              <TextField name="reminderDays" label="Remind this many days after the due date" defaultValue={s.reminderDays.join(", ")} inputMode="numeric"
                hint="Whole days, separated by commas, like 3, 7, 14 (at most 6). The owners and the billing contact get one email each time. Leave empty to send none." />
              <CheckboxField name="stripeSendsReminders" label="Stripe sends its own reminders" defaultChecked={s.stripeSendsReminders}
                hint="Tick this if you turned on Stripe's reminder emails: then the portal sends none for Stripe invoices, so nobody gets both. Local invoices still get the portal's." />
            </fieldset>
          </div>
          <div className="border-t border-slate-100 pt-5">
            <fieldset className="space-y-4">
              <legend className="text-sm font-semibold text-slate-900">Signing in</legend>
              <CheckboxField name="ownersTwoStep" label="Clients' owners must use two-step sign-in" defaultChecked={s.ownersTwoStep}
                hint="Staff always must. With this ticked, an owner adds a passkey or an authenticator app at their next sign-in before seeing anything else." />
              <CheckboxField name="membersTwoStep" label="Clients' members must use two-step sign-in too" defaultChecked={s.membersTwoStep}
                hint="Everyone of every client, not only owners. Unticked, members may choose." />
            </fieldset>
          </div>
          <SubmitButton>Save settings</SubmitButton>
        </ActionForm>
      </Card>
      <Card title="Your data" className="mt-6">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="max-w-md text-sm text-slate-600">
            Everything about every client (hours, statements, invoices, roadmaps, updates, the audit trail) and the practice&apos;s settings,
            as spreadsheets and JSON in one ZIP. To bring history in from Harvest, Toggl or Clockify, use <Link href="/import" className="font-medium text-brand-700 hover:underline">Import</Link>;
            to tell other systems when something happens, add <Link href="/settings/webhooks" className="font-medium text-brand-700 hover:underline">webhooks</Link>.
          </p>
          <a href="/export" download className={buttonClass("secondary")}>Export the whole practice</a>
        </div>
      </Card>
    </div>
  );
}
