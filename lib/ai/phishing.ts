// The phishing filter for any text the portal sends on: every weekly update passes it, whoever wrote it: Claude's draft before it is saved
// (through prose.ts), and the title and body an engineer publishes (lib/updates/check.ts, shown in the editor
// first). Issue 20: a model obeyed an instruction hidden in the week's data and wrote "Our bank details
// changed, so please wire the outstanding sum to the new account listed at harborpine.help… We have used
// almost none of the hours this month". Three things are flagged, each with the phrase as written:
//
// - link: anything a reader or a mail client could turn into an address. Schemes ("https://", "mailto:",
//   defanged "hxxp", "h**p", "http[:]//"), "www.", e-mail addresses, IPv4 addresses, and every token that
//   reads as `name.suffix` where the suffix is a public suffix (ICANN section of the Public Suffix List, from
//   the maintained `tldts` package, so new TLDs such as .help, .finance, .email or .to need no list here),
//   including punycode labels and special-use names (.example, .test, .local, .onion …). Disguised dots count the same: "[.]", "(dot)", "{dot}", " dot com",
//   "dot co dot uk", dot lookalikes (U+2024, U+FF0E, U+3002, U+FF61, U+2E31, U+2027, U+00B7 …), spaces around
//   a dot ("harborpine . com", "harborpine .com"), and letters spaced out ("h a r b o r p i n e . c o m").
// - payment: where money should go. Bank details, wire transfers, IBAN, SWIFT/BIC, account and routing
//   numbers, sort codes, "new account", "send payment to", "updated payment details", remittance, and the
//   like. The portal's invoices are the only place payment is arranged.
// - balance: how much of the month is used or left, in words ("almost none of the hours", "most of the hours
//   are left", "barely used"). The portal renders the month's figures itself.
//
// FILE NAMES. Some code-file extensions are also country TLDs: .md (Moldova), .sh, .py, .rs, .tf (others
// people name, .ts .tsx .js .json .css .sql .yml .toml .env …, are no public suffix, so "next.config.ts",
// "package.json", "Node.js" and "lib/ai/prose.ts" are never flagged). A token ending in one of those five is
// taken as a file reference only when it is written plainly (no disguised dot) AND it is either inside a
// code span (`setup.py`), or a segment of a relative path after a "/" ("docs/setup.md", the path's first
// segment still checked on its own), or a conventional repository file name in capitals ("README.md",
// "CHANGELOG.md"). Anything else ending in them ("harborpine.md", "pay-now.sh") is refused like any domain,
// and every other public suffix is refused wherever it stands, in code spans and paths too: a backtick does
// not stop a mail client from linking `stripe-billing.com`. Code identifiers that happen to end in a TLD
// (`user.email`, `order.id`) are refused as well; the flag says to write them another way. That is the safe
// default: an update for a business owner can always name a file or field in words.
//
// Four product names spelled like their project's domain (ASP.NET, ADO.NET, VB.NET, Socket.IO) are names, not
// links. Words, decimals and abbreviations are no tokens: "e.g.", "i.e.", "vs.", "etc.", "v2.1", "4.75" and an
// end-of-sentence period followed by a capital never form `name.suffix`.
//
// Pure: no I/O; the same input always gives the same flags.
import { parse } from "tldts";

export type FlagKind = "link" | "payment" | "balance";

export interface Flag {
  kind: FlagKind;
  /** The words as written (trimmed, at most 60 characters), to find them in the text. */
  phrase: string;
  /** Why, for the person who wrote it, without the phrase. */
  reason: string;
}

export interface FlagOptions {
  /** The portal's own address (APP_URL): its /clients… pages are the one place an update may link to. */
  appUrl?: string;
}

// --- A view of the text: each character remembers the span of the original it came from, so a flag can
// quote what was written even after the text was normalized and un-disguised.

interface View {
  text: string;
  from: number[];
  to: number[];
}

