// Redaction of everything the portal sends to a language model (lib/ai/claude), applied before it is sent: the
// product promises "private AI", so contact details and credentials an engineer pastes into a work log never leave
// the portal. Each value becomes a numbered placeholder of its kind, and one value keeps one placeholder throughout a
// request (pass one `seen` map to every call), so the model can still tell "the same address twice" from "two
// addresses". What was masked comes back for the request's record as kind, placeholder and preview: the first 2
// characters and the length ("sk…(51 chars)"; a value shorter than 8 characters shows none of them, "…(7 chars)").
// The preview never reveals the value; the value itself stays in the caller's `seen` map, keyed by the value as
// written (lib/ai/claude puts the answer's placeholders back from it), never in the record.
//
// What is masked (placeholder in brackets, numbered per kind):
// - email [email N]: addresses, with plus-addressing, subdomains, capitals, inside <…> and `mailto:` links. An SSH
//   remote's `git@github.com` is no person's address and stays.
// - phone [phone N]: numbers written with "+" (8 to 15 digits, ending in a group of 3+ digits or written in pairs),
//   and national numbers in three groups: "(415) 555-0134", "415-555-0134", "415.555.0134", "1-415-555-0134",
//   "021-555-0199", "09 555 0199". Groups split by spaces count only after a leading 0 ("415 555 0134" stays), and a
//   bare run of digits, a 7-digit local number, dates, year and time ranges, ZIP codes and amounts never match.
// - url-credentials [url with credentials N]: a URL with a user and password ("https://user:pass@host/…",
//   "postgres://app:s3cret@db:5432/prod", "redis://:token@host") or a long user name (a token). The WHOLE URL is
//   replaced, not only its user:password part: its host, path and query can be as private as the password.
// - secret [secret N]: PEM private key blocks (a block without its END line, through its last line of key
//   material), JWTs, the value after "Bearer " (16+ characters, letters and digits) or "Basic " (base64 of
//   user:password), keys with a known prefix (Stripe sk_/rk_/pk_ live and test and whsec_, Anthropic sk-ant-,
//   OpenAI-style sk-, GitHub ghp_/gho_/ghu_/ghs_/ghr_/github_pat_, GitLab glpat-, npm_, SendGrid SG., AWS access key
//   ids AKIA/ASIA, Slack xox?- and webhook URLs, Google AIza), and any other run of 32+ base64/url-safe characters
//   that reads as random: digits among letters in short pieces, where an identifier's pieces are words
//   (createCheckoutSession2026). Hexadecimal runs are digests and ids (commit SHAs, checksums, UUIDs) and stay; a
//   hex key is caught by its label. In a path, only the random segments go ("…/portal/[secret 1]").
// - password [password N]: the value after a credential label and ":", "=", ":=" or "=>" ("password: hunter2",
//   `"password": "…"`, "DB_PASSWORD=…", "api_key=…", "client_secret: '…'", "X-Auth-Token: …", "?token=…"); the
//   label stays ("password: [password 1]"). A label is an identifier whose last part is password, passwd, pwd,
//   passphrase, secret, token, apikey or credential(s), or "key" after api/access/secret/private/signing/…, or
//   "pass" after another part (db_pass). The safe side is chosen: a prose colon after such a word ("Token: it
//   expires") loses the next word. The word in prose ("reset the password flow") is no label, and neither a value
//   that stands for one is masked (null, "***", "${…}", process.env.X, a call). In redactValue, a string under a
//   key that is such a label is masked whole.
// - iban [IBAN N]: IBANs, with or without a space every 4 characters, only when the mod-97 checksum holds.
//
// Placeholders already in the text are left as they are and never handed out again, so redacting twice changes
// nothing. Every pattern runs on the text as written, in the priority order of FINDERS, and none can take characters
// an earlier one took, so no placeholder is rewritten. Data sent as JSON is read through its escapes ("\n+64 21 555
// 0199" is a number after a newline), and what is masked never cuts an escape, so the JSON stays valid. Every regex
// is linear: starts are anchored by a look-behind, repetitions are bounded or over classes the next token cannot
// share, and no nested quantifier backtracks.
//
// Pure: no I/O, no dependency.

