"use client";
// A form bound to a server action through useActionState. Fields read the action's state from context to
// show their error and keep what the person typed when the server refuses.
import { createContext, useActionState, useContext, useEffect, useId, useRef, type ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { buttonClass } from "@/components/ui/button";

import type { ActionState as State } from "@/lib/commands/state";

type Action = (state: State, form: FormData) => Promise<State>;

const FormState = createContext<State>(null);

export function ActionForm({
  action,
  children,
  className = "space-y-4",
  ariaLabel,
  onSuccess,
  showSuccess = true,
  result,
}: {
  action: Action;
  children: ReactNode;
  className?: string;
  ariaLabel?: string;
  /** Called once after each successful submission (e.g. to close a dialog). */
  onSuccess?: () => void;
  /** False when the caller shows the success message itself (a form inside a row that may disappear). */
  showSuccess?: boolean;
  /** What a success shows of the command's result (from a client component: e.g. a token shown once). */
  result?: (data: unknown) => ReactNode;
}) {
  const [state, formAction] = useActionState(action, null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) onSuccess?.();
    // A refusal puts the person on the first field it is about, so they can fix it at once; a refusal about no
    // field is scrolled into view (the button pressed may be a long page below it).
    else if (state && !state.ok) {
      const field = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      if (field) field.focus();
      else form.current?.querySelector<HTMLElement>('[role="alert"]')?.scrollIntoView?.({ block: "nearest" });
    }
  }, [state, onSuccess]);
  return (
    <form ref={form} action={formAction} className={className} aria-label={ariaLabel} noValidate>
      <FormState value={state}>
        {state && !state.ok && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200">
            {state.error}
          </p>
        )}
        {showSuccess && state?.ok && state.message && (
          <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-inset ring-emerald-200">
            {state.message}
          </p>
        )}
        {state?.ok && result?.(state.data)}
        {children}
      </FormState>
    </form>
  );
}

/** The error the last refusal gave a field, for fields drawn outside this file (a file input). */
export function useFieldError(name: string): string | undefined {
  const state = useContext(FormState);
  return state && !state.ok ? state.fieldErrors[name]?.[0] : undefined;
}

function useField(name: string, defaultValue?: string) {
  const state = useContext(FormState);
  const id = useId();
  const error = state && !state.ok ? state.fieldErrors[name]?.[0] : undefined;
  const value = state && !state.ok && name in state.values ? state.values[name] : defaultValue;
  return { id, error, value, errorId: `${id}-error`, hintId: `${id}-hint` };
}

const inputClass = (invalid: boolean) =>
  `block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-inset ${
    invalid ? "ring-red-400 focus:ring-red-500" : "ring-slate-300 focus:ring-brand-500"
  }`;

function FieldShell({ id, label, hint, hintId, error, errorId, children }: {
  id: string; label: string; hint?: string; hintId: string; error?: string; errorId: string; children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-800">{label}</label>
      {children}
      {hint && !error && <p id={hintId} className="mt-1 text-xs text-slate-600">{hint}</p>}
      {error && <p id={errorId} className="mt-1 text-sm text-red-700">{error}</p>}
    </div>
  );
}

export function TextField({
  name, label, hint, defaultValue, type = "text", ...rest
}: { name: string; label: string; hint?: string; defaultValue?: string; type?: string } &
  Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "defaultValue" | "type">) {
  const f = useField(name, defaultValue);
  return (
    <FieldShell id={f.id} label={label} hint={hint} hintId={f.hintId} error={f.error} errorId={f.errorId}>
      <input
        id={f.id} name={name} type={type} defaultValue={f.value} key={f.value}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={f.error ? f.errorId : hint ? f.hintId : undefined}
        className={inputClass(Boolean(f.error))} {...rest}
      />
    </FieldShell>
  );
}

export function TextAreaField({
  name, label, hint, defaultValue, rows = 3, ...rest
}: { name: string; label: string; hint?: string; defaultValue?: string; rows?: number } &
  Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "defaultValue">) {
  const f = useField(name, defaultValue);
  return (
    <FieldShell id={f.id} label={label} hint={hint} hintId={f.hintId} error={f.error} errorId={f.errorId}>
      <textarea
        id={f.id} name={name} rows={rows} defaultValue={f.value} key={f.value}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={f.error ? f.errorId : hint ? f.hintId : undefined}
        className={inputClass(Boolean(f.error))} {...rest}
      />
    </FieldShell>
  );
}

export function SelectField({
  name, label, hint, defaultValue, options, ...rest
}: { name: string; label: string; hint?: string; defaultValue?: string; options: { value: string; label: string }[] } &
  Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "name" | "defaultValue">) {
  const f = useField(name, defaultValue);
  return (
    <FieldShell id={f.id} label={label} hint={hint} hintId={f.hintId} error={f.error} errorId={f.errorId}>
      <select
        id={f.id} name={name} defaultValue={f.value} key={f.value}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={f.error ? f.errorId : hint ? f.hintId : undefined}
        className={inputClass(Boolean(f.error))} {...rest}
      >
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </FieldShell>
  );
}

/** A checkbox whose state survives a refused submission (an unticked box sends nothing, so absent means off). */
export function CheckboxField({ name, label, hint, defaultChecked }: { name: string; label: string; hint?: string; defaultChecked: boolean }) {
  const state = useContext(FormState);
  const id = useId();
  const checked = state && !state.ok ? Boolean(state.values[name]) : defaultChecked;
  return (
    <div>
      <label htmlFor={id} className="flex items-center gap-2 text-sm font-medium text-slate-800">
        <input id={id} name={name} type="checkbox" defaultChecked={checked} key={String(checked)} aria-describedby={hint ? `${id}-hint` : undefined}
          className="size-4 rounded border-slate-300" />
        {label}
      </label>
      {hint && <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p>}
    </div>
  );
}

export function SubmitButton({ children, pendingLabel, variant = "primary", className = "", ariaLabel, name, value }: {
  children: ReactNode; pendingLabel?: string; variant?: "primary" | "secondary" | "danger"; className?: string;
  /** When the label alone repeats on the page (one per row): the name that tells them apart. */
  ariaLabel?: string;
  /** A form with two buttons sends the one pressed as `name=value` (e.g. intent=preview). */
  name?: string;
  value?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" name={name} value={value} disabled={pending} aria-disabled={pending} aria-label={ariaLabel} className={`${buttonClass(variant)} ${className}`}>
      {pending && <span aria-hidden className="size-3.5 animate-spin rounded-full border-2 border-current border-t-transparent" />}
      {pending ? (pendingLabel ?? "Saving…") : children}
    </button>
  );
}
