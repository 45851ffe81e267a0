// Figures in a model's words, whatever way they are written: digits in any script, spelled-out numbers
// ("forty", "a hundred and twenty", "a dozen", "half"), dates, times, percentages, and vague quantities of
// hours ("a few hours", "plenty of minutes"). Version numbers ("v2.1", "16.4.6") are names, not figures. The portal renders every figure of a draft from its facts;
// a figure in the prose may only repeat one of the computed values a feature allows (`AllowedFigures`; the
// weekly update's: lib/updates/figures.ts), in the unit it was computed in.

export type FigureUnit = "hours" | "minutes" | "percent" | "date" | "time" | "ordinal";

export interface Figure {
  /** The figure as written (lower-cased, normalized). */
  text: string;
  /** Its value: hours for "hours", minutes for "minutes", NaN for dates, times and vague quantities. A figure
   *  with no unit is a count ("4 entries"). Ordinals ("the twentieth") are positions, never quantities. */
  value: number;
  unit: FigureUnit | null;
}

/**
 * The computed values prose may repeat: minute figures (their hours count too) and counts. Never digits found
 * inside people's words (descriptions, titles), dates or ids: those are not figures the portal computed.
 */
export interface AllowedFigures {
  minutes: Set<number>;
  counts: Set<number>;
  /** Figures allowed as written (normalized, lower-cased): a date, a time or a percentage the sources hold. */
  texts?: Set<string>;
}

const isHours = (allowed: AllowedFigures, hours: number) => [...allowed.minutes].some((m) => Math.abs(m / 60 - hours) < 0.005);

/** Whether a figure repeats a computed value in its own unit. Dates, times and percentages never do. */
export function figureAllowed(f: Figure, allowed: AllowedFigures): boolean {
  if (allowed.texts?.has(f.text)) return true;
  if (Number.isNaN(f.value)) return false;
  switch (f.unit) {
    case "hours": return isHours(allowed, f.value);
    case "minutes": return allowed.minutes.has(f.value);
    // Without a unit a figure can only be a count: a bare "20" is not "20 hours" because 1200 minutes are.
    case null: return allowed.counts.has(f.value);
    default: return false;
  }
}

const D = "\\p{Nd}";
const MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const ORD = "(?:st|nd|rd|th)";
const DATES = [
  `${D}{4}-${D}{1,2}-${D}{1,2}`,
  `${D}{1,2}/${D}{1,2}(?:/${D}{2,4})?`,
  `${D}{1,2}\\.${D}{1,2}\\.${D}{2,4}`,
  `\\b${MONTH}\\.?\\s+${D}{1,2}${ORD}?(?!${D})(?:,?\\s+${D}{4})?`,
  `${D}{1,2}${ORD}?\\s+(?:of\\s+)?${MONTH}\\b(?:,?\\s+${D}{4})?`,
  `${D}+${ORD}\\b`,
].map((s) => new RegExp(s, "gu"));
const TIMES = [`${D}{1,2}:${D}{2}(?::${D}{2})?(?:\\s*[ap]\\.?m\\b\\.?)?`, `${D}{1,2}\\s*[ap]\\.?m\\b\\.?`].map((s) => new RegExp(s, "gu"));
const PERCENT = new RegExp(`${D}+(?:[.,]${D}+)?\\s*(?:%|percent\\b|per\\s*cent\\b)`, "gu");
const DIGITS = new RegExp(`${D}+(?:[.,]${D}+)*`, "gu");
// Version numbers name a release, not a quantity: "v2.1", "V16", "next@16.4.6", "2.14.0" (three parts or more,
// after the date patterns, so "1.4.26" stays a date). They count as no figure unless a unit follows ("v2 hours").
const VERSIONS = [new RegExp(`(?<![\\p{L}\\p{N}])v${D}+(?:\\.${D}+){0,3}(?![\\p{L}\\p{N}]|\\.${D})`, "gu"), new RegExp(`(?<=[\\p{L}\\p{N}]@)${D}+(?:\\.${D}+){0,3}`, "gu"), new RegExp(`(?<![\\p{N}.])${D}+\\.${D}+\\.${D}+(?:\\.${D}+)?(?![\\p{N}]|\\.${D})`, "gu")];

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14,
  fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  twentieth: 20, thirtieth: 30, fortieth: 40, fiftieth: 50, sixtieth: 60, seventieth: 70, eightieth: 80, ninetieth: 90,
};
// "first", "second" and "third" are everyday words; they are numbers only after a tens word ("twenty-first").
const LOW_ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3 };
const SCALES: Record<string, number> = { hundred: 100, hundredth: 100, thousand: 1000, thousandth: 1000, million: 1_000_000, billion: 1_000_000_000 };
// Plural scales are figures with no value: "hundreds of orders" is a claim no fact backs.
const VAGUE_NUMBERS = new Set(["dozens", "hundreds", "thousands", "millions", "billions", "scores"]);
const FRACTIONS: Record<string, number> = { half: 0.5, quarter: 0.25 };
const isNumberWord = (w: string) => w in UNITS || w in TENS || w in SCALES || w in FRACTIONS || w === "dozen";
// "one" as a pronoun ("one of the fixes", "the new one", "one-on-one") is not a figure.
const ONE_BEFORE = new Set(["no", "the", "this", "that", "each", "every", "any", "which", "another", "some", "new", "on", "right", "only", "little", "big", "last"]);
const ONE_AFTER = new Set(["of", "another", "by", "off", "on", "time", "thing", "way", "day", "step"]);