import type { Masked, RedactionKind } from "@/lib/types/ai";

export type { Masked, RedactionKind };

export interface Redaction {
  text: string;
  masked: Masked[];
}

const LABELS: Record<RedactionKind, string> = {
  email: "email",
  phone: "phone",
  "url-credentials": "url with credentials",
  secret: "secret",
  password: "password",
  iban: "IBAN",
};

const PLACEHOLDER = /\[(?:email|phone|url with credentials|secret|password|IBAN) \d+\]/g;

/** A span of the text to mask (`kind`) or to keep as it is (null: a placeholder already there). */
interface Hit {
  start: number;
  end: number;
  kind: RedactionKind | null;
}

const hit = (start: number, end: number, kind: RedactionKind): Hit => ({ start, end, kind });

function* each(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    yield m;
    if (m[0].length === 0) re.lastIndex++;
  }
}

// ---- secret: PEM private key blocks ----

const PEM_BEGIN = /-----BEGIN (?:[A-Z0-9]+ ){0,4}PRIVATE KEY(?: BLOCK)?-----/g;
const PEM_END = /-----END (?:[A-Z0-9]+ ){0,4}PRIVATE KEY(?: BLOCK)?-----/g;
// Key material: one base64 run or a PEM header per line; on the BEGIN line itself (a key pasted as one line), any
// run of base64 words.
const KEY_MATERIAL_LINE = /^[ \t]*(?:[A-Za-z0-9+/=]+|(?:Proc-Type|DEK-Info|Comment):[^\n]*)?[ \t]*\r?$/;
const KEY_MATERIAL_REST = /^[ \t]*(?:[A-Za-z0-9+/=]+(?:[ \t]+[A-Za-z0-9+/=]+)*)?[ \t]*\r?$/;

function pemBlocks(text: string): Hit[] {
  const ends = [...each(PEM_END, text)].map((m) => m.index + m[0].length);
  const hits: Hit[] = [];
  let next = 0;
  for (const m of each(PEM_BEGIN, text)) {
    if (hits.length && m.index < hits[hits.length - 1].end) continue;
    while (next < ends.length && ends[next] <= m.index) next++;
    let end = next < ends.length ? ends[next] : m.index + m[0].length;
    if (next >= ends.length) {
      // No END line: the key was cut off. Mask through its last line of key material (base64 or a header).
      for (let from = end, material = KEY_MATERIAL_REST; from < text.length; material = KEY_MATERIAL_LINE) {
        const newline = text.indexOf("\n", from);
        const lineEnd = newline < 0 ? text.length : newline;
        if (!material.test(text.slice(from, lineEnd))) break;
        end = lineEnd;
        from = lineEnd + 1;
      }
      while (end > m.index && /\s/.test(text[end - 1])) end--;
    }
    hits.push(hit(m.index, end, "secret"));
  }
  return hits;
}

// ---- url-credentials ----

const URL_CREDENTIALS =
  /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/([^\s/?#@:[\]]*)(:[^\s/?#@]*)?@[^\s<>"'`)\]}]*/g;

function urlsWithCredentials(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const m of each(URL_CREDENTIALS, text)) {
    const [, user, password] = m;
    if (password === undefined && user.length < 16) continue;
    let end = m.index + m[0].length;
    while (/[.,;:!?]/.test(text[end - 1])) end--;
    hits.push(hit(m.index, end, "url-credentials"));
  }
  return hits;
}

// ---- secret: known shapes, Bearer/Basic values ----

const SECRET_SHAPES = new RegExp(
  `(?<![A-Za-z0-9_-])(?:${[
    /eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/, // JWT (header.payload.signature)
    /(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}/, // Stripe keys
    /whsec_[A-Za-z0-9+/=]{16,}/, // Stripe webhook secret
    /sk-[A-Za-z0-9_-]{20,}/, // Anthropic sk-ant-…, OpenAI sk-…, sk-proj-…
    /(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}/, // GitHub tokens
    /github_pat_[A-Za-z0-9_]{20,}/, // GitHub fine-grained token
    /glpat-[A-Za-z0-9_-]{20,}/, // GitLab token
    /npm_[A-Za-z0-9]{30,}/, // npm token
    /SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/, // SendGrid key
    /(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/, // AWS access key id
    /xox[abposr]-[A-Za-z0-9-]{10,}/, // Slack token
    /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]+/, // Slack webhook URL
    /AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/, // Google API key
  ]
    .map((re) => re.source)
    .join("|")})`,
  "g",
);

function knownSecrets(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const m of each(SECRET_SHAPES, text)) {
    // Prefixes prose could start ("sk-learn-…", "xoxo-…") count only with a digit in the rest.
    if (/^(?:sk-|xox)/.test(m[0]) && !/\d/.test(m[0].slice(4))) continue;
    hits.push(hit(m.index, m.index + m[0].length, "secret"));
  }
  return hits;
}

