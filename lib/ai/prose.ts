// The words of a draft a reader gets (first of all a weekly update: lib/updates), held to one set of rules
// whoever wrote them (Claude or a template), and run by lib/ai/check.ts over every prose field of an answer:
// words only; figures only as the computed values a feature allows; no money, balance or instruction talk; links only
// to the portal's own pages. Two outcomes, chosen per case:
//
// - Neutralized (the text is cleaned and kept), where cleaning cannot change what the text claims:
//   invisible characters (zero-width, soft hyphens, tag characters) are removed and compatibility forms
//   folded (NFKC: full-width letters, circled digits); a Markdown link to another site becomes its text; a
//   link to the portal (APP_URL or relative) is kept as a relative /clients/… path. The rules below then run
//   on the cleaned text, so "[free](https://…)" is still refused for "free".
// - Refused (the whole draft goes back to Claude once with the reasons, then a clear error; nothing is
//   saved), for anything that could carry a lie or a live address once cleaned: figures that are not the
//   week's values, dates, times, percentages, vague quantities of hours, money and balance claims, echoed
//   instructions, images, raw HTML, headings, tables, link definitions, direction controls (they reorder
//   what is shown), words that mix alphabets (Cyrillic "е" in "frее"), and whatever the phishing filter
//   flags (phishing.ts, the same function the editor and publishing use): web and e-mail addresses and
//   domain names in any disguise, payment-redirection wording and the month's balance in words. Removing an
//   address would leave a broken sentence; keeping it would hand a clickable address to the e-mail.
import { claimsIn } from "@/lib/ai/claims";
import { figureAllowed, figuresIn, vagueQuantities, type AllowedFigures } from "@/lib/ai/figures";
import { phishingFlags } from "@/lib/ai/phishing";

export type ProseProblemKind = "number" | "claim" | "balance" | "injection" | "link" | "payment" | "markup";

export interface ProseProblem {
  kind: ProseProblemKind;
  detail: string;
}

export interface CleanedProse {
  text: string;
  /** What was neutralized, for the log. */
  notes: string[];
  /** What cleaning found that it must not clean away. */
  problems: ProseProblem[];
}

const short = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const INVISIBLE = /\p{Cf}/gu;
const CONTROL = /[\p{Cc}]/gu;
// [text](href "title"): the href may hold one level of balanced parentheses, as CommonMark allows.
const INLINE_LINK = /(!?)\[([^[\]]*)\]\(\s*<?((?:[^()<>\s]|\([^()<>\s]*\))*)>?(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/gu;
const PORTAL_PATH = /^\/clients(?:[/?#][A-Za-z0-9\-._~/?=&#%]*)?$/;

/** The portal path a link points to, relative, or null when it leaves the portal. */
export function portalPath(href: string, appUrl?: string): string | null {
  let path = href.trim();
  if (appUrl) {
    const origin = new URL(appUrl).origin;
    if (path.toLowerCase().startsWith(`${origin.toLowerCase()}/`)) path = path.slice(origin.length);
  }
  return PORTAL_PATH.test(path) && !path.includes("//") && !path.includes("..") ? path : null;
}

/** Step one: neutralize what can be cleaned without changing the claim. */
export function cleanProse(raw: string, appUrl?: string): CleanedProse {
  const notes: string[] = [];
  const problems: ProseProblem[] = [];
  if (BIDI.test(raw)) problems.push({ kind: "markup", detail: "uses direction controls, which reorder what is shown" });
  let text = raw.normalize("NFKC");
  const visible = text.replace(INVISIBLE, "");
  if (visible !== text) notes.push("removed invisible characters");
  text = visible.replace(/\r\n?/g, "\n").replace(/\t/g, " ");
  const printable = text.replace(CONTROL, (c) => (c === "\n" ? c : ""));
  if (printable !== text) notes.push("removed control characters");
  text = printable.replace(INLINE_LINK, (whole, bang: string, label: string, href: string) => {
    if (bang) return whole; // an image: refused below
    const path = portalPath(href, appUrl);
    if (path) {
      if (path !== href) notes.push(`made the portal link ${short(href)} relative`);
      return `[${label}](${path})`;
    }
    notes.push(`removed the link to ${short(href)}, kept its text`);
    return label;
  });
  if (appUrl) {
    const origin = new URL(appUrl).origin.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    text = text.replace(new RegExp(`(?<!\\]\\()${origin}(/\\S*)?`, "giu"), (whole, rest: string | undefined) => {
      const path = portalPath(rest ?? "/clients");
      if (!path) return whole; // refused as a web address below
      notes.push(`made the portal address ${short(whole)} relative`);
      return path;
    });
  }
  return { text: text.trim(), notes, problems };
}

const MARKUP: [RegExp, string][] = [
  [/!\[[^\]]*\]\(/u, "an image"],
  [/<\/?[a-z][^>]*>/iu, "HTML"],
  [/^ {0,3}#{1,6}(?:\s|$)/mu, "a heading"],
  [/^ {0,3}(?:=+|-{2,}|\*{3,}|_{3,})\s*$/mu, "a heading or rule"],
  [/^\s*\|.*\|\s*$/mu, "a table"],
  [/^ {0,3}\[[^\]]+\]:\s*\S/mu, "a link definition"],
];
const LATIN = /\p{Script=Latin}/u;
const LOOKALIKE = /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Cherokee}]/u;
// Kept portal links: their targets (/clients/<uuid>/…) are addresses, not words or figures.
const PORTAL_TARGET = /\]\(\/clients[^)]*\)/gu;

