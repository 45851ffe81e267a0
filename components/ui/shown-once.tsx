"use client";
// A secret the server returned once (an API token, a webhook signing secret): shown with a button that copies it.
import { useState } from "react";

export function ShownOnce({ intro, label, value }: { intro: string; label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="rounded-md bg-amber-50 p-3 ring-1 ring-inset ring-amber-200">
      <p className="text-sm font-medium text-amber-900">{intro}</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code aria-label={label} className="min-w-0 flex-1 break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900 ring-1 ring-slate-200">{value}</code>
        <button type="button" className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50"
          onClick={() => navigator.clipboard?.writeText(value).then(() => setCopied(true), () => setCopied(false))}>
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </div>
  );
}