const AUTH_SCHEME = /\b(Bearer|Basic)[ \t]+([A-Za-z0-9\-._~+/]+=*)/g;

/** "Basic dXNlcjpwYXNz": base64 of "user:password". */
function basicCredentials(value: string): boolean {
  if (value.length < 8 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+=*$/.test(value)) return false;
  try {
    return atob(value).includes(":");
  } catch {
    return false;
  }
}

function authorizationValues(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const m of each(AUTH_SCHEME, text)) {
    const [, scheme, value] = m;
    // "Bearer tokens", "Basic auth": words are no credentials; a bearer token is long and has digits and letters.
    const credential =
      scheme === "Basic" ? basicCredentials(value) : value.length >= 16 && /\d/.test(value) && /[A-Za-z]/.test(value);
    if (!credential) continue;
    const end = m.index + m[0].length;
    hits.push(hit(end - value.length, end, "secret"));
  }
  return hits;
}

// ---- password: the value after a credential label ----

// The label and the separator are matched atomically (a look-ahead, then its capture): a failing value does not
// make them give back characters ("**Password:** [password 1]" never reads "*" as the value). A quoted value ends at
// its quote or the line's end (the next label's quote bounds each scan, so the scans stay linear); a bare value is
// read 200 characters at a time, so a refused label ("a=a=a=…") costs a bounded scan, and an accepted one is then
// followed to its end.
const BARE_VALUE_CHAR = /[^\s,;&'"`<>()[\]{}]/;
const LABEL_AND_SEPARATOR = [
  /(?<![A-Za-z0-9_.-])(?<quote>["'`]?)(?=(?<label>[A-Za-z][A-Za-z0-9_.-]{0,63}))\k<label>\x00?\k<quote>/,
  /(?=(?<separator>\**[ \t\x00]{0,8}(?::=|=>|[:=])\**[ \t\x00]{0,8}))\k<separator>/,
];
const QUOTED_VALUE = /"(?<double>(?:[^"\\\n]|\\.)+)"|'(?<single>(?:[^'\\\n]|\\.)+)'|`(?<backtick>[^`\n]+)`/;
const BARE_VALUE = /(?<bare>[^\s,;&'"`<>()[\]{}]{1,200})/;
const LABELLED = new RegExp(
  `${LABEL_AND_SEPARATOR.map((re) => re.source).join("")}(?:${QUOTED_VALUE.source}|${BARE_VALUE.source})`,
  "g",
);
/** Values that stand for a credential without being one: empty words, masks, templates and references in code. */
const NOT_A_VALUE =
  /^(?:null|undefined|none|nil|true|false|\*{3,}|•{3,}|\.{3}|…|\$\{[^}]*\}|\{\{[^}]*\}\}|<[^>]*>|process\.env\.\w+)$/i;
const SENSITIVE_PARTS = new Set([
  "password", "passwd", "pwd", "passphrase", "secret", "token", "apikey", "credential", "credentials",
]);
const KEY_QUALIFIERS = new Set([
  "api", "access", "secret", "private", "signing", "encryption", "master", "auth", "client", "license",
]);

