import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

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
    // lib/domain is pure: no I/O, no framework, no clock.
    files: ["lib/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["@/lib/db*", "@/lib/auth*", "@/lib/billing*", "@/lib/ai*", "next/*", "stripe", "@anthropic-ai/*", "postgres"] }],
      "no-restricted-syntax": ["error", { selector: "MemberExpression[object.name='Date'][property.name='now']", message: "Pass `now` in." }],
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
