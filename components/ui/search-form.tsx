import { buttonClass } from "@/components/ui/button";

/** A GET search of one page (its `q`): a labelled field and a button, on one line from small screens up. */
export function SearchForm({ action, id, label, placeholder, defaultValue }: { action: string; id: string; label: string; placeholder: string; defaultValue: string }) {
  return (
    <form method="get" action={action} role="search" className="mt-4 flex flex-col gap-2 sm:flex-row sm:items-end">
      <div className="min-w-0 flex-1">
        <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">{label}</label>
        <input id={id} name="q" type="search" defaultValue={defaultValue} maxLength={200} placeholder={placeholder}
          className="w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500" />
      </div>
      <button type="submit" className={buttonClass("secondary")}>Search</button>
    </form>
  );
}