/** Whether an identifier names a credential: its last part says so ("DB_PASSWORD", "apiKey", "x-auth-token"). */
export function isCredentialLabel(name: string): boolean {
  const parts = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[\s_.-]+/)
    .filter(Boolean);
  const last = parts[parts.length - 1];
  const before = parts[parts.length - 2];
  if (last === undefined) return false;
  if (SENSITIVE_PARTS.has(last)) return true;
  if (last === "key") return before !== undefined && KEY_QUALIFIERS.has(before);
  return last === "pass" && before !== undefined;
}

function labelledValues(text: string): Hit[] {
  const hits: Hit[] = [];
  const re = LABELLED;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const g = m.groups ?? {};
    const value = g.double ?? g.single ?? g.backtick ?? g.bare;
    // A bare value is no call in code ("password = readPassword()") and holds a letter or digit ("${{ … }}").
    const code = g.bare !== undefined && (text[m.index + m[0].length] === "(" || !/[A-Za-z0-9]/.test(value));
    if (!isCredentialLabel(g.label) || NOT_A_VALUE.test(value.trim()) || code) {
      re.lastIndex = m.index + 1; // the value may hold a label of its own ("a: password=x")
      continue;
    }
    const quoted = g.bare === undefined;
    const start = m.index + m[0].length - value.length - (quoted ? 1 : 0);
    let end = start + value.length;
    while (!quoted && end < text.length && BARE_VALUE_CHAR.test(text[end])) end++;
    re.lastIndex = end;
    hits.push(hit(start, end, "password"));
  }
  return hits;
}

// ---- email ----

const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9][\w.%+-]{0,63}@[A-Za-z0-9][A-Za-z0-9-]{0,62}(?:\.[A-Za-z0-9][A-Za-z0-9-]{0,62})+/g;

const TLD_END = /\.[A-Za-z]{2,63}$/;

function emails(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const m of each(EMAIL, text)) {
    // The last label is a top-level domain, letters only: "react@19.0.0" is a package and its version.
    let value = m[0];
    const at = value.indexOf("@");
    while (!TLD_END.test(value) && value.lastIndexOf(".") > at) value = value.slice(0, value.lastIndexOf("."));
    if (!TLD_END.test(value) || value.lastIndexOf(".") < at || value.startsWith("git@")) continue;
    hits.push(hit(m.index, m.index + value.length, "email"));
  }
  return hits;
}

// ---- iban ----

const IBAN = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![A-Za-z0-9])/g;

/** The ISO 13616 check: country code and check digits moved to the end, letters as 10…35, the number mod 97 is 1. */
export function ibanChecksumValid(iban: string): boolean {
  const s = iban.replace(/ /g, "");
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
  const check = Number(s.slice(2, 4));
  if (check < 2 || check > 98) return false;
  let rest = 0;
  for (const c of s.slice(4) + s.slice(0, 4)) {
    const n = c >= "A" ? c.charCodeAt(0) - 55 : c.charCodeAt(0) - 48;
    rest = (n >= 10 ? rest * 100 + n : rest * 10 + n) % 97;
  }
  return rest === 1;
}

function ibans(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const m of each(IBAN, text)) {
    // Written in groups, the IBAN may be followed by a group that is not its own ("… 3000 2026"): drop groups from
    // the end until the checksum holds.
    let value = m[0];
    while (!ibanChecksumValid(value) && value.includes(" ")) value = value.slice(0, value.lastIndexOf(" "));
    if (ibanChecksumValid(value)) hits.push(hit(m.index, m.index + value.length, "iban"));
  }
  return hits;
}

// ---- phone ----

const PHONE_INTERNATIONAL =
  /(?<![\w+])\+\d{1,3}(?:[ .-]?\(\d{1,4}\))?[ .-]?\d{1,14}(?:[ .-]\d{1,5}){0,5}(?![\w%]|[.,:/-]\d)/g;