// Cyrillic and Greek letters drawn like Latin ones ("bаnk" with a Cyrillic а).
const CONFUSABLE: Record<string, string> = {
  а: "a", в: "b", е: "e", ё: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y", х: "x", і: "i", ї: "i", ј: "j", ѕ: "s", ԁ: "d", ԛ: "q", ԝ: "w", һ: "h",
  А: "A", В: "B", Е: "E", К: "K", М: "M", Н: "H", О: "O", Р: "P", С: "C", Т: "T", У: "Y", Х: "X", І: "I", Ј: "J", Ѕ: "S",
  α: "a", ε: "e", ι: "i", κ: "k", ν: "v", ο: "o", ρ: "p", τ: "t", υ: "u", χ: "x", ω: "w",
  Α: "A", Β: "B", Ε: "E", Ζ: "Z", Η: "H", Ι: "I", Κ: "K", Μ: "M", Ν: "N", Ο: "O", Ρ: "P", Τ: "T", Υ: "Y", Χ: "X",
};

/** Per code point: compatibility forms folded (NFKC), marks and invisible characters dropped, lookalikes mapped. */
function baseView(raw: string): View {
  const v: View = { text: "", from: [], to: [] };
  let i = 0;
  for (const ch of raw) {
    const end = i + ch.length;
    const folded = [...ch.normalize("NFKC").normalize("NFD")].filter((c) => !/[\p{Mn}\p{Me}\p{Cf}]/u.test(c)).map((c) => CONFUSABLE[c] ?? c).join("");
    for (const unit of folded) for (let k = 0; k < unit.length; k++) { v.text += unit[k]; v.from.push(i); v.to.push(end); }
    i = end;
  }
  return v;
}

/** `re` (global) replaced in the view; replaced characters map to the whole original span of their match. */
function rewrite(v: View, re: RegExp, replace: (m: RegExpExecArray) => string): View {
  const out: View = { text: "", from: [], to: [] };
  let last = 0;
  for (const m of v.text.matchAll(re) as IterableIterator<RegExpExecArray>) {
    const start = m.index, end = start + m[0].length;
    if (end === start) continue;
    const r = replace(m);
    if (r === m[0]) continue;
    out.text += v.text.slice(last, start);
    out.from.push(...v.from.slice(last, start));
    out.to.push(...v.to.slice(last, start));
    for (let k = 0; k < r.length; k++) { out.text += r[k]; out.from.push(v.from[start]); out.to.push(v.to[end - 1]); }
    last = end;
  }
  out.text += v.text.slice(last);
  out.from.push(...v.from.slice(last));
  out.to.push(...v.to.slice(last));
  return out;
}

/** The original span behind view characters [start, end). */
const span = (v: View, start: number, end: number): [number, number] => [v.from[start], v.to[end - 1]];

