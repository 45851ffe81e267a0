import { SelectField, TextField } from "@/components/ui/action-form";

const zones = [
  { value: "", label: "Choose your time zone" },
  ...Intl.supportedValuesOf("timeZone").map((z) => ({ value: z, label: z.replaceAll("_", " ") })),
];

/** A person's own name and time zone: on their first visit and on /account. */
export function ProfileFields({ fullName, timezone }: { fullName: string; timezone: string | null }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField name="fullName" label="Your name" defaultValue={fullName} autoComplete="name" required maxLength={200}
        hint="Shown to the people you work with, beside your work and comments." />
      <SelectField name="timezone" label="Your time zone" options={zones} defaultValue={timezone ?? ""}
        hint="Each client's own zone still decides its months and days." />
    </div>
  );
}