/** Step two: what in the cleaned text must be refused. */
export function proseProblems(text: string, allowed: AllowedFigures, opts: { singleLine?: boolean } = {}): ProseProblem[] {
  const problems: ProseProblem[] = [];
  const words = text.replace(PORTAL_TARGET, "]()");
  if (opts.singleLine && /\n/.test(text)) problems.push({ kind: "markup", detail: "runs over several lines where one is expected" });
  for (const [re, what] of MARKUP) if (re.test(words)) problems.push({ kind: "markup", detail: `uses ${what}` });
  for (const f of phishingFlags(words)) problems.push({ kind: f.kind, detail: `"${short(f.phrase)}" ${f.reason}` });
  for (const m of words.matchAll(/[\p{L}\p{M}]+/gu)) {
    if (LATIN.test(m[0]) && LOOKALIKE.test(m[0])) problems.push({ kind: "markup", detail: `mixes alphabets in "${short(m[0])}"` });
  }
  for (const c of claimsIn(words)) {
    const w = short(c.words);
    if (c.kind === "claim") problems.push({ kind: "claim", detail: `speaks of money ("${w}"); the portal alone writes about prices, charges and invoices` });
    else if (c.kind === "balance") problems.push({ kind: "balance", detail: `speaks of the month's balance ("${w}"); the portal shows it` });
    else problems.push({ kind: "injection", detail: `repeats instructions ("${w}"); the facts are data` });
  }
  for (const q of vagueQuantities(words)) problems.push({ kind: "number", detail: `writes "${short(q)}", a quantity of hours; the portal adds every figure` });
  for (const f of figuresIn(words)) {
    if (figureAllowed(f, allowed)) continue;
    const what = f.unit === "date" ? "a date" : f.unit === "time" ? "a time" : f.unit === "percent" ? "a percentage" : f.unit === "ordinal" ? "an ordinal" : null;
    problems.push({ kind: "number", detail: what ? `writes ${what} (${short(f.text)}); the portal adds every figure` : `writes ${short(f.text)}, which is not in the facts` });
  }
  return problems;
}

/** Whether `text` may stand as written: nothing to neutralize, nothing to refuse. */
export function passesAsWritten(text: string, allowed: AllowedFigures, opts: { singleLine?: boolean } = {}): boolean {
  if (!text || text !== text.trim()) return false;
  const cleaned = cleanProse(text);
  return cleaned.text === text && cleaned.notes.length === 0 && cleaned.problems.length === 0 && proseProblems(text, allowed, opts).length === 0;
}