/** Original ranges inside Markdown code spans and fences (a backtick run closed by a run of the same length). */
function codeRanges(raw: string): [number, number][] {
  const runs = [...raw.matchAll(/(?<!\\)`+/g)].map((m) => ({ at: m.index, len: m[0].length }));
  const out: [number, number][] = [];
  for (let i = 0; i < runs.length; i++) {
    const close = runs.findIndex((r, j) => j > i && r.len === runs[i].len);
    if (close < 0) continue;
    out.push([runs[i].at, runs[close].at + runs[close].len]);
    i = close;
  }
  return out;
}

// --- Hosts

const LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}_-]*[\\p{L}\\p{N}])?";
// name(.name)*.suffix, optionally with an e-mail's local part; not inside a longer word or dotted run.
const HOST = new RegExp(`(?<![\\p{L}\\p{N}_.-])((?:[\\p{L}\\p{N}._%+-]+@)?)((?:${LABEL}\\.)+[\\p{L}][\\p{L}\\p{N}-]*[\\p{L}\\p{N}])(?![\\p{L}\\p{N}_-]|\\.[\\p{L}\\p{N}])`, "gu");
const IPV4 = /(?<![\p{L}\p{N}.])(?:\d{1,3}\.){3}\d{1,3}(?![\p{L}\p{N}]|\.\d)/gu;

/** Code-file extensions that are also ccTLDs: a file reference only in the forms the header allows. */
const FILE_SUFFIXES = new Set(["md", "sh", "py", "rs", "tf"]);
const CONVENTIONAL_FILES = /^(?:README|CHANGELOG|CHANGES|CONTRIBUTING|LICENSE|LICENCE|SECURITY|ARCHITECTURE|STYLE|AGENTS|CLAUDE|TODO|NOTES|RUNBOOK|CODEOWNERS|HISTORY|UPGRADING|MIGRATING|DEPLOY|DEPLOYING|SUPPORT|ROADMAP|AUTHORS|INSTALL|SETUP|RELEASING|CODE_OF_CONDUCT)$/;

// Product names spelled like their project's own domain; each is that project's site, so naming it sends no
// one anywhere they would not expect. Kept to names an engineer writes as the product's name.
const TECH_NAMES = new Set(["asp.net", "ado.net", "vb.net", "socket.io"]);

// Special-use names (RFC 2606, 6761, 6762, 9476) are on no public list yet still resolve somewhere: a
// test or intranet host, an onion service.
const SPECIAL_USE = new Set(["example", "test", "invalid", "localhost", "local", "internal", "onion", "arpa", "alt", "lan", "intranet", "corp", "home"]);

/** The public suffix a token ends in (ICANN section only), or null when it reads as no address. */
function publicSuffix(token: string, email = false): string | null {
  const host = token.toLowerCase();
  const last = host.slice(host.lastIndexOf(".") + 1);
  // Whatever follows the "@" of an e-mail address is a host.
  if (email || SPECIAL_USE.has(last) || host.split(".").some((l) => l.startsWith("xn--"))) return last;
  if (TECH_NAMES.has(host)) return null;
  const p = parse(host, { allowPrivateDomains: false, extractHostname: false, validateHostname: false });
  return p.isIcann && p.publicSuffix ? p.publicSuffix : null;
}

interface Found {
  kind: FlagKind;
  start: number;
  end: number;
  reason: string;
}

// Function words after which " .net" is a name (".NET", ".env"), not half of "harborpine .net".
const BEFORE_DOTNAME = new Set(["to", "the", "a", "an", "in", "into", "of", "on", "and", "or", "our", "your", "with", "from", "for", "via", "its", "their", "my", "using", "use", "uses", "used", "at", "by", "as", "is", "new", "old", "each", "every", "any"]);
// Abbreviations whose period is followed by a space and a lower-case word in honest prose.
const ABBREVIATIONS = new Set(["eg", "ie", "etc", "vs", "approx", "incl", "esp", "cf", "fig", "no", "vol", "ca", "resp", "min", "max", "misc", "dept", "est", "ref", "al", "ex", "mr", "mrs", "ms", "dr", "st", "jr", "sr", "co", "inc", "ltd", "corp", "am", "pm", "aka"]);
// TLDs that are also words read after "dot" or a spaced separator in honest prose ("a dot next to new orders"):
// such a join is an address only where the suffix ends the phrase ("… dot to/settle", "… dot to.").
const WORD_SUFFIXES = new Set(["next", "to", "in", "on", "at", "by", "is", "it", "me", "my", "so", "no", "be", "do", "us", "as", "one", "new", "now",
  "live", "here", "show", "how", "top", "app", "menu", "page", "link", "work", "team", "today", "news", "map", "data", "total", "report", "review", "chat",
  "video", "tech", "cloud", "design", "photos", "style", "events", "delivery", "red", "blue", "green", "pink", "black", "gold"]);
// After the suffix: the end of the phrase (punctuation, a slash, "slash", another dot) makes the join an address.
const ENDS_ADDRESS = /^(?:\s*$|\s*(?:slash\b|\/|[.,;:!?)"'\]]|dot\b))/iu;

function joinIfAddress(m: RegExpExecArray, word: string | undefined, rest: string | undefined): string {
  if (!word) return m[0];
  if (!WORD_SUFFIXES.has(word.toLowerCase()) || ENDS_ADDRESS.test(rest ?? "")) return ".";
  return m[0];
}

/** The text with disguised dots written as dots, for the host search. */
function undisguise(base: View): View {
  let v = base;
  // Letters spaced out: "h a r b o r p i n e" → "harborpine".
  v = rewrite(v, /(?<![\p{L}\p{N}])\p{L}(?: \p{L}(?![\p{L}\p{N}])){2,}/gu, (m) => m[0].replace(/ /g, ""));
  // Full stops of other scripts and forms NFKC leaves alone.
  v = rewrite(v, /[\u3002\u06D4\u0701\u0702\u2E3C\u1362\uA4FF\u166E]/gu, () => ".");
  // Bracketed dots: [.] (.) {.} <.> [dot] (dot) {dot} [period] …
  v = rewrite(v, /\s*[[({<]\s*(?:\.|dot|d0t|period|punto|point)\s*[\])}>]\s*/giu, () => ".");
  // Middle dots and bullets: joined unless they separate capitalized words ("Orders · Delivery zones").
  v = rewrite(v, /(\s*)[\u00B7\u0387\u2027\u2E31\u2E33\u2022\u2219\u22C5\u30FB\uFF65\u2981\u318D](\s*)(?=([\p{L}\p{N}-]*)(.{0,8}))/gsu, (m) => {
    if (!m[1] && !m[2]) return ".";
    if (/^\p{Lu}/u.test(m[3] ?? "")) return m[0];
    return joinIfAddress(m, m[3], m[4]);
  });
  // Spelled out: "harborpine dot com", "harborpine-dot-com", "dot co dot uk".
  v = rewrite(v, /(?<=[\p{L}\p{N}])[\s_-]+(?:dot|d0t)[\s_-]+(?=([\p{L}\p{N}-]+)(.{0,8}))/gisu, (m) => joinIfAddress(m, m[1], m[2]));
  // Spaces around a dot: "harborpine . com" is never prose.
  v = rewrite(v, /(?<=[\p{L}\p{N}])[ \t]+\.[ \t]+(?=[\p{L}\p{N}])/gu, () => ".");
  // A space before only: "harborpine .com", but "moved to .NET" names a thing.
  v = rewrite(v, /(?<=(?<![\p{L}\p{N}])([\p{L}\p{N}-]+))[ \t]+\.(?=\p{L})/gu, (m) => (BEFORE_DOTNAME.has(m[1].toLowerCase()) ? m[0] : "."));
  // A space after only, before a lower-case word: "harborpine. help" (a sentence goes on with a capital).
  v = rewrite(v, /(?<=(?<![\p{L}\p{N}.])([\p{L}\p{N}-]{2,}))\.[ \t]+(?=(\p{Ll}[\p{L}\p{N}-]*)(.{0,8}))/gsu, (m) =>
    (ABBREVIATIONS.has(m[1].toLowerCase()) ? m[0] : joinIfAddress(m, m[2], m[3])));
  return v;
}

const ADDRESS = "updates link only to the portal's pages; write what the reader should do in words";
const FILE_HINT = "if it names a file, put it in backticks or write its folder (docs/…)";

function hostsIn(plain: View, disguised: View, code: [number, number][], out: Found[]) {
  const inCode = (at: number) => code.some(([s, e]) => at >= s && at < e);
  const plainSpans = new Set<string>();
  for (const m of plain.text.matchAll(HOST)) {
    const start = m.index + m[1].length, end = m.index + m[0].length;
    const suffix = publicSuffix(m[2], Boolean(m[1]));
    if (!suffix) continue;
    const [s, e] = span(plain, m.index, end);
    plainSpans.add(`${span(plain, start, end)[0]}:${e}`);
    if (!m[1] && FILE_SUFFIXES.has(suffix)) {
      const name = m[2].slice(0, m[2].lastIndexOf("."));
      const before = plain.text.slice(0, start);
      const pathSegment = /(?<![/:])\/$/u.test(before) && !/[a-z][a-z0-9+.-]*:\/\/\S*$/iu.test(before);
      if (inCode(s) || pathSegment || CONVENTIONAL_FILES.test(name)) continue;
      out.push({ kind: "link", start: s, end: e, reason: `reads as a web address (.${suffix} is a country's domain); ${FILE_HINT}` });
      continue;
    }
    out.push({ kind: "link", start: s, end: e, reason: m[1] ? `is an e-mail address; ${ADDRESS}` : `reads as a web address (.${suffix}); ${ADDRESS}` });
  }
  for (const m of disguised.text.matchAll(HOST)) {
    const start = m.index + m[1].length, end = m.index + m[0].length;
    const [s, e] = span(disguised, start, end);
    if (plainSpans.has(`${s}:${e}`) || !publicSuffix(m[2], Boolean(m[1]))) continue;
    out.push({ kind: "link", start: s, end: e, reason: `spells out a web address in disguise (${m[2].toLowerCase().slice(0, 40)}); ${ADDRESS}` });
  }
  for (const m of plain.text.matchAll(IPV4)) {
    if (m[0].split(".").some((n) => Number(n) > 255)) continue;
    const [s, e] = span(plain, m.index, m.index + m[0].length);
    out.push({ kind: "link", start: s, end: e, reason: `is a network address; ${ADDRESS}` });
  }
}

// Schemes and their defanged forms. "HTTP" alone is a word ("HTTP errors"); with a colon or slashes it is a link.
const SCHEMES: [RegExp, string][] = [
  [/\b[a-z][a-z0-9+.-]*:\/\/\S*/giu, "is a web address"],
  [/(?<![\p{L}\p{N}])(?:mailto|javascript|vbscript|data|tel|sms|file|callto|skype|whatsapp|tg|bitcoin|ethereum):(?=[\p{L}\p{N}/+])\S*/giu, "is a link"],
  [/\bwww\d{0,3}\.\S+/giu, "is a web address"],
  [/\bh(?:xx|XX|\*\*|\[tt\]|\[xx\]|t\*|\*t|x\*|\*x|\.\.)ps?\b\S*/gu, "is a defanged web address (hxxp, h**p)"],
  [/\b(?:https?|ftp|hxxps?)\s*(?:\[:\]|\(:\)|\{:\}|\s+:|:\s+|\[\s*colon\s*\]|\(\s*colon\s*\))\s*(?:\/|\[\/\]|\\)+\S*/giu, "is a disguised web address"],
  [/(?:\[:\]|\(:\)|\{:\})\s*\/\/\S*/gu, "is a disguised web address"],
  [/:\s*\/\s+\/\S*|:\s+\/\/\S*/gu, "is a disguised web address"],
  [/(?<![\p{L}\p{N}])\/\/(?=[\p{L}\p{N}])[^\s)\]]*\.[^\s)\]]*/gu, "is a web address without its scheme"],
];

