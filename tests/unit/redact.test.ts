// Redaction before anything is sent to the model (lib/ai/redact.ts): the corpus of what must be masked (contact
// details, credentials in URLs, keys and tokens, labelled passwords, IBANs) and of ordinary work-log text that must
// come back byte-identical, then placeholders (numbering, `seen`, idempotence), nested values, random sentences and
// hostile input that must stay linear.
//
// The keys below are fake, and assembled from parts so that no scanner takes this file for a leak.
import { seededRandom } from "@/lib/dev/random";
import { describe, expect, it } from "vitest";
import { type Masked, type RedactionKind, redactText, redactValue } from "@/lib/ai/redact";

const j = (...parts: string[]) => parts.join("");

const STRIPE_LIVE = j("sk_", "live_", "51NzQ8rKq2vX7mH4pT9cW3bY6dJ1fL0gA5sE8uR2iOw");
const STRIPE_TEST = j("sk_", "test_", "4eC39HqLyjWDarjtT1zdp7dc");
const STRIPE_RESTRICTED = j("rk_", "live_", "51NzQ8rKq2vX7mH4pT9cW3bY6dJ");
const STRIPE_WEBHOOK = j("whsec_", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLSYb");
const ANTHROPIC = j("sk-", "ant-api03-", "Xk3q9Lm2Np7Rt4Vw8Yz1Bc5Df6Gh0Jk-Qs2Tu3Vw4Xy5Za6AA");
const OPENAI = j("sk-", "proj-", "7Yt2Kp9Lm3Nq8Rs4Tu1Vw6Xy0Za5Bc");
const GITHUB_CLASSIC = j("ghp_", "16C7e42F292c6912E7710c838347Ae178B4a");
const GITHUB_FINE = j("github_", "pat_", "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEF0123456789abcdef");
const GITHUB_OAUTH = j("gho_", "9xY2zQ8wE3rT5uI7oP1aS4dF6gH0jK2lZ3xC");
const AWS_KEY_ID = j("AKIA", "Z3M4N5P6Q7R8S9T0");
const AWS_SECRET = j("wJalrXUtnFEMI", "/K7MDENG/bPxRfiCYEXAMPLEKEY");
const SLACK_BOT = j("xoxb-", "2642859214-4726389101234-Kq8Wz3Lm9Np2Rt7Vx4Yb1Cd");
const SLACK_USER = j("xoxp-", "2642859214-2642859215-4726389101234-8f3a2c1d9e7b6a5f4e3d2c1b0a9f8e7d");
const SLACK_WEBHOOK = j("https://hooks.slack.com/services/", "T0A1B2C3D/B4E5F6G7H/", "Xq7pL2mN9vR4tW8yB3cF6hJ1");
const JWT = j(
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.",
  "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.",
  "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
);
const GOOGLE = j("AIza", "SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY");
const GITLAB = j("glpat-", "xY7zQ9wE3rT5uI8oP1aS");
const NPM = j("npm_", "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8");
const SENDGRID = j("SG.", "ngeVfQFYQlKU0ufo8x5d1A.", "TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-1s5cr");
const BEARER = "Zm9vYmFyLXRva2VuLTEyMzQ1Njc4OTA";
const BASIC = btoa("admin:hunter2");
const RANDOM_TOKEN = "Xq7pL2mN9vR4tW8yB3cF6hJ1kD5gS0aZ";
const PEM = j(
  "-----BEGIN RSA ",
  "PRIVATE KEY-----\nMIIEowIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi7Z8vXqGW5C8Bq\n",
  "Vk2mQ9yPzQ1nJ8cW3bY6dJ1fL0gA5sE8uR2iOwXq7pL2mN9vR4tW8\n-----END RSA ",
  "PRIVATE KEY-----",
);
const PEM_CUT = j(
  "-----BEGIN OPENSSH ",
  "PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n",
);

interface Positive {
  name: string;
  text: string;
  /** What must not survive in the output. */
  raw: string;
  kind: RedactionKind;
  /** The whole output, where it is worth pinning. */
  expected?: string;
}

/** [name, text, raw, expected?] */
type Row = [string, string, string, string?];

const rows = (kind: RedactionKind, list: Row[]): Positive[] =>
  list.map(([name, text, raw, expected]) => ({ name: `${kind}: ${name}`, text, raw, kind, expected }));

const POSITIVES: Positive[] = [
  ...rows("email", [
    ["an address", "mailed bob@acme.io about the invoice", "bob@acme.io", "mailed [email 1] about the invoice"],
    ["plus-addressing", "cc jane.doe+retainer@harbor-pine.co.nz", "jane.doe+retainer@harbor-pine.co.nz"],
    ["subdomains", "ops@mail.eu.acme.example.com asked for logs", "ops@mail.eu.acme.example.com"],
    ["capitals", "Contact: ALICE.SMITH@ACME.COM", "ALICE.SMITH@ACME.COM"],
    ["angle brackets", "From: Bob Smith <bob_smith@acme.io>", "bob_smith@acme.io", "From: Bob Smith <[email 1]>"],
    ["a mailto: link", "[write](mailto:lee@harborpine.com)", "lee@harborpine.com", "[write](mailto:[email 1])"],
    ["the end of a sentence", "Sent it to mail.user_01@sub.acme-corp.org.", "user_01@sub", "Sent it to [email 1]."],
  ]),
  ...rows("phone", [
    ["US, international", "Call +1 (415) 555-0134 after 3pm", "555-0134", "Call [phone 1] after 3pm"],
    ["NZ mobile, international", "his mobile is +64 21 555 0199.", "555 0199", "his mobile is [phone 1]."],
    ["UK, international", "London office: +44 20 7946 0958", "7946 0958"],
    ["NZ mobile, national", "text 021-555-0199 when deployed", "021-555-0199"],
    ["NZ landline, spaces", "call 09 555 0199 tomorrow", "555 0199", "call [phone 1] tomorrow"],
    ["US, parentheses", "(415) 555-0134 is the support line", "555-0134", "[phone 1] is the support line"],
    ["US, dots", "phone 415.555.0134", "415.555.0134"],
    ["US, leading 1", "dial 1-415-555-0134", "415-555-0134", "dial [phone 1]"],
    ["international, no separators", "[call](tel:+14155550134)", "4155550134", "[call](tel:[phone 1])"],
    ["French pairs", "Paris: +33 1 23 45 67 89", "23 45 67 89"],
  ]),
  ...rows("url-credentials", [
    ["https", "via https://deploy:hunter2@staging.example.com/admin", "hunter2", "via [url with credentials 1]"],
    ["postgres", "DATABASE_URL is postgres://app:s3cret@db.example.com:5432/prod", "s3cret"],
    ["redis, password only", "(redis://:token123@cache.internal:6379)", "token123", "([url with credentials 1])"],
    ["a token as git user", `clone https://x-access-token:${GITHUB_CLASSIC}@github.com/acme/portal`, GITHUB_CLASSIC],
    ["mongodb+srv", "mongodb+srv://admin:p%40ss@cluster0.example.net/db?retryWrites=true", "p%40ss"],
  ]),
  ...rows("secret", [
    ["Stripe live key", `set STRIPE_KEY to ${STRIPE_LIVE} today`, STRIPE_LIVE, "set STRIPE_KEY to [secret 1] today"],
    ["Stripe test key", `test key ${STRIPE_TEST}`, STRIPE_TEST],
    ["Stripe restricted key", `restricted: ${STRIPE_RESTRICTED}`, STRIPE_RESTRICTED],
    ["Stripe webhook secret", `webhook signing ${STRIPE_WEBHOOK}`, STRIPE_WEBHOOK],
    ["Anthropic key", `ANTHROPIC_API_KEY was ${ANTHROPIC}`, ANTHROPIC],
    ["OpenAI-style key", `old key ${OPENAI} revoked`, OPENAI],
    ["GitHub classic token", `CI uses ${GITHUB_CLASSIC}`, GITHUB_CLASSIC],
    ["GitHub fine-grained token", `pat ${GITHUB_FINE}.`, GITHUB_FINE],
    ["GitHub OAuth token", `oauth ${GITHUB_OAUTH}`, GITHUB_OAUTH],
    ["AWS access key id", `aws id ${AWS_KEY_ID} in us-east-1`, AWS_KEY_ID],
    ["Slack bot token", `bot ${SLACK_BOT}`, SLACK_BOT],
    ["Slack user token", `user ${SLACK_USER}`, SLACK_USER],
    ["Slack webhook URL", `alerts go to ${SLACK_WEBHOOK}`, "Xq7pL2mN9vR4tW8yB3cF6hJ1"],
    ["JWT", `session cookie was ${JWT} (expired)`, JWT.split(".")[2], "session cookie was [secret 1] (expired)"],
    ["Google API key", `maps key ${GOOGLE}`, GOOGLE],
    ["GitLab token", `gitlab ${GITLAB}`, GITLAB],
    ["npm token", `//registry.npmjs.org/:_authToken=${NPM}`, NPM],
    ["SendGrid key", `mail via ${SENDGRID}`, SENDGRID],
    ["Bearer token", `curl -H "Authorization: Bearer ${BEARER}"`, BEARER, `curl -H "Authorization: Bearer [secret 1]"`],
    ["Basic credentials", `Authorization: Basic ${BASIC}`, BASIC, "Authorization: Basic [secret 1]"],
    ["PEM private key", `key:\n${PEM}\nthen restarted`, "MIIEowIBAAKCAQEA", "key:\n[secret 1]\nthen restarted"],
    ["PEM block cut off", `pasted ${PEM_CUT}by mistake`, "b3BlbnNzaC1rZXkt", "pasted [secret 1]\nby mistake"],
    ["random token", `leaked ${RANDOM_TOKEN} in the build log`, RANDOM_TOKEN, "leaked [secret 1] in the build log"],
    ["random path segment", `https://vercel.com/a/${RANDOM_TOKEN}`, RANDOM_TOKEN, "https://vercel.com/a/[secret 1]"],
  ]),
  ...rows("password", [
    ["password: value", "password: hunter2", "hunter2", "password: [password 1]"],
    ["password=value", "tried password=Tr0ub4dor!3 on it", "Tr0ub4dor!3", "tried password=[password 1] on it"],
    ["pwd=", "pwd=letmein42", "letmein42", "pwd=[password 1]"],
    ["passwd:", "passwd: qwerty123", "qwerty123"],
    ["JSON", `{"user": "ann", "password": "correct horse"}`, "horse", `{"user": "ann", "password": "[password 1]"}`],
    ["secret=", "secret=abc123xyz", "abc123xyz"],
    ["api_key=", "api_key=9f8e7d6c5b4a", "9f8e7d6c5b4a", "api_key=[password 1]"],
    ["token:", "token: 4f1c2a9e", "4f1c2a9e"],
    ["an env variable", "DB_PASSWORD=s3cr3t!", "s3cr3t!", "DB_PASSWORD=[password 1]"],
    ["YAML client_secret", "client_secret: 'Zx9-secret-value'", "Zx9-secret-value", "client_secret: '[password 1]'"],
    ["a query string", "https://x.io/?token=abc123def456&x=1", "abc123", "https://x.io/?token=[password 1]&x=1"],
    ["a labelled AWS secret", `aws_secret_access_key = ${AWS_SECRET}`, AWS_SECRET],
    ["a bold Markdown label", "**Password:** Summer2026", "Summer2026", "**Password:** [password 1]"],
  ]),
  ...rows("iban", [
    ["German, in groups", "pay to DE89 3704 0044 0532 0130 00 by Friday", "0532 0130", "pay to [IBAN 1] by Friday"],
    ["UK", "IBAN GB82WEST12345698765432.", "GB82WEST12345698765432", "IBAN [IBAN 1]."],
    ["Dutch", "NL91ABNA0417164300", "NL91ABNA0417164300"],
    ["UK, in groups", "GB82 WEST 1234 5698 7654 32", "5698 7654"],
    ["French, followed by a year", "FR14 2004 1010 0505 0001 3M02 606 2026", "0505 0001", "[IBAN 1] 2026"],
  ]),
];

const UUID = "3f2b8c1e-9a4d-4e2b-8c1a-2b3c4d5e6f70";
const SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8";

const NEGATIVES: string[] = [
  UUID,
  `entry ${UUID} was edited`,
  "2026-12-07",
  "2026-12-07T18:40:44Z",
  "1h30m on the migration",
  "2:45 on review",
  "$1,234.56",
  "NZD 4,500.00",
  "invoice INV-2026-0012 sent",
  "upgraded to v16.4.6",
  "fixed JIRA-1234 and #482",
  "commit 9fceb02",
  `commit ${SHA}`,
  `https://github.com/acme/portal/commit/${SHA}`,
  "edited lib/ai/claude.ts and tests/unit/redact.test.ts",
  "https://example.com/path?x=1",
  "the weekly_updates table and createCheckoutSession",
  "reset the password flow for the admin page",
  "rotated the token",
  "the API key page now shows when a secret was last used",
  "a Bearer token is required; Basic auth is off",
  "worked 2019-2026 on the platform",
  "20 hours",
  "40",
  "85% of the month used",
  "ZIP 94107",
  "12345",
  "09:00-17:30 on site",
  "## Week 49\n\n- **Done:** shipped `createCheckoutSession`\n- [ ] follow up with @alice",
  "thanks @alice and @bob.smith for the review",
  "react@19.0.0 and next@16.4.6",
  "git@github.com:acme/portal.git",
  "192.168.1.10 and 10.0.0.1",
  "12/07/2026 and 07.12.2026",
  "ISO 8601, RFC 3339, UTF-8",
  "2026-12-07 18:40 to 2026-12-07 20:10",
  "1,500 rows in 3.2s (p95 120ms)",
  "port 5432, 6379 and 8080-8081",
  "+20 hours this month",
  "UTC+13:00",
  "pk 1234 567 8901",
  "ids 100-200-300",
  "max_tokens: 1024",
  "token_count: 500",
  "bypass: true",
  "password: null",
  "components/RetainerHoursChart2026/WeeklyUpdateEditor.tsx",
  "k8s-cluster-2026-prod-eu-west-1-node-pool",
  "migrations/20261207184044_add_weekly_updates_table.sql",
  "DE12 is not an IBAN, nor is GB00WEST12345698765432",
  "sk-learn-is-a-python-library-for-ml",
  "3f2b8c1e-9a4d-4e2b-8c1a-2b3c4d5e6f70/4f2b8c1e-9a4d-4e2b-8c1a-2b3c4d5e6f70",
  "sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
  "password = readPassword(); token = process.env.API_TOKEN",
];

describe("the corpus", () => {
  it.each(POSITIVES)("masks $name", ({ text, raw, kind, expected }) => {
    const r = redactText(text);
    expect(r.text).not.toContain(raw);
    expect(r.masked.map((m) => m.kind)).toContain(kind);
    if (expected !== undefined) expect(r.text).toBe(expected);
    for (const m of r.masked) expect(r.text).toContain(m.placeholder);
  });

  it.each(NEGATIVES)("leaves %j alone", (text) => {
    expect(redactText(text)).toEqual({ text, masked: [] });
  });

  it("is as large as the issue asks", () => {
    expect(POSITIVES.length).toBeGreaterThanOrEqual(40);
    expect(NEGATIVES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(POSITIVES.map((p) => p.kind)).size).toBe(6);
  });
});

describe("placeholders", () => {
  it("gives the same value the same placeholder, and numbers each kind on its own", () => {
    const r = redactText("bob@acme.io, then Bob@Acme.io again, then ann@acme.io; password=hunter2, +64 21 555 0199");
    expect(r.text).toBe("[email 1], then [email 1] again, then [email 2]; password=[password 1], [phone 1]");
    expect(r.masked.map((m) => m.placeholder)).toEqual(["[email 1]", "[email 2]", "[password 1]", "[phone 1]"]);
  });

  it("carries numbers across calls through one seen map", () => {
    const seen = new Map<string, Masked>();
    expect(redactText("from ann@acme.io", seen).text).toBe("from [email 1]");
    const second = redactText("to bob@acme.io, cc ann@acme.io", seen);
    expect(second.text).toBe("to [email 2], cc [email 1]");
    expect(second.masked.map((m) => m.placeholder)).toEqual(["[email 2]", "[email 1]"]);
    // Without the map, each call starts again.
    expect(redactText("to bob@acme.io").text).toBe("to [email 1]");
  });

  it("previews two characters and the length, never the value", () => {
    const [key] = redactText(`key ${STRIPE_LIVE}`).masked;
    expect(key).toEqual({ kind: "secret", placeholder: "[secret 1]", preview: `sk…(${STRIPE_LIVE.length} chars)` });
    const [short] = redactText("password: hunter2").masked;
    expect(short.preview).toBe("…(7 chars)");
    for (const p of POSITIVES) {
      for (const m of redactText(p.text).masked) {
        expect(m.preview).toMatch(/^[^…]{0,2}…\(\d+ chars?\)$/u);
        expect(m.preview).not.toContain(p.raw);
      }
    }
  });

  it("leaves placeholders in the input alone: redacting twice changes nothing", () => {
    for (const { text } of POSITIVES) {
      const once = redactText(text).text;
      expect(redactText(once)).toEqual({ text: once, masked: [] });
    }
    const all = POSITIVES.map((p) => p.text).join("\n");
    const once = redactText(all).text;
    expect(redactText(once).text).toBe(once);
  });

  it("keys seen by the value as written, so an answer's placeholders can be put back", () => {
    const seen = new Map<string, Masked>();
    redactText(`Bob@Acme.io and bob@acme.io, key ${STRIPE_TEST}, password: hunter2`, seen);
    expect([...seen].map(([value, m]) => [value, m.placeholder])).toEqual([
      ["Bob@Acme.io", "[email 1]"],
      ["bob@acme.io", "[email 1]"],
      [STRIPE_TEST, "[secret 1]"],
      ["hunter2", "[password 1]"],
    ]);
  });

  it("does not hand out a placeholder the input already holds", () => {
    expect(redactText("[email 1] wrote to bob@acme.io").text).toBe("[email 1] wrote to [email 2]");
  });
});

describe("data sent as JSON", () => {
  // lib/ai/prompt puts data in the message as JSON: values sit right after escapes, and the JSON must stay valid.
  const json = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

  it.each([
    ["a phone number after a newline", { d: "Call Bob:\n+64 21 555 0199" }, { d: "Call Bob:\n[phone 1]" }],
    ["an email after an escaped <", { d: "From: <bob@acme.io>" }, { d: "From: <[email 1]>" }],
    ["a label after a tab", { d: "note\tpassword: hunter2" }, { d: "note\tpassword: [password 1]" }],
    ["a quoted value inside a string", { d: 'password: "hunter2"' }, { d: 'password: "[password 1]"' }],
    ["a key after a newline", { d: `done\n${STRIPE_LIVE}` }, { d: "done\n[secret 1]" }],
    ["JSON inside a string", { d: JSON.stringify({ token: "abc123def456" }) }, { d: '{"token":"[password 1]"}' }],
  ])("masks %s and keeps the JSON valid", (_, value, expected) => {
    const r = redactText(json(value));
    expect(JSON.parse(r.text)).toEqual(expected);
  });

  it("leaves escapes alone where nothing is masked", () => {
    const text = json({ d: "line one\nline two \"quoted\" <b> 100\\n" });
    expect(redactText(text)).toEqual({ text, masked: [] });
  });
});

describe("redactValue", () => {
  it("masks inside strings and leaves numbers, keys and ids", () => {
    const value = {
      facts: [{ description: `mailed bob@acme.io the key ${STRIPE_LIVE}`, minutes: 90, id: UUID, ok: true, at: null }],
      client: "Harbor & Pine",
      "bob@acme.io": 1,
    };
    const r = redactValue(value);
    expect(r.value).toEqual({
      facts: [{ description: "mailed [email 1] the key [secret 1]", minutes: 90, id: UUID, ok: true, at: null }],
      client: "Harbor & Pine",
      "bob@acme.io": 1,
    });
    expect(r.masked.map((m) => [m.kind, m.placeholder])).toEqual([["email", "[email 1]"], ["secret", "[secret 1]"]]);
    expect(value.facts[0].description).toContain("bob@acme.io"); // a new value: the input is not changed
  });

  it("lists each distinct value once, in first-seen order, across strings", () => {
    const r = redactValue(["ann@acme.io", { a: "bob@acme.io and ann@acme.io" }, ["bob@acme.io"]]);
    expect(r.value).toEqual(["[email 1]", { a: "[email 2] and [email 1]" }, ["[email 2]"]]);
    expect(r.masked.map((m) => m.placeholder)).toEqual(["[email 1]", "[email 2]"]);
  });

  it("masks a whole string under a credential key", () => {
    const value = { password: "correct horse", apiKey: STRIPE_TEST, token: "", tokens: 5, hasPassword: true, x: "pwd" };
    const r = redactValue(value);
    expect(r.value).toEqual({ ...value, password: "[password 1]", apiKey: "[secret 1]" });
    expect(r.masked.map((m) => m.kind)).toEqual(["password", "secret"]);
  });

  it("shares a seen map with redactText", () => {
    const seen = new Map<string, Masked>();
    redactText("ann@acme.io", seen);
    const r = redactValue({ to: "ann@acme.io", cc: "bob@acme.io" }, seen);
    expect(r.value).toEqual({ to: "[email 1]", cc: "[email 2]" });
  });
});


const WORDS = [
  "fixed", "the", "login", "flow", "reviewed", "PR", "for", "weekly", "updates", "migrated", "database", "to",
  "Postgres", "password", "reset", "token", "rotated", "secret", "key", "api", "invoice", "retainer", "hours", "client",
  "Harbor", "Pine", "deployed", "staging", "production", "on", "Friday", "with", "Stripe", "checkout", "webhook",
  "added", "tests",
  "refactored", "auth", "middleware", "cache", "Redis", "email", "template", "phone", "field", "validation", "IBAN",
  "form", "copy", "and", "a", "in", "of", UUID, SHA, "9fceb02", "2026-12-07", "2026-12-07T18:40:44Z", "1h30m", "2:45",
  "$1,234.56", "NZD", "4,500.00", "INV-2026-0012", "v16.4.6", "JIRA-1234", "#482", "lib/ai/claude.ts",
  "https://example.com/path?x=1", "weekly_updates", "createCheckoutSession", "2019-2026", "20", "40", "85%", "94107",
  "12345", "09:00-17:30", "@alice", "**done**", "`npm test`", "- [x]", "react@19.0.0", "(p95", "120ms)", "+20 hours",
];

describe("ordinary sentences", () => {
  it("never get masked (500 seeded sentences from work-log words)", () => {
    const random = seededRandom(20261207);
    const pick = <T,>(items: T[]) => items[Math.floor(random() * items.length)];
    for (let i = 0; i < 500; i++) {
      const length = 4 + Math.floor(random() * 16);
      const words = Array.from({ length }, () => pick(WORDS) + pick(["", "", "", ",", "."]));
      const sentence = words.join(pick([" ", " ", "\n"]));
      expect(redactText(sentence), sentence).toEqual({ text: sentence, masked: [] });
    }
  });
});

describe("performance", () => {
  it("redacts 200 KB of ordinary text with a known number of values in it", () => {
    const paragraph = [
      `Reviewed PR #482 (${SHA}) and fixed the weekly_updates query; 1h30m on 2026-12-07, entry ${UUID}.`,
      "Reset the password flow for the admin page, rotated the token, upgraded to v16.4.6 and re-ran lib/ai/claude.ts.",
      "Invoice INV-2026-0012 for NZD 4,500.00 ($1,234.56 of it extra) is due; 85% of the 40 hours used, 09:00-17:30.",
    ].join(" ");
    const parts: string[] = [];
    let size = 0;
    let contacts = 0;
    for (let i = 0; size < 200_000; i++) {
      const part = i % 10 === 0 ? `${paragraph} Mailed dev${++contacts}@example.com.` : paragraph;
      parts.push(part);
      size += part.length + 2;
    }
    const text = parts.join("\n\n");
    expect(text.length).toBeGreaterThanOrEqual(200_000);
    const r = redactText(text);
    expect(r.masked).toHaveLength(contacts);
    expect(r.masked.every((m) => m.kind === "email")).toBe(true);
    expect(r.text.length).toBe(text.length - sizeDelta(contacts));
  });

  it("stays linear on hostile input", () => {
    const n = 200_000;
    const cases: [string, number][] = [
      ["a".repeat(n), 0],
      ["1".repeat(n), 0],
      ["a@".repeat(n / 2), 0],
      ["a.".repeat(n / 2), 0],
      ["a=".repeat(n / 2), 0],
      ["+1 ".repeat(n / 3), 0],
      ["0 ".repeat(n / 2), 0],
      ["DE89 ".repeat(n / 5), 0],
      ["ab".repeat(n / 2), 0],
      ["-".repeat(n), 0],
      ["x://".repeat(n / 4), 0],
      ["x://" + "a".repeat(n), 0],
      [`"password": "${"\\".repeat(n)}`, 0],
      [`-----BEGIN RSA PRIVATE KEY----- ${"ab ".repeat(n / 3)}.`, 1],
      [`password=${"x".repeat(n)}`, 1],
      [`token: "${"y".repeat(n)}`, 0],
      [`secret: "${"a: '".repeat(n / 4)}`, 0],
      ["xY7".repeat(n / 3), 1],
      ["-----BEGIN RSA PRIVATE KEY-----\n".repeat(n / 32), 1],
      ["bob@acme.io ".repeat(n / 12), 1],
    ];
    for (const [text, count] of cases) expect(redactText(text).masked, text.slice(0, 20)).toHaveLength(count);
    // A long labelled value is masked to its end, not to some window of it.
    expect(redactText(`password=${"x".repeat(n)} done`).text).toBe("password=[password 1] done");
  });
});

/** How much shorter the text gets: each "devN@example.com" becomes "[email N]". */
function sizeDelta(contacts: number): number {
  let delta = 0;
  for (let i = 1; i <= contacts; i++) delta += `dev${i}@example.com`.length - `[email ${i}]`.length;
  return delta;
}