const HOUR_UNIT = /^\s*-?\s*(?:(?:of\s+)?an?\s+)?(?:hours?|hrs?|h)\b/u;
const MINUTE_UNIT = /^\s*-?\s*(?:(?:of\s+)?an?\s+)?(?:minutes?|mins?|m)\b/u;
const PERCENT_UNIT = /^\s*(?:%|percent\b|per\s*cent\b)/u;
const OCLOCK = /^\s*o['’]?\s*clock\b/u;
const AND_A_HALF = /^\s+and\s+a\s+half\b/u;

interface Found extends Figure {
  start: number;
  end: number;
}

function unitAfter(t: string, end: number): { unit: FigureUnit | null; end: number; plus: number } {
  const rest = t.slice(end);
  for (const [re, unit] of [[HOUR_UNIT, "hours"], [MINUTE_UNIT, "minutes"], [PERCENT_UNIT, "percent"], [OCLOCK, "time"]] as const) {
    const m = re.exec(rest);
    if (m) {
      const half = unit === "hours" ? AND_A_HALF.exec(rest.slice(m[0].length)) : null;
      return { unit, end: end + m[0].length + (half ? half[0].length : 0), plus: half ? 0.5 : 0 };
    }
  }
  return { unit: null, end, plus: 0 };
}

function parseDigits(s: string): number[] {
  // Digits of other scripts (Arabic-Indic, Devanagari…) survive NFKC; an English update has no use for them,
  // so they are a figure no fact can match.
  if (/[^0-9.,]/.test(s)) return [Number.NaN];
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s)) return [Number(s.replace(/,/g, ""))];
  return s.split(",").filter(Boolean).map((p) => Number(p));
}

/**
 * The figures people wrote in `sources` (an item's description, the entries logged on it), as figures prose may
 * repeat: a draft drawn from that work may say "keeps fourteen days" where an entry said "14 days", and nothing else.
 */
export function figuresOfSources(sources: string[]): AllowedFigures {
  const allowed: Required<AllowedFigures> = { minutes: new Set(), counts: new Set(), texts: new Set() };
  for (const f of sources.flatMap((s) => figuresIn(s.normalize("NFKC")))) {
    allowed.texts.add(f.text);
    if (Number.isNaN(f.value)) continue;
    if (f.unit === null) allowed.counts.add(f.value);
    else if (f.unit === "minutes") allowed.minutes.add(f.value);
    else if (f.unit === "hours") allowed.minutes.add(Math.round(f.value * 60));
  }
  return allowed;
}

