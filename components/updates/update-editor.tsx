"use client";
// The draft editor: Markdown on the left, the owner's view on the right, what the phishing filter flags in the
// saved draft below them; save or publish. A refused publish lists each flagged phrase under its field.
import { useState, useTransition } from "react";
import { Markdown } from "@/components/ui/markdown";
import { buttonClass } from "@/components/ui/button";
import { UpdateFlags } from "@/components/updates/update-flags";
import type { ActionState } from "@/lib/commands/state";
import type { UpdateFlag } from "@/lib/types/updates";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

const FIELD_IDS = { title: "update-title", bodyMd: "update-body" } as const;

export function UpdateEditor({ clientId, updateId, initialTitle, initialBody, flags, saveAction, publishAction }: {
  clientId: string;
  updateId: string;
  /** The draft as saved (a save re-renders the page with the new text and its flags). */
  initialTitle: string;
  initialBody: string;
  /** The phishing filter's flags for the saved title and body. */
  flags: UpdateFlag[];
  saveAction: Action;
  publishAction: Action;
}) {
  const [title, setTitle] = useState(initialTitle);
  const [body, setBody] = useState(initialBody);
  const [state, setState] = useState<ActionState>(null);
  const [pending, startTransition] = useTransition();
  const [which, setWhich] = useState<"save" | "publish" | null>(null);
  // What the flags below were computed from: the last saved text (the server may trim it, so not the props).
  const [saved, setSaved] = useState({ title: initialTitle, body: initialBody });

  function run(kind: "save" | "publish") {
    const form = new FormData();
    form.set("clientId", clientId);
    form.set("updateId", updateId);
    form.set("title", title);
    form.set("bodyMd", body);
    setWhich(kind);
    startTransition(async () => {
      const result = await (kind === "save" ? saveAction : publishAction)(null, form);
      if (result?.ok) setSaved({ title, body });
      setState(result);
    });
  }
  const err = (name: string) => (state && !state.ok ? state.fieldErrors[name]?.[0] : undefined);
  const errs = (name: string) => (state && !state.ok ? state.fieldErrors[name] ?? [] : []);
  /** A field's errors: one as a line, several (a refused publish's flagged phrases) as a list. */
  const fieldErrors = (name: string, id: string) => {
    const list = errs(name);
    if (!list.length) return null;
    return list.length === 1
      ? <p id={id} className="mt-1 text-sm text-red-700 [overflow-wrap:anywhere]">{list[0]}</p>
      : <ul id={id} className="mt-1 list-disc space-y-1 pl-5 text-sm text-red-700 [overflow-wrap:anywhere]">{list.map((e, i) => <li key={i}>{e}</li>)}</ul>;
  };

  return (
    <form onSubmit={(e) => { e.preventDefault(); run("save"); }} aria-label="Edit draft" className="space-y-4">
      {state && !state.ok && <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200">{state.error}</p>}
      {state?.ok && state.message && <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-inset ring-emerald-200">{state.message}</p>}
      <div>
        <label htmlFor="update-title" className="mb-1 block text-sm font-medium text-slate-800">Title</label>
        <input id="update-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200}
          aria-invalid={err("title") ? true : undefined} aria-describedby={err("title") ? "update-title-error" : undefined}
          className="block w-full rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500" />
        {fieldErrors("title", "update-title-error")}
      </div>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <div>
          <label htmlFor="update-body" className="mb-1 block text-sm font-medium text-slate-800">Update (Markdown)</label>
          <textarea id="update-body" value={body} onChange={(e) => setBody(e.target.value)} rows={22}
            aria-invalid={err("bodyMd") ? true : undefined} aria-describedby={err("bodyMd") ? "update-body-error" : undefined}
            className="block w-full rounded-md border-0 px-3 py-2 font-mono text-sm leading-6 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500" />
          {fieldErrors("bodyMd", "update-body-error")}
        </div>
        <section aria-label="Preview" className="min-w-0 rounded-md bg-slate-50 p-4 ring-1 ring-inset ring-slate-200">
          <p className="mb-2 text-xs font-medium uppercase tracking-wide text-slate-500">Preview: what owners will see</p>
          <h3 className="mb-2 text-base font-semibold text-slate-900">{title || "Untitled"}</h3>
          <Markdown>{body}</Markdown>
        </section>
      </div>
      <UpdateFlags flags={flags} stale={title !== saved.title || body !== saved.body} fieldIds={FIELD_IDS} />
      <div className="flex flex-wrap gap-2">
        <button type="submit" disabled={pending} className={buttonClass("secondary")}>{pending && which === "save" ? "Saving…" : "Save draft"}</button>
        <button type="button" disabled={pending} onClick={() => run("publish")} className={buttonClass(flags.length ? "secondary" : "primary")}
          aria-describedby={flags.length ? "publish-blocked" : undefined}>
          {pending && which === "publish" ? "Publishing…" : "Publish to the client"}
        </button>
        {flags.length > 0 && (
          <p id="publish-blocked" className="basis-full text-sm text-slate-600">Publishing is refused until the flagged phrases above are rewritten and the draft is saved.</p>
        )}
      </div>
    </form>
  );
}
