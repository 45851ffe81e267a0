// What a weekly-update draft is, whoever writes it (Claude or the template), and the check every Claude
// draft must pass before it is saved. The rules for the words themselves, and which cases are neutralized
// and which refused, are lib/ai's (check.ts, prose.ts); this file adds the shape, the citations and the
// highlights, and the week's figures the prose may repeat (figures.ts).
import { z } from "zod";
import { checkAnswer, type AnswerCheck, type AnswerProblem } from "@/lib/ai/check";
import type { WeeklyFacts } from "@/lib/domain/weekly";
import { allowedFigures } from "@/lib/updates/figures";
import { highlightProblems } from "@/lib/updates/highlights";

export { allowedFigures, type AllowedFigures } from "@/lib/updates/figures";

const line = (max: number) => z.string().trim().min(1).max(max);

export const updateDraftSchema = z.object({
  headline: line(140),
  summary: line(1200),
  // A week with no entries has nothing to cite and so no highlights; checkDraft requires one when it has.
  highlights: z.array(z.object({ text: line(400), entryIds: z.array(z.string()).min(1).max(30) })).max(8),
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
    headline: { type: "string", description: "One line of words: no numbers, no money." },
    summary: { type: "string", description: "Two to four plain sentences for the business owner: no numbers, no money, no links." },
    highlights: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["text", "entryIds"],
        properties: {
          text: { type: "string", description: "What was achieved, in the owner's terms, one line: name the roadmap item, the work or its category; no two alike; no numbers, no money." },
          entryIds: { type: "array", items: { type: "string" }, description: "Ids of the entries this highlight rests on." },
        },
      },
    },
    nextWeek: { type: "array", items: { type: "string" } },
    risks: { type: "array", items: { type: "string" }, description: "Risks, or decisions needed from the owner." },
  },
} as const;

export type DraftProblem = AnswerProblem<"citation" | "highlight">;

export interface CheckOptions {
  /** The portal's own address: links to it are kept (as relative paths), all others are neutralized. */
  appUrl?: string;
}

export type CheckResult = AnswerCheck<UpdateDraft, "citation" | "highlight">;

/** Parses and checks a model's answer against the facts: the draft as it may be saved, or what is wrong with it. */
export function checkDraft(text: string, facts: WeeklyFacts, opts: CheckOptions = {}): CheckResult {
  const ids = new Set(facts.entries.map((e) => e.id));
  return checkAnswer(text, {
    schema: updateDraftSchema,
    appUrl: opts.appUrl,
    clean: (d, clean) => ({
      headline: clean("headline", d.headline),
      summary: clean("summary", d.summary),
      highlights: d.highlights.map((h, i) => ({ text: clean(`highlights.${i}`, h.text), entryIds: h.entryIds })),
      nextWeek: d.nextWeek.map((n, i) => clean(`nextWeek.${i}`, n)),
      risks: d.risks.map((r, i) => clean(`risks.${i}`, r)),
    }),
    problems: (draft) => {
      const problems: DraftProblem[] = [];
      if (facts.entries.length > 0 && draft.highlights.length === 0) problems.push({ kind: "schema", detail: "highlights: the week has entries, so at least one highlight" });
      for (const h of draft.highlights) {
        for (const id of h.entryIds) if (!ids.has(id)) problems.push({ kind: "citation", detail: `cites ${id}, which is not an entry of this week` });
      }
      // Each highlight names what it is about, once (highlights.ts).
      problems.push(...highlightProblems(draft.highlights));
      return problems;
    },
    allowed: allowedFigures(facts),
    prose: (draft) => [
      [draft.headline, true], [draft.summary, false], ...draft.highlights.map((h): [string, boolean] => [h.text, true]),
      ...draft.nextWeek.map((n): [string, boolean] => [n, true]), ...draft.risks.map((r): [string, boolean] => [r, true]),
    ],
  });
}
