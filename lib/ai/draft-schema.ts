// What a weekly-update draft is, whoever writes it (Claude or the template), and the checks every
// Claude draft must pass before anyone sees it.
import { z } from "zod";
import type { WeeklyFacts } from "@/lib/domain/weekly";
import { decimalHours, formatMinutes } from "@/lib/format";

const line = (max: number) => z.string().trim().min(1).max(max);

export const updateDraftSchema = z.object({
  headline: line(140),
  summary: line(1200),
  highlights: z.array(z.object({ text: line(400), entryIds: z.array(z.string()).min(1).max(30) })).min(1).max(8),
  nextWeek: z.array(line(300)).max(8),
  risks: z.array(line(400)).max(6),
});

export type UpdateDraft = z.infer<typeof updateDraftSchema>;

/** JSON Schema sent as the structured-output format (kept in step with the zod schema above). */
export const updateDraftJsonSchema = {
  type: "object",
  additionalProperties: false,
  required: ["headline", "summary", "highlights", "nextWeek", "risks"],
  properties: {
    headline: { type: "string", description: "One line, no numbers." },
    summary: { type: "string", description: "Two to four plain sentences for the business owner, no numbers." },
    highlights: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["text", "entryIds"],
        properties: {
          text: { type: "string", description: "What was achieved, in the owner's terms, no numbers." },
          entryIds: { type: "array", items: { type: "string" }, description: "Ids of the entries this highlight rests on." },
        },
      },
    },
    nextWeek: { type: "array", items: { type: "string" } },
    risks: { type: "array", items: { type: "string" }, description: "Risks, or decisions needed from the owner." },
  },
} as const;

/** Every number that may appear in text about these facts: the facts' own, and their hours forms. */
export function allowedNumbers(facts: WeeklyFacts): Set<string> {
  const allowed = new Set<string>();
  const add = (s: string) => {
    for (const n of s.match(/\d+(?:\.\d+)?/g) ?? []) allowed.add(n);
  };
  // Ids are not figures: leave them out, or a digit run inside a UUID would pass as "in the facts".
  add(JSON.stringify(facts, (key, value) => (key === "id" || key === "itemId" ? undefined : value)));
  const minuteValues = [
    facts.totalMinutes, facts.billableMinutes,
    ...facts.entries.map((e) => e.minutes), ...facts.minutesByItem.map((i) => i.minutes), ...facts.minutesByCategory.map((c) => c.minutes),
    ...(facts.month ? [facts.month.usedMinutes, facts.month.availableMinutes, Math.abs(facts.month.remainingMinutes), facts.month.projectedMinutes] : []),
  ];
  for (const m of minuteValues) {
    add(formatMinutes(m));
    add(decimalHours(m));
    add(String(Number(decimalHours(m))));
  }
  add(String(facts.entries.length));
  add(String(facts.itemsShipped.length));
  return allowed;
}

export interface DraftProblem {
  kind: "schema" | "citation" | "number";
  detail: string;
}

/** Parses and checks a model's answer against the facts. Returns the draft or what is wrong with it. */
export function checkDraft(text: string, facts: WeeklyFacts): { ok: true; draft: UpdateDraft } | { ok: false; problems: DraftProblem[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ kind: "schema", detail: "the answer is not valid JSON" }] };
  }
  const parsed = updateDraftSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => ({ kind: "schema", detail: `${i.path.join(".") || "answer"}: ${i.message}` })) };
  }
  const draft = parsed.data;
  const problems: DraftProblem[] = [];
  const ids = new Set(facts.entries.map((e) => e.id));
  for (const h of draft.highlights) {
    for (const id of h.entryIds) if (!ids.has(id)) problems.push({ kind: "citation", detail: `cites ${id}, which is not an entry of this week` });
  }
  const allowed = allowedNumbers(facts);
  const texts = [draft.headline, draft.summary, ...draft.highlights.map((h) => h.text), ...draft.nextWeek, ...draft.risks];
  for (const t of texts) {
    for (const n of t.match(/\d+(?:\.\d+)?/g) ?? []) if (!allowed.has(n)) problems.push({ kind: "number", detail: `writes ${n}, which is not in the facts` });
  }
  return problems.length ? { ok: false, problems } : { ok: true, draft };
}
