// Claims a model's words may not make. Money is the portal's business, never the prose's: prices, charges,
// fees, bills, invoices, payments, refunds, discounts, credits, anything "free", the retainer and the month's
// balance are rendered by the portal from its own records. And an answer that talks about its instructions
// has been steered by the data it was given (an entry description, a roadmap title).
//
// Matching is on words, after normalization (see prose.ts), so a claim cannot hide behind case, full-width
// letters, zero-width characters or spacing ("f r e e"). It is deliberately blunt: a feature named
// "Fuel surcharge calculator" must be described in other words. A refused answer is retried once with the
// reason, and the rendered facts still list every roadmap title as written.

export interface Claim {
  kind: "claim" | "balance" | "injection";
  /** The words that made the claim, lower-cased. */
  words: string;
}

// Everyday phrases that contain a billing word but say nothing about money.
const HARMLESS = [
  /\bfeel\s+free\b/g,
  /\bfree(?:s|d|ing)?\s+up\b/g,
  /\b(?:error|bug|hassle|worry|stress|paper|hands|downtime|crash|glitch|lock|spam|jargon|clutter)-free\b/g,
  /\b(?:in|take|takes|taking|took|taken)\s+charge\b/g,
  /\bpay(?:s|ing)?\s+attention\b/g,
  /\bdue\s+to\b/g,
];

const BILLING = new RegExp(
  "\\b(?:" + [
    "free(?:bies?)?", "gratis", "complimentary", "on\\s+the\\s+house", "no\\s+cost", "costs?", "costing", "costly",
    "prices?", "priced", "pricing", "charge[sd]?", "charging", "surcharges?", "fees?",
    "bills?", "billed", "billing", "billable", "invoice[sd]?", "invoicing",
    "pay", "pays", "paying", "payments?", "payable", "paid", "prepaid", "unpaid", "overpaid", "underpaid", "repa(?:y|id)\\w*",
    "refund\\w*", "reimburs\\w*", "rebates?", "discount\\w*", "waiv(?:e|ed|es|er|ing)", "credit(?:s|ed)?",
    "owe[sd]?", "owing", "debts?", "overdue", "(?:nothing|amount|balance|payment|total)\\s+(?:is\\s+)?due",
    "money", "cash", "budget\\w*", "expens\\w*", "cheap\\w*", "affordab\\w*", "savings",
    "dollars?", "euros?", "cents?", "bucks", "quid", "sterling", "yen", "usd", "nzd", "aud", "eur", "gbp", "jpy", "cad",
    "retainers?", "overages?", "hourly\\s+rates?", "day\\s+rates?",
  ].join("|") + ")\\b",
  "g",
);
const CURRENCY = /[$€£¥₹₩₽¢]/g;

// The month's balance, in words: what is left, what is included, whether it runs out.
const BALANCE = [
  /\b(?:included|remaining|unused|spare|leftover|monthly|available|prepaid)\s+(?:hours?|minutes?|time|allowance|balance)\b/g,
  /\b(?:hours?|minutes?|allowance|balance)\s+(?:(?:is|are|was|were|will\s+be)\s+)?(?:left|remain\w*|to\s+spare|unused|available|(?:nearly\s+|almost\s+|all\s+)?(?:used\s+up|gone|exhausted|spent))\b/g,
  /\b(?:run|runs|running|ran)\s+out\b/g,
  /\b(?:within|under|over|past|exceed\w*|beyond|surpass\w*)\s+(?:the\s+|your\s+|our\s+|its\s+)?(?:included\s+|monthly\s+|agreed\s+)?(?:hours|allowance|limit)\b/g,
  /\bon\s+(?:pace|track)\s+(?:for|to\s+use)\b/g,
];

const INJECTION = [
  /\b(?:ignore|disregard|forget|override)\s+(?:(?:all|any|the|your|these|those|my|of)\s+)*(?:(?:previous|prior|above|earlier|preceding|original|system|other)\s+)?(?:instructions?|rules|prompts?|directions|guidelines)\b/g,
  /\bsystem\s+(?:prompt|message)\b/g,
  /\bnew\s+instructions?\b/g,
  /\bas\s+an\s+ai\b/g,
  /\blanguage\s+model\b/g,
  /\bjailbreak\w*\b/g,
  /\bdeveloper\s+mode\b/g,
  /\bprompt\s+injection\b/g,
  /<\s*\/?\s*facts\s*>/g,
];

/** Letters spaced out to dodge a word match ("f r e e", "f.r.e.e") are joined back into the word. */
function joinSpacedLetters(t: string): string {
  return t.replace(/\b\p{L}(?:[\s.\-_*·]+\p{L}\b){2,}/gu, (m) => m.replace(/[\s.\-_*·]+/g, ""));
}

/** The claims `text` (already normalized) makes, each once. */
export function claimsIn(text: string): Claim[] {
  const out = new Map<string, Claim>();
  const add = (kind: Claim["kind"], words: string) => out.set(`${kind}:${words}`, { kind, words });
  let t = text.toLowerCase();
  for (const re of INJECTION) for (const m of t.matchAll(re)) add("injection", m[0]);
  for (const re of BALANCE) for (const m of t.matchAll(re)) add("balance", m[0]);
  for (const m of t.matchAll(CURRENCY)) add("claim", m[0]);
  for (const re of HARMLESS) t = t.replace(re, (m) => " ".repeat(m.length));
  for (const variant of new Set([t, joinSpacedLetters(t)])) for (const m of variant.matchAll(BILLING)) add("claim", m[0].replace(/\s+/g, " "));
  return [...out.values()];
}
