// Holding a model's structured answer to the portal's rules, for any kind of draft: the answer must be JSON of
// the feature's shape; every prose field is cleaned (prose.ts: invisible characters, foreign links) and then
// held to the prose rules (figures only as the allowed values, no money, balance or instruction talk, no
// addresses, no markup); the feature adds what its kind of draft requires (the weekly update: citations and
// highlights, lib/updates/draft-schema.ts). Problems are returned once each, in the order found.
import type { z } from "zod";
import type { AllowedFigures } from "@/lib/ai/figures";
import { cleanProse, proseProblems, type ProseProblemKind } from "@/lib/ai/prose";

export interface AnswerProblem<K extends string = never> {
  kind: "schema" | ProseProblemKind | K;
  detail: string;
}

export type AnswerCheck<T, K extends string = never> =
  | { ok: true; draft: T; neutralized: string[] }
  | { ok: false; problems: AnswerProblem<K>[] };

export interface AnswerRules<S extends z.ZodObject, K extends string = never> {
  /** The answer's shape. Fields it does not know are dropped (and noted): nothing renders them. */
  schema: S;
  /** The portal's own address: links to it are kept (as relative paths), all others are neutralized. */
  appUrl?: string;
  /** The parsed answer with each prose field passed through `clean` (named for the log); parsed again after. */
  clean(answer: z.infer<S>, clean: (field: string, value: string) => string): unknown;
  /** The figures prose may repeat: the feature's computed values (figures.ts). */
  allowed: AllowedFigures;
  /** The cleaned draft's prose, each with whether it must stay on one line. */
  prose(draft: z.infer<S>): [text: string, singleLine: boolean][];
  /** What else this kind of draft requires, checked before the prose rules. */
  problems?(draft: z.infer<S>): AnswerProblem<K>[];
}

export function schemaProblems(error: z.ZodError): AnswerProblem[] {
  return error.issues.map((i) => ({ kind: "schema", detail: `${i.path.join(".") || "answer"}: ${i.message}` }));
}

/** Parses and checks a model's answer: the draft as it may be saved, or what is wrong with it. */
export function checkAnswer<S extends z.ZodObject, K extends string = never>(text: string, rules: AnswerRules<S, K>): AnswerCheck<z.infer<S>, K> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ kind: "schema", detail: "the answer is not valid JSON" }] };
  }
  const parsed = rules.schema.safeParse(json);
  if (!parsed.success) return { ok: false, problems: schemaProblems(parsed.error) };

  const problems: AnswerProblem<K>[] = [];
  const neutralized: string[] = [];
  const clean = (field: string, value: string) => {
    const c = cleanProse(value, rules.appUrl);
    neutralized.push(...c.notes.map((n) => `${field}: ${n}`));
    problems.push(...c.problems);
    return c.text;
  };
  for (const key of Object.keys(json as object)) if (!(key in rules.schema.shape)) neutralized.push(`dropped the unknown field ${key.slice(0, 40)}`);
  // Cleaning can empty a field (nothing but invisible characters): the shape is checked again after it.
  const cleaned = rules.schema.safeParse(rules.clean(parsed.data, clean));
  if (!cleaned.success) return { ok: false, problems: [...problems, ...schemaProblems(cleaned.error)] };
  const draft = cleaned.data;

  problems.push(...(rules.problems?.(draft) ?? []));
  for (const [t, singleLine] of rules.prose(draft)) problems.push(...proseProblems(t, rules.allowed, { singleLine }));
  // The same reason from two fields is one reason to give back.
  const unique = [...new Map(problems.map((p) => [`${p.kind}:${p.detail}`, p])).values()];
  return unique.length ? { ok: false, problems: unique } : { ok: true, draft, neutralized };
}
