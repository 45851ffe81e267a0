// Search (issue 25): what a person typed, as a Postgres tsquery of its words, each also matched as a prefix ("invoic"
// finds "invoices"), all of them required. Only letters and digits make words: nothing typed reaches the query's
// syntax. Highlights come back between two control characters the view splits on, never as HTML.
export const MARK_START = "\u0002";
export const MARK_END = "\u0003";

/** The words of `text` (at most 8, each at most 40 characters), lower-cased; [] for nothing searchable. */
export function searchWords(text: string): string[] {
  const words = text.toLowerCase().normalize("NFKC").match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.map((w) => w.slice(0, 40)))].slice(0, 8);
}

/** The tsquery text for those words ("word:* & other:*"), or null when there is nothing to search for. */
export function tsQueryOf(text: string): string | null {
  const words = searchWords(text);
  return words.length ? words.map((w) => `${w}:*`).join(" & ") : null;
}

/** A highlighted snippet as parts: [text, marked?] pairs, for the page to render with <mark>. */
export function highlightParts(snippet: string): { text: string; marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = [];
  for (const [i, chunk] of snippet.split(MARK_START).entries()) {
    if (i === 0) {
      if (chunk) parts.push({ text: chunk, marked: false });
      continue;
    }
    const [marked, rest = ""] = chunk.split(MARK_END);
    if (marked) parts.push({ text: marked, marked: true });
    if (rest) parts.push({ text: rest, marked: false });
  }
  return parts;
}
