// The handbook's words and its readable diff (issue 26). Pure.
import { diffLines } from "diff";
import type { HandbookSection, HandbookVisibility } from "@/lib/types/handbook";

export const HANDBOOK_SECTIONS: readonly { value: HandbookSection; label: string; about: string }[] = [
  { value: "runbooks", label: "Runbooks", about: "What to do when something happens, step by step." },
  { value: "architecture", label: "Architecture", about: "How the systems fit together." },
  { value: "how-tos", label: "How-tos", about: "How to do a task yourself." },
  { value: "decisions", label: "Decisions", about: "What was decided, when and why." },
  { value: "workflows", label: "Workflows", about: "The workflow maps from the audit." },
];

export const sectionLabel = (s: HandbookSection) => HANDBOOK_SECTIONS.find((x) => x.value === s)?.label ?? s;

export const VISIBILITY_LABELS: Record<HandbookVisibility, string> = {
  internal: "Internal: staff only",
  client: "Visible to the client",
};

export interface DiffLine {
  kind: "added" | "removed" | "same";
  text: string;
}

/**
 * Line by line, what changed from `before` to `after`: removed lines, then added ones, with unchanged lines
 * between; a long run of unchanged lines keeps `context` lines each side and says how many it skipped.
 */
export function lineDiff(before: string, after: string, context = 3): (DiffLine | { kind: "skipped"; lines: number })[] {
  const lines: DiffLine[] = [];
  // Every text ends its last line, so adding a line after it does not also show that line as changed.
  const ended = (raw: string) => {
    const t = raw.replace(/\r\n?/g, "\n");
    return t && !t.endsWith("\n") ? `${t}\n` : t;
  };
  // Bounded: two long, wholly different versions would cost time in the square of their length (a 100 kB page of
  // short lines, minutes), so past 2,000 changed lines the diff gives up and shows the old text removed and the new
  // added, which is what such a change is.
  const parts = diffLines(ended(before), ended(after), { maxEditLength: 2000 })
    ?? [{ value: ended(before), removed: true, added: false }, { value: ended(after), removed: false, added: true }].filter((p) => p.value);
  for (const part of parts) {
    const kind = part.added ? "added" : part.removed ? "removed" : "same";
    for (const text of part.value.replace(/\n$/, "").split("\n")) lines.push({ kind, text });
  }
  const out: (DiffLine | { kind: "skipped"; lines: number })[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i].kind !== "same") {
      out.push(lines[i++]);
      continue;
    }
    let j = i;
    while (j < lines.length && lines[j].kind === "same") j++;
    const run = lines.slice(i, j);
    const head = i === 0 ? 0 : context;
    const tail = j === lines.length ? 0 : context;
    if (run.length > head + tail + 1) {
      out.push(...run.slice(0, head), { kind: "skipped", lines: run.length - head - tail }, ...run.slice(run.length - tail));
    } else out.push(...run);
    i = j;
  }
  return out;
}