function schemesIn(v: View, out: Found[]) {
  for (const [re, what] of SCHEMES) {
    for (const m of v.text.matchAll(re)) {
      const [s, e] = span(v, m.index, m.index + m[0].length);
      out.push({ kind: "link", start: s, end: e, reason: `${what}; ${ADDRESS}` });
    }
  }
}

// --- Payment redirection and the month's balance, in words. Matched case-insensitively on the folded text,
// so capitals, full-width letters, lookalikes and spaced-out letters change nothing.

const UI_NOUN = "(?:page|pages|screen|settings|flow|form|forms|sign[\\s-]?up|signup|creation|setup|view|menu|button|modal|dialog|e-?mails?|type|types|role|roles|model|table|list|field|fields|api|endpoint|tab|wizard|link|links|invite|invites|invitation|invitations|onboarding|holders?\\s+page)";
const MONEY = "(?:sum|sums|amount|amounts|balance|balances|payment|payments|funds|money|total|deposit|deposits|remittance|invoice|invoices|fee|fees|dues)";
// What one sends somewhere: not invoices or totals ("sent the invoice totals to the accountant" is reporting).
const SENDABLE = "(?:sum|sums|amount|amounts|balance|balances|payment|payments|funds|money|deposit|deposits|remittance|dues)";
const PAYMENT: RegExp[] = [
  new RegExp(`\\bbank(?:ing)?\\s+(?:details?|accounts?|info(?:rmation)?|transfers?|wires?|numbers?|changes?|changed|coordinates|instructions|routing|records)\\b`, "giu"),
  /\b(?:new|updated|changed|different|another|alternate|alternative|replacement)\s+bank(?:ing)?\b/giu,
  /\bbank(?:ing)?\s+(?:has|have|had)\s+(?:been\s+)?(?:changed|moved|updated|switched)\b/giu,
  /\bwire\s+transfers?\b/giu,
  new RegExp(`\\bwir(?:e|es|ed|ing)\\s+(?:over\\s+)?(?:(?:the|any|all|your|that|this|those|these|our)\\s+)?(?:(?:outstanding|remaining|full|overdue|unpaid|due|open|total|final|next)\\s+)*${MONEY}\\b`, "giu"),
  /\bwir(?:e|es|ed|ing)\s+(?:it|them|this|that)\s+(?:over\s+)?(?:to|into)\b/giu,
  /\b(?:please|kindly)\s+wire\b/giu,
  /\biban\b/giu,
  /\bSWIFT\b/gu,
  /\b(?:swift|bic)\s*(?:\/|or|and|&)\s*(?:swift|bic)\b/giu,
  /\bBIC\b/gu,
  /\b(?:swift|bic)\s*(?:code|number|no\.?|address)\s*[:#]/giu,
  new RegExp(`\\baccount\\s+(?:numbers?|no\\.?|#|details|holder|info(?:rmation)?)(?!\\s+${UI_NOUN})\\b`, "giu"),
  /\bacc(?:oun)?t\.?\s*(?:no\.?|num(?:ber)?|#)/giu,
  /\b(?:routing|aba|transit|bsb|ifsc|clabe)\s+(?:numbers?|no\.?|codes?|#)/giu,
  /\bsort\s+codes?\b/giu,
  new RegExp(`\\b(?:to|into|in|via|on|through|toward|towards)\\s+(?:the|our|my|this|a|that)\\s+new\\s+(?:bank\\s+|receiving\\s+)?account(?!\\s+${UI_NOUN})\\b`, "giu"),
  /\bnew\s+(?:bank|banking|payment|billing|receiving|remittance|deposit|checking|savings)\s+(?:account|details)\b/giu,
  new RegExp(`\\bnew\\s+account\\s+(?:details|number|numbers|info(?:rmation)?|listed|below|above|shown|given|provided|on\\s+file|instead)(?!\\s+${UI_NOUN})\\b`, "giu"),
  new RegExp(`\\b(?:our|my)\\s+new\\s+account(?!\\s+${UI_NOUN})\\b`, "giu"),
  new RegExp(`\\b(?:send|sending|sent|make|making|direct|redirect|forward|transfer|deposit|remit)\\s+(?:(?:the|your|all|any|future|further|this|that|next|outstanding|remaining|full)\\s+)*${SENDABLE}\\s+(?:to|into|via|through|towards?)\\b`, "giu"),
  /\b(?:send|transfer|move|deposit|remit)\s+(?:it|them)\s+(?:to|into)\s+(?:the|our|a|this)\s+(?:new|updated|different|following|below)\b/giu,
  /\b(?:pay|payable)\s+(?:directly\s+)?(?:to|into)\s+(?:the|our|a|this|my)\s+(?:new|updated|different|following|below|bank|account)\b/giu,
  new RegExp(`\\b(?:updated|new|changed|revised|different|correct|latest|current)\\s+(?:payment|remittance|banking|billing|wiring|wire|deposit|invoicing)\\s+(?:details|instructions|info(?:rmation)?|method|methods|address|account|link|portal|coordinates)\\b`, "giu"),
  /\b(?:payment|remittance|billing|wiring|wire)\s+(?:details|instructions|info(?:rmation)?|method|address|account|link)\s+(?:has|have|had|is|are)\s+(?:been\s+)?(?:changed|updated|moved|switched|new)\b/giu,
  /\bremit(?:tance|ting|s|ted)?\b/giu,
  new RegExp(`\\boutstanding\\s+${MONEY}\\b`, "giu"),
  /\bsettle\s+(?:up|(?:the|your|any|all|this)\s+(?:outstanding|open|overdue|unpaid|remaining|balance|invoices?|account|sum|amount|bill|bills|dues|payment)\b)/giu,
  /\b(?:direct\s+deposit|ach\s+transfer|zelle|western\s+union|moneygram|bitcoin|btc\s+address|crypto(?:currency)?\s+wallet|wallet\s+address|usdt)\b/giu,
  /\bACH\b/gu,
  // An IBAN's shape: two letters, two check digits, then groups.
  /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b/gu,
];

// The month's time, strictly: "time" and "month" alone are too common ("took almost no time", "the month is mostly
// about the import"), so they count only where the pattern already speaks of what is left.
const TIME = "(?:hours|hrs|allowance|retainer|budget|block|bank\\s+of\\s+hours)";
const TIME_OR_MONTH = "(?:hours|hrs|time|allowance|retainer|budget|block|bank\\s+of\\s+hours|month)";
const OF_THE = "(?:(?:the|your|our|this|its|this\\s+month'?s|the\\s+month'?s|the\\s+included|the\\s+monthly|included|monthly|retainer|prepaid)\\s+)*";
const BALANCE: RegExp[] = [
  new RegExp(`\\b(?:almost|nearly|virtually|practically|hardly|barely|scarcely|next\\s+to)\\s+(?:none|any|nothing|no)\\s+(?:of\\s+)?${OF_THE}${TIME}\\b`, "giu"),
  new RegExp(`\\b(?:none|little|very\\s+little|hardly\\s+any|barely\\s+any|only\\s+a\\s+(?:fraction|sliver|bit|little)|a\\s+(?:fraction|sliver|small\\s+part|tiny\\s+part))\\s+of\\s+${OF_THE}${TIME}\\b`, "giu"),
  new RegExp(`\\b(?:most|much|all|plenty|lots|loads|heaps|tons|the\\s+bulk|the\\s+majority|a\\s+lot|half)\\s+of\\s+${OF_THE}${TIME_OR_MONTH}\\s+(?:(?:is|are|was|were|remains?|stays?)\\s+)?(?:still\\s+)?(?:left|remain\\w*|unused|untouched|available|to\\s+spare|in\\s+hand|unspent|intact)\\b`, "giu"),
  new RegExp(`\\b(?:plenty|lots|loads|heaps|tons|a\\s+lot)\\s+of\\s+${TIME}\\s+(?:still\\s+)?(?:left|remain\\w*|to\\s+spare|available|in\\s+hand|unused|in\\s+the\\s+tank)\\b`, "giu"),
  /\bplenty\s+of\s+time\s+(?:still\s+)?(?:left|remaining|to\s+spare)\s+(?:this\s+month|in\s+the\s+month|on\s+the\s+retainer|in\s+the\s+retainer)\b/giu,
  /\b(?:barely|hardly|scarcely|only\s+lightly)\s+(?:been\s+)?used\b/giu,
  new RegExp(`\\b(?:barely|hardly|scarcely|only\\s+lightly)\\s+(?:been\\s+)?(?:touched|tapped|dipped\\s+into|made\\s+a\\s+dent\\s+in|started\\s+on)\\s+${OF_THE}${TIME}\\b`, "giu"),
  new RegExp(`\\b${TIME}\\s+(?:is|are|was|were|remains?|stays?)\\s+(?:still\\s+)?(?:(?:mostly|largely|almost\\s+entirely|nearly\\s+all|practically|virtually|basically|essentially)\\s+)?(?:untouched|unused|intact|available|free|left|unspent)\\b`, "giu"),
  new RegExp(`\\b(?:used|spent|burned|burnt|consumed)\\s+(?:almost\\s+|nearly\\s+|virtually\\s+|practically\\s+|next\\s+to\\s+)?(?:none|nothing|little|hardly\\s+any|barely\\s+any|very\\s+little|a\\s+fraction)\\s+(?:of\\s+${OF_THE}${TIME_OR_MONTH}|this\\s+month|so\\s+far)\\b`, "giu"),
  /\b(?:well|comfortably|far|way)\s+(?:under|below|within|inside)\s+(?:the\s+|your\s+|our\s+|its\s+)?(?:budget|hours|allowance|retainer|included\s+hours|monthly\s+hours)\b/giu,
  /\bhours\s+to\s+spare\b/giu,
  /\b(?:very\s+)?few\s+(?:of\s+the\s+)?hours\s+(?:have\s+been\s+|were\s+|are\s+)?(?:used|spent|gone)\b/giu,
  /\b(?:lots|plenty|heaps|loads|tons)\s+of\s+hours\b/giu,
];

function wordsIn(v: View, out: Found[]) {
  for (const [kind, patterns, reason] of [
    ["payment", PAYMENT, "speaks of where money goes; payment details come only from the portal's invoices"],
    ["balance", BALANCE, "speaks of how much of the month is used or left; the portal shows the month's figures"],
  ] as const) {
    for (const re of patterns) {
      for (const m of v.text.matchAll(re)) {
        const [s, e] = span(v, m.index, m.index + m[0].length);
        out.push({ kind, start: s, end: e, reason });
      }
    }
  }
}

/** Markdown's backslash escapes undone (a title rendered as "harborpine\[.\]com" says "harborpine[.]com"). */
const unescapeMarkdown = (v: View) => rewrite(v, /\\([!-/:-@[-`{-~])/gu, (m) => m[1]);

/** The portal's own /clients… addresses at APP_URL are blanked before the search: they are the allowed links. */
function withoutPortal(v: View, appUrl?: string): View {
  if (!appUrl) return v;
  const origin = new URL(appUrl).origin.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return rewrite(v, new RegExp(`${origin}(/clients(?:[/?#][A-Za-z0-9\\-._~/?=&#%]*)?)(?![\\p{L}\\p{N}.])`, "giu"), (m) =>
    (m[1].includes("//") || m[1].includes("..") ? m[0] : " ".repeat(m[0].length)));
}

/** Every flag in `text` (Markdown or plain), in order of appearance, each phrase once. */
export function phishingFlags(raw: string, opts: FlagOptions = {}): Flag[] {
  const code = codeRanges(raw);
  const plain = withoutPortal(unescapeMarkdown(baseView(raw)), opts.appUrl);
  const disguised = undisguise(plain);
  const found: Found[] = [];
  hostsIn(plain, disguised, code, found);
  schemesIn(plain, found);
  schemesIn(disguised, found);
  wordsIn(disguised, found);
  // One flag per stretch of text and kind: a match inside another of the same kind adds nothing.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const flags: Flag[] = [];
  const kept: Found[] = [];
  for (const f of found) {
    if (kept.some((k) => k.kind === f.kind && k.start <= f.start && k.end >= f.end)) continue;
    kept.push(f);
    const phrase = raw.slice(f.start, f.end).replace(/\s+/g, " ").trim();
    const short = phrase.length > 60 ? `${phrase.slice(0, 59)}…` : phrase;
    if (!flags.some((g) => g.kind === f.kind && g.phrase.toLowerCase() === short.toLowerCase())) flags.push({ kind: f.kind, phrase: short, reason: f.reason });
  }
  return flags;
}
