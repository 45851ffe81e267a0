"use client";
// A file input in an ActionForm, with its label, hint and the error the action returned for it.
import { useId } from "react";
import { useFieldError } from "@/components/ui/action-form";

export function FileField({ name, label, hint, accept }: { name: string; label: string; hint?: string; accept?: string }) {
  const id = useId();
  const error = useFieldError(name);
  const described = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-800">{label}</label>
      <input
        id={id} name={name} type="file" accept={accept} aria-invalid={error ? true : undefined} aria-describedby={described}
        className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-200"
      />
      {hint && !error && <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p>}
      {error && <p id={`${id}-error`} className="mt-1 text-sm text-red-700">{error}</p>}
    </div>
  );
}
