import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";

// A second step before an act that cannot be undone by the same click (closing a month, archiving, signing out
// everywhere): the first button only opens a summary of what will happen; the act is the button inside it.
// A <details> disclosure, so it works without script and with the keyboard (Enter or Space opens it).
export function Confirm({ label, ariaLabel, children, tone = "primary", className = "" }: {
  label: string; /** When the label alone repeats on the page (one per row): the name that tells them apart. */ ariaLabel?: string;
  children: ReactNode; tone?: "primary" | "secondary" | "danger"; className?: string;
}) {
  return (
    <details className={`group ${className}`}>
      <summary aria-label={ariaLabel} className={`${buttonClass(tone)} cursor-pointer list-none focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 [&::-webkit-details-marker]:hidden`}>
        {label}
      </summary>
      <div className="mt-2 max-w-md space-y-3 rounded-md bg-slate-50 p-3 text-left ring-1 ring-slate-200">{children}</div>
    </details>
  );
}