/** Every figure in `text` (already normalized), in order. */
export function figuresIn(text: string): Figure[] {
  const t = text.toLowerCase();
  const taken = new Uint8Array(t.length);
  const free = (start: number, end: number) => !taken.slice(start, end).some(Boolean);
  const take = (start: number, end: number) => taken.fill(1, start, end);
  const found: Found[] = [];

  for (const [patterns, unit] of [[DATES, "date"], [TIMES, "time"], [[PERCENT], "percent"]] as const) {
    for (const re of patterns) {
      for (const m of t.matchAll(re)) {
        const start = m.index, end = m.index + m[0].length;
        if (!free(start, end)) continue;
        take(start, end);
        found.push({ text: m[0], value: Number.NaN, unit, start, end });
      }
    }
  }

  for (const re of VERSIONS) {
    for (const m of t.matchAll(re)) {
      const start = m.index, end = m.index + m[0].length;
      if (free(start, end) && unitAfter(t, end).unit === null) take(start, end);
    }
  }

  for (const m of t.matchAll(DIGITS)) {
    const start = m.index, end = m.index + m[0].length;
    if (!free(start, end)) continue;
    const values = parseDigits(m[0]);
    const u = values.length === 1 ? unitAfter(t, end) : { unit: null, end, plus: 0 };
    take(start, u.end);
    for (const v of values) found.push({ text: t.slice(start, u.end), value: v + u.plus, unit: u.unit, start, end: u.end });
  }

  const words = [...t.matchAll(/\p{L}+/gu)].map((m) => ({ w: m[0], start: m.index, end: m.index + m[0].length }));
  for (let i = 0; i < words.length; i++) {
    const { w, start } = words[i];
    if (!free(start, words[i].end)) continue;
    if (VAGUE_NUMBERS.has(w)) {
      take(start, words[i].end);
      found.push({ text: w, value: Number.NaN, unit: null, start, end: words[i].end });
      continue;
    }
    const next = words[i + 1]?.w;
    const article = (w === "a" || w === "an") && next !== undefined;
    if (article && (next === "hour" || next === "minute")) {
      const u = unitAfter(t, words[i].end);
      take(start, u.end);
      found.push({ text: t.slice(start, u.end), value: 1 + u.plus, unit: u.unit, start, end: u.end });
      i++;
      continue;
    }
    if (!isNumberWord(w) && !(article && (next in SCALES || next in FRACTIONS || next === "dozen" || next === "couple"))) continue;
    if (w === "one" && (ONE_BEFORE.has(words[i - 1]?.w ?? "") || ONE_AFTER.has(next ?? ""))) continue;

    // The run of number words from here: "a hundred and twenty", "forty-two", "two and a half".
    let j = i;
    let total = 0, cur = 0, frac = 0, ordinal = false;
    const joined = (k: number) => k + 1 < words.length && /^[\s-]*$/.test(t.slice(words[k].end, words[k + 1].start));
    for (; j < words.length; j++) {
      const x = words[j].w;
      if (j > i && !joined(j - 1)) break;
      if (x === "a" || x === "an") {
        const y = words[j + 1]?.w;
        if (y === undefined || !(y in SCALES || y in FRACTIONS || y === "dozen" || y === "couple")) break;
        continue;
      }
      if (x === "and") {
        const y = words[j + 1]?.w, z = words[j + 2]?.w;
        if (j === i || !(y !== undefined && (isNumberWord(y) || ((y === "a" || y === "an") && z !== undefined && z in FRACTIONS)))) break;
        continue;
      }
      if (/(?:th|first|second|third)$/.test(x)) ordinal = true;
      if (x in UNITS) cur += UNITS[x];
      else if (x in TENS) cur += TENS[x];
      else if (x in LOW_ORDINALS && j > i && words[j - 1].w in TENS) cur += LOW_ORDINALS[x];
      else if (x === "hundred" || x === "hundredth") cur = (cur || 1) * 100;
      else if (x in SCALES) {
        total += (cur || 1) * SCALES[x];
        cur = 0;
      } else if (x === "dozen") cur = (cur || 1) * 12;
      else if (x === "couple" && j > i && words[j - 1].w === "a") cur += 2;
      else if (x in FRACTIONS) {
        if (total + cur > 0 && j >= 2 && words[j - 2].w === "and") frac += FRACTIONS[x];
        else cur = (cur || 1) * FRACTIONS[x];
      } else break;
    }
    const endWord = words[j - 1];
    if (j === i || !endWord) continue;
    const u = ordinal ? { unit: "ordinal" as const, end: endWord.end, plus: 0 } : unitAfter(t, endWord.end);
    take(start, u.end);
    found.push({ text: t.slice(start, u.end), value: total + cur + frac + u.plus, unit: u.unit, start, end: u.end });
    i = j - 1;
  }

  found.sort((a, b) => a.start - b.start);
  // "4h 15m", "two hours and ten minutes": one duration, in minutes.
  const out: Figure[] = [];
  for (let k = 0; k < found.length; k++) {
    const a = found[k], b = found[k + 1];
    if (a.unit === "hours" && b?.unit === "minutes" && /^\s*(?:,|and)?\s*$/.test(t.slice(a.end, b.start))) {
      out.push({ text: t.slice(a.start, b.end), value: Math.round(a.value * 60 + b.value), unit: "minutes" });
      k++;
    } else out.push({ text: a.text, value: a.value, unit: a.unit });
  }
  return out;
}

const HOUR_WORD = "(?:hours?|hrs?|minutes?|mins?)";
const QUANTIFIER = "(?:a\\s+few|few|several|many|multiple|numerous|countless|plenty\\s+of|lots\\s+of|a\\s+lot\\s+of|loads\\s+of|tons\\s+of|a\\s+handful\\s+of|a\\s+couple\\s+(?:of\\s+)?|half(?:\\s+of)?|no|zero|all(?:\\s+of)?|most(?:\\s+of)?|some|extra|spare|more|fewer|less|additional|remaining|unused|leftover|enough)";
const VAGUE = new RegExp(`\\b${QUANTIFIER}\\s+(?:(?:the|your|our|its|their)\\s+)?(?:(?:included|retainer|remaining|unused|billable|spare|extra|available|monthly)\\s+)?${HOUR_WORD}\\b`, "gu");

/** Quantities of hours in words ("a few hours", "no minutes", "most of the hours"): figures with no value. */
export function vagueQuantities(text: string): string[] {
  return [...text.toLowerCase().matchAll(VAGUE)].map((m) => m[0]);
}
