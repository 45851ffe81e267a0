import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The layers and which imports between them are allowed are checked by dependency-cruiser
// (.dependency-cruiser.cjs, docs/ARCHITECTURE.md); these rules keep what an import check cannot see.

const NO_SQL = { selector: "TaggedTemplateExpression", message: "SQL is written only in lib/db/<entity>.ts: add or call a function there." };
const NO_DB_CLIENT = [
  { name: "postgres", message: "The database client lives in lib/db: use asUser/asService and a lib/db/<entity>.ts function." },
  { name: "@/lib/db", importNames: ["sql"], message: "The connection pool is lib/db's own: use asUser/asService." },
];

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", ".data/**", "node_modules/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "bench/results/**"] },
  {
    rules: {
      "react/no-unescaped-entities": "off",
      // `{ clientId, ...rest }` drops a field on purpose.
      "@typescript-eslint/no-unused-vars": ["warn", { ignoreRestSiblings: true, argsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["lib/**/*.ts"],
    rules: { "no-console": "error" },
  },
  {
    // The product writes no SQL and holds no connection outside lib/db (scripts in lib/dev start databases).
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.ts", "proxy.ts"],
    ignores: ["lib/db/**", "lib/dev/**"],
    rules: {
      "no-restricted-syntax": ["error", NO_SQL],
      "no-restricted-imports": ["error", { paths: NO_DB_CLIENT }],
    },
  },
  {
    // lib/domain is pure: no I/O, no framework, no clock.
    files: ["lib/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: NO_DB_CLIENT, patterns: ["@/lib/db*", "@/lib/auth*", "@/lib/billing*", "@/lib/ai*", "next/*", "stripe", "@anthropic-ai/*"] }],
      "no-restricted-syntax": ["error", NO_SQL, { selector: "MemberExpression[object.name='Date'][property.name='now']", message: "Pass `now` in." }],
    },
  },
  {
    // Components render; they never reach the database, billing or AI directly.
    files: ["components/**/*.tsx", "components/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: [{ group: ["@/lib/db", "@/lib/db/*", "@/lib/billing*", "@/lib/ai*"], allowTypeImports: true }] }],
    },
  },
];

export default config;
