// A Markdown text shortened for a card: whole blocks (paragraphs, lists, sections), never cut inside one, never
// ending on a heading whose content was left out.

/** Splits Markdown at blank lines that are outside a fenced code block. */
function blocks(md: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let fenced = false;
  for (const line of md.replace(/\r\n?/g, "\n").split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (!fenced && line.trim() === "") {
      if (current.length) out.push(current.join("\n"));
      current = [];
    } else current.push(line);
  }
  if (current.length) out.push(current.join("\n"));
  return out;
}

const isHeadingOnly = (block: string) => block.split("\n").every((l) => /^\s{0,3}#{1,6}\s/.test(l));

/**
 * The leading blocks of `md` that fit in `maxChars` (the first block always, even when longer), without a
 * trailing heading. `cut` tells whether anything was left out, so the card can link to the whole text.
 */
export function markdownExcerpt(md: string, maxChars: number): { text: string; cut: boolean } {
  const all = blocks(md);
  const kept: string[] = [];
  let length = 0;
  for (const b of all) {
    if (kept.length && length + b.length > maxChars) break;
    kept.push(b);
    length += b.length + 2;
  }
  while (kept.length > 1 && isHeadingOnly(kept[kept.length - 1])) kept.pop();
  return { text: kept.join("\n\n"), cut: kept.length < all.length };
}