const PHONE_NATIONAL =
  /(?<![\w+./:#$€£,-])(?:1[.-])?(?:\(\d{2,4}\)[ .-]?|\d{2,4}[ .-])\d{3,4}[ .-]\d{3,4}(?![\w%]|[.,:/-]\d)/g;
const NATIONAL_PARTS = /^(?:1([.-]))?(?:\((\d{2,4})\)[ .-]?|(\d{2,4})([ .-]))(\d{3,4})([ .-])(\d{3,4})$/;

function nationalNumber(value: string): boolean {
  const p = NATIONAL_PARTS.exec(value);
  if (!p) return false;
  const [, country, inParens, area, sepA, middle, sepB, last] = p;
  const first = inParens ?? area;
  const digits = first.length + middle.length + last.length;
  if (digits < 9 || digits > 11) return false;
  const leadingZero = first.startsWith("0");
  if (last.length !== 4 && !leadingZero) return false;
  if (inParens === undefined) {
    // "415-555-0134", "415.555.0134", "021 555 0199": one separator throughout; spaces only after a leading 0.
    if (sepA !== sepB || (sepA === " " && !leadingZero)) return false;
    if (country !== undefined && country !== sepA) return false;
  }
  return true;
}

/** A date or a year range among the digits ("+20 2026-12-07", "+5 2019-2026"): numbers that follow a "+" by chance. */
const DATE_INSIDE = /(?:^|\D)(?:19|20)\d\d[-./](?:(?:19|20)\d\d|[01]\d[-./][0-3]\d)(?!\d)/;

function phones(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const m of each(PHONE_INTERNATIONAL, text)) {
    const digits = m[0].replace(/\D/g, "");
    if (digits.length < 8 || digits.length > 15 || DATE_INSIDE.test(m[0])) continue;
    // A number ends in a group of 3+ digits ("+64 21 555 0199"), or is written in pairs ("+33 1 23 45 67 89").
    const groups = m[0].split(/\D+/).filter(Boolean).slice(1);
    const last = groups[groups.length - 1] ?? "";
    const pairs = groups.length >= 4 && groups.slice(1).every((g) => g.length === 2);
    if (groups.length && last.length < 3 && !pairs) continue;
    hits.push(hit(m.index, m.index + m[0].length, "phone"));
  }
  for (const m of each(PHONE_NATIONAL, text)) {
    if (nationalNumber(m[0])) hits.push(hit(m.index, m.index + m[0].length, "phone"));
  }
  return hits;
}

// ---- secret: long random-looking tokens ----

const TOKEN_RUN = /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/=_-]{32,}/g;
const UUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g;
const HEX_SEGMENT = /^[0-9a-fA-F]{7,}$/;
const WORD_PIECE = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g;

/**
 * A run of 32+ base64/url-safe characters that reads as random. UUIDs and hexadecimal segments (commit SHAs,
 * checksums) are left out first; what remains must mix digits with letters and fall into short pieces, where an
 * identifier's or a path's pieces are words ("createCheckoutSession2026" → create, Checkout, Session, 2026).
 */
export function looksRandom(run: string): boolean {
  const core = run.replace(/=+$/, "");
  if (core.length < 32) return false;
  const rest = core
    .replace(UUID, "")
    .split(/[/+=_-]+/)
    .filter((segment) => !HEX_SEGMENT.test(segment))
    .join("");
  if (rest.length < 24 || !/\d/.test(rest)) return false;
  const classes = Number(/[a-z]/.test(rest)) + Number(/[A-Z]/.test(rest)) + 1;
  if (classes < 2) return false;
  const pieces = rest.match(WORD_PIECE) ?? [];
  const average = pieces.reduce((n, p) => n + p.length, 0) / pieces.length;
  if (classes === 3) return average < 3.2;
  // One case of letters and digits: digits scattered through it, as in a random string, not a year or a version.
  return average < 3.6 && (rest.match(/\d+/g) ?? []).length >= rest.length / 10;
}

const PATH_WORD = /^[a-z0-9_-]*$/;

function randomTokens(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const m of each(TOKEN_RUN, text)) {
    if (!looksRandom(m[0])) continue;
    // In a path ("com/acme/portal/Fq2mXk8Z…"), only the random segments: lower-case words around them stay.
    const segments = m[0].split("/");
    let first = 0;
    let last = segments.length - 1;
    while (first < last && PATH_WORD.test(segments[first])) first++;
    while (last > first && PATH_WORD.test(segments[last])) last--;
    const start = m.index + segments.slice(0, first).reduce((n, s) => n + s.length + 1, 0);
    const core = segments.slice(first, last + 1).join("/");
    const [from, value] = looksRandom(core) ? [start, core] : [m.index, m[0]];
    hits.push(hit(from, from + value.length, "secret"));
  }
  return hits;
}

