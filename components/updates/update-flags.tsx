"use client";
// The phishing filter's findings beside the draft editor (computed on the server from the saved draft, see
// lib/updates/check.ts): each flagged phrase with why, and a button that selects it in its field. Publishing
// is refused while any remain, so the engineer sees them first, whoever wrote the words.
import type { UpdateFlag } from "@/lib/types/updates";

const FIELD = { title: "title", bodyMd: "update" } as const;

/** Puts the caret on the phrase in its field (the phrase is as written; a cut-off one is found by its start). */
function select(flag: UpdateFlag, fieldIds: Record<UpdateFlag["field"], string>) {
  const el = document.getElementById(fieldIds[flag.field]) as HTMLInputElement | HTMLTextAreaElement | null;
  if (!el) return;
  el.focus();
  const needle = flag.phrase.endsWith("…") ? flag.phrase.slice(0, -1) : flag.phrase;
  const at = el.value.indexOf(needle);
  if (at >= 0) el.setSelectionRange(at, at + needle.length);
}

export function UpdateFlags({ flags, stale, fieldIds }: {
  flags: UpdateFlag[];
  /** The text changed since these flags were computed (they are of the saved draft). */
  stale: boolean;
  fieldIds: Record<UpdateFlag["field"], string>;
}) {
  const clean = flags.length === 0;
  return (
    <section aria-labelledby="update-flags-heading"
      className={`rounded-md p-3 text-sm ring-1 ring-inset ${clean ? "bg-slate-50 ring-slate-200" : "bg-amber-50 ring-amber-300"}`}>
      <h3 id="update-flags-heading" className="font-medium text-slate-900">Check before publishing</h3>
      <div role="status" className="mt-1 text-slate-700">
        <p>
          {clean
            ? "Nothing in the saved draft looks like a web address, payment instructions or a claim about the month's hours."
            : `${flags.length === 1 ? "One phrase" : `${flags.length} phrases`} in the saved draft must be rewritten or removed before it can be published:`}
          {stale && " You have changed the text since the last save. Save the draft to check it again."}
        </p>
        {!clean && (
          <ul className="mt-2 space-y-2">
            {flags.map((f, i) => (
              <li key={`${f.field}:${f.phrase}:${i}`} className="min-w-0 [overflow-wrap:anywhere]">
                <button type="button" onClick={() => select(f, fieldIds)}
                  className="rounded font-mono text-amber-900 underline decoration-amber-400 underline-offset-2 hover:decoration-amber-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
                  aria-label={`Select “${f.phrase}” in the ${FIELD[f.field]}`}>
                  “{f.phrase}”
                </button>{" "}
                <span className="text-slate-600">in the {FIELD[f.field]}</span>: {f.reason}.
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
