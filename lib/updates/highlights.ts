// What makes a highlight worth an owner's time, whoever drafts it (Claude or the template): it names what the
// work was about, and it says it once. Issue 28 found a draft accepted with "Moved a roadmap item forward"
// twice, which tells the owner nothing the list of entries below it does not.
//
// The rule, precise enough to test:
// - A highlight names something when at least one of its words (letters and digits, two characters or more,
//   at least one letter) is not in GENERIC_WORDS: the function words, and the words that only say that work
//   happened ("worked", "moved", "progress", "item", "roadmap", "things", "smoothly"…). A roadmap item's
//   title, an entry's subject, a file or a category ("support", "audit") is never in that list. The rule does
//   not ask that the word appear in the facts: an engineer's honest highlight ("Fixed layout problems on
//   phones") often says the work in other words than the entry's description.
// - Two highlights are the same when their texts are equal after Unicode folding (NFKC), lower-casing and
//   reducing every run of other characters (punctuation, spaces, Markdown) to one space.

export const GENERIC_WORDS: ReadonlySet<string> = new Set([
  // Function words.
  "a", "an", "the", "and", "or", "but", "nor", "of", "on", "in", "to", "for", "with", "from", "at", "by", "into", "onto",
  "over", "under", "about", "up", "down", "out", "off", "as", "so", "than", "then", "this", "that", "these", "those", "it",
  "its", "our", "your", "their", "his", "her", "we", "us", "you", "they", "them", "me", "my", "some", "any", "all", "each",
  "every", "more", "most", "many", "much", "few", "several", "various", "other", "others", "another", "same", "such", "both",
  "also", "just", "still", "again", "further", "very", "really", "quite", "lot", "lots", "bit", "there", "here", "what",
  "which", "who", "be", "is", "are", "was", "were", "been", "being", "has", "have", "had", "will", "would", "can", "could",
  "across", "around", "through", "outside", "inside", "within", "behind", "along", "ahead", "forward", "forwards", "onward",
  // Words that say only that work happened, or how it went.
  "do", "does", "did", "done", "doing", "make", "makes", "made", "making", "get", "gets", "got", "getting", "keep", "keeps",
  "kept", "keeping", "work", "works", "worked", "working", "task", "tasks", "thing", "things", "stuff", "item", "items",
  "roadmap", "roadmaps", "project", "projects", "feature", "features", "progress", "progressed", "move", "moves", "moved",
  "moving", "continue", "continued", "continues", "continuing", "ongoing", "general", "misc", "miscellaneous", "assorted",
  "update", "updates", "updated", "change", "changes", "changed", "improve", "improved", "improvement", "improvements",
  "fix", "fixes", "fixed", "fixing", "bug", "bugs", "issue", "issues", "problem", "problems", "tweak", "tweaks", "tweaked",
  "polish", "polished", "cleanup", "cleaned", "tidy", "tidied", "week", "weekly", "today", "day", "days", "time", "run",
  "runs", "ran", "running", "smooth", "smoothly", "good", "great", "nice", "solid", "steady", "strong", "excellent",
  "significant", "important", "key", "main", "major", "minor", "small", "big", "new", "handled", "addressed", "complete",
  "completed", "finish", "finished", "start", "started", "wrapped", "sorted", "dealt", "helped", "built", "ship", "shipped",
  "deliver", "delivered", "next", "step", "steps", "stage", "phase", "part", "parts", "piece", "pieces", "one", "well",
]);

/** A highlight's text as compared for repeats. */
export function highlightKey(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/** The words of `text` that name something (the categories, the facts' names for kinds of work, always do) (see the rule above). */
export function namingWords(text: string): string[] {
  return highlightKey(text).split(" ").filter((w) => w.length >= 2 && /\p{L}/u.test(w) && !GENERIC_WORDS.has(w));
}

export const namesSomething = (text: string): boolean => namingWords(text).length > 0;

export interface HighlightProblem {
  kind: "highlight";
  detail: string;
}

const short = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);

/** What is wrong with a draft's highlights as a list: repeats, and highlights that name nothing. */
export function highlightProblems(highlights: readonly { text: string }[]): HighlightProblem[] {
  const problems: HighlightProblem[] = [];
  const seen = new Map<string, number>();
  highlights.forEach((h, i) => {
    const key = highlightKey(h.text);
    const first = seen.get(key);
    if (first !== undefined) problems.push({ kind: "highlight", detail: `highlights.${i} repeats highlights.${first} ("${short(h.text)}"); say each thing once` });
    else seen.set(key, i);
    if (!namesSomething(h.text)) {
      problems.push({ kind: "highlight", detail: `highlights.${i} ("${short(h.text)}") names nothing; name the roadmap item, the work done or its category` });
    }
  });
  return problems;
}