/** In priority order: a later finder cannot take characters an earlier one took. */
const FINDERS: ((text: string) => Hit[])[] = [
  pemBlocks,
  urlsWithCredentials,
  knownSecrets,
  authorizationValues,
  labelledValues,
  emails,
  ibans,
  phones,
  randomTokens,
];

/**
 * The text as the finders read it. Requests carry data as JSON, so a value may sit right after an escape
 * ("…\n+64 21 555 0199", "\u003cbob@acme.io>"): \n, \r, \t, \b, \f and \uXXXX read as spaces, and the backslash of
 * \" as NUL (a quoted label or value inside a JSON string: {\"token\":\"…\"}). Same length, so every index still
 * points into the text as written; a hit never starts or ends on that filler, so no mask cuts an escape.
 */
function readable(text: string): string {
  if (!text.includes("\\")) return text;
  const filler = (e: string) => (e === "\\\\" ? e : e === '\\"' ? '\x00"' : " ".repeat(e.length));
  return text.replace(/\\(?:u[0-9a-fA-F]{4}|[nrtbf"\\])/g, filler);
}

const FILLER = /[ \x00]/;

function findHits(text: string): Hit[] {
  const view = readable(text);
  const taken = new Uint8Array(text.length);
  const hits: Hit[] = [];
  const take = (h: Hit) => {
    while (h.start < h.end && FILLER.test(view[h.start])) h.start++;
    while (h.end > h.start && FILLER.test(view[h.end - 1])) h.end--;
    if (h.end <= h.start) return;
    for (let i = h.start; i < h.end; i++) if (taken[i]) return;
    taken.fill(1, h.start, h.end);
    hits.push(h);
  };
  for (const m of each(PLACEHOLDER, view)) take({ start: m.index, end: m.index + m[0].length, kind: null });
  for (const find of FINDERS) for (const h of find(view)) take(h);
  return hits.filter((h) => h.kind !== null).sort((a, b) => a.start - b.start);
}

/** How a value is recognised again when written another way: emails in any case, numbers by their digits. */
function sameValue(kind: RedactionKind, value: string): string {
  if (kind === "email") return value.toLowerCase();
  if (kind === "phone") return (value.startsWith("+") ? "+" : "") + value.replace(/\D/g, "");
  if (kind === "iban") return value.replace(/ /g, "");
  return value;
}

function preview(value: string): string {
  const chars = Array.from(value);
  const head = chars.length >= 8 ? chars.slice(0, 2).join("") : "";
  return `${head}…(${chars.length} ${chars.length === 1 ? "char" : "chars"})`;
}

/** Placeholders written in `text` already (not ours to hand out again). */
function placeholdersIn(text: string, into: Set<string>): Set<string> {
  for (const m of each(PLACEHOLDER, text)) into.add(m[0]);
  return into;
}

/**
 * Hands out placeholders: the one `seen` holds for a value (keyed by the value as written; the same value written
 * another way, "Bob@Acme.io", joins it under its own key), or the kind's next number that nobody uses yet.
 */
function numbering(seen: Map<string, Masked>, avoid: Set<string>) {
  const used = new Set<string>(avoid);
  const counts = new Map<RedactionKind, number>();
  const known = new Map<string, Masked>();
  for (const [value, m] of seen) {
    if (!used.has(m.placeholder)) counts.set(m.kind, (counts.get(m.kind) ?? 0) + 1);
    used.add(m.placeholder);
    known.set(`${m.kind}:${sameValue(m.kind, value)}`, m);
  }
  return (kind: RedactionKind, value: string): Masked => {
    const key = `${kind}:${sameValue(kind, value)}`;
    let entry = seen.get(value) ?? known.get(key);
    if (!entry) {
      let n = (counts.get(kind) ?? 0) + 1;
      while (used.has(`[${LABELS[kind]} ${n}]`)) n++;
      entry = { kind, placeholder: `[${LABELS[kind]} ${n}]`, preview: preview(value) };
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
      used.add(entry.placeholder);
      known.set(key, entry);
    }
    if (!seen.has(value)) seen.set(value, entry);
    return entry;
  };
}

/** The text with every hit replaced; `seen` gains the new values. */
function redactWith(text: string, seen: Map<string, Masked>, avoid: Set<string>): Redaction {
  const hits = findHits(text);
  if (!hits.length) return { text, masked: [] };
  const placeholder = numbering(seen, avoid);
  const masked = new Map<string, Masked>();
  const out: string[] = [];
  let at = 0;
  for (const h of hits) {
    const entry = placeholder(h.kind as RedactionKind, text.slice(h.start, h.end));
    if (!masked.has(entry.placeholder)) masked.set(entry.placeholder, entry);
    out.push(text.slice(at, h.start), entry.placeholder);
    at = h.end;
  }
  out.push(text.slice(at));
  return { text: out.join(""), masked: [...masked.values()] };
}

/**
 * Masks one string. `seen` (optional) carries placeholders across calls so the same value gets the same placeholder
 * in one request.
 */
export function redactText(text: string, seen: Map<string, Masked> = new Map()): Redaction {
  return redactWith(text, seen, placeholdersIn(text, new Set()));
}

const WHOLE_PLACEHOLDER = new RegExp(`^${PLACEHOLDER.source}$`);

/** A string under a credential key ({ password: "…" }) is masked whole, unless a finder took all of it already. */
function redactWhole(text: string, seen: Map<string, Masked>, avoid: Set<string>): Redaction {
  const value = text.trim();
  const hits = findHits(text);
  const takenWhole = hits.length === 1 && text.slice(hits[0].start, hits[0].end) === value;
  const keep = !value || takenWhole || NOT_A_VALUE.test(value) || WHOLE_PLACEHOLDER.test(value);
  if (keep) return redactWith(text, seen, avoid);
  const entry = numbering(seen, avoid)("password", value);
  const start = text.indexOf(value);
  return { text: text.slice(0, start) + entry.placeholder + text.slice(start + value.length), masked: [entry] };
}

function collectPlaceholders(value: unknown, into: Set<string>, depth = 0): void {
  if (typeof value === "string") placeholdersIn(value, into);
  else if (value !== null && typeof value === "object" && depth < 100) {
    for (const v of Array.isArray(value) ? value : Object.values(value)) collectPlaceholders(v, into, depth + 1);
  }
}

/**
 * Masks every string inside a JSON-like value (objects, arrays, strings; numbers/booleans/null untouched; object KEYS
 * untouched), returning a new value and the list of distinct masked values (one entry per distinct value, in
 * first-seen order). A Date is kept as it is; any other object is walked like a plain one (what JSON.stringify
 * would send of it), and a string under a credential key ("password", "apiKey", "client_secret") is masked whole.
 */
export function redactValue<T>(value: T, seen: Map<string, Masked> = new Map()): { value: T; masked: Masked[] } {
  const avoid = new Set<string>();
  collectPlaceholders(value, avoid);
  const masked = new Map<string, Masked>();
  const note = (r: Redaction) => {
    for (const m of r.masked) if (!masked.has(m.placeholder)) masked.set(m.placeholder, m);
    return r.text;
  };
  const walk = (v: unknown, credential: boolean): unknown => {
    if (typeof v === "string") return note(credential ? redactWhole(v, seen, avoid) : redactWith(v, seen, avoid));
    if (Array.isArray(v)) return v.map((item) => walk(item, credential));
    if (v === null || typeof v !== "object" || v instanceof Date) return v;
    const json = (v as { toJSON?: unknown }).toJSON;
    if (typeof json === "function") return walk(json.call(v), credential);
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(v)) out[k] = walk(item, isCredentialLabel(k));
    return out;
  };
  return { value: walk(value, false) as T, masked: [...masked.values()] };
}
