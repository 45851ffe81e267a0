import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The layers and which imports between them are allowed are checked by dependency-cruiser
// (.dependency-cruiser.cjs, docs/ARCHITECTURE.md); these rules keep what an import check cannot see.

const NO_SQL = { selector: "TaggedTemplateExpression", message: "SQL is written only in lib/db/<entity>.ts: add or call a function there." };
// Every route handler answers errors with the one contract's rendering (lib/commands/route.ts errorResponse).
const NO_ERROR_BODY = {
  selector: "CallExpression[callee.property.name='json'] > ObjectExpression.arguments:first-child > Property[key.name='error']",
  message: "Answer errors with errorResponse(new AppError(code, message)) or routeError(e, name) from lib/commands/route: one JSON contract for every route.",
};
// An action file is a list of one-liners: `export const xAction = serveAction(aCommand);` (lib/commands).
const ACTION_FILE = "An action file only imports commands and exports `serveAction(command)` one-liners: write the command in lib/<feature>/commands.ts.";
const ONLY_COMMANDS = [
  { selector: "Program > :not(ImportDeclaration, ExportNamedDeclaration, ExpressionStatement[directive])", message: ACTION_FILE },
  { selector: "ExportNamedDeclaration[declaration=null], ExportNamedDeclaration > :not(VariableDeclaration)", message: ACTION_FILE },
  { selector: "ExportNamedDeclaration > VariableDeclaration > VariableDeclarator:not([init.type='CallExpression'][init.callee.name=/^serve(Form)?Action$/][init.arguments.length=1][init.arguments.0.type='Identifier'])", message: ACTION_FILE },
];
// lib/db speaks SQL only: it returns rows, nulls and counts, and the feature's service (lib/<feature>/) decides
// what is refused and in which words (docs/ARCHITECTURE.md, "Write a query").
const DB_REFUSES_NOTHING = "lib/db returns rows, nulls and counts: refuse (AppError, notFound, refuseIf) in the feature's service, lib/<feature>/, which reads them.";
const NO_REFUSAL_IMPORTS = [
  { group: ["@/lib/platform/errors", "**/platform/errors"], message: DB_REFUSES_NOTHING },
  { group: ["next/navigation"], importNames: ["notFound", "redirect"], message: DB_REFUSES_NOTHING },
];
const NO_REFUSALS = [
  { selector: "NewExpression[callee.name='AppError'], CallExpression[callee.name=/^(notFound|refuseIf|databaseError)$/]", message: DB_REFUSES_NOTHING },
];
// Every query function takes the transaction first and ONE object of named arguments: `(tx)` or `(tx, { … })`.
const QUERY_FUNCTION = ":matches(ExportNamedDeclaration > FunctionDeclaration, ExportNamedDeclaration > VariableDeclaration > VariableDeclarator > ArrowFunctionExpression.init)";
const NAMED_ARGUMENTS = "A lib/db function takes (tx) or (tx, { named }): one destructured object of named arguments after the transaction.";
const ONLY_NAMED_ARGUMENTS = [
  { selector: `${QUERY_FUNCTION}[params.length>2]`, message: NAMED_ARGUMENTS },
  { selector: `${QUERY_FUNCTION} > .params:nth-child(2):not(ObjectPattern, AssignmentPattern[left.type='ObjectPattern'])`, message: NAMED_ARGUMENTS },
];
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
      "no-restricted-syntax": ["error", NO_SQL, NO_ERROR_BODY],
      "no-restricted-imports": ["error", { paths: NO_DB_CLIENT }],
    },
  },
  {
    // lib/db speaks SQL only: no refusals (the services decide), and every query takes (tx, { named }).
    files: ["lib/db/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: NO_REFUSAL_IMPORTS }],
      "no-restricted-syntax": ["error", ...NO_REFUSALS],
    },
  },
  {
    // The connection helpers (asUser, asService, withServiceRole, the pool's settings, migrations) are not queries.
    files: ["lib/db/**/*.ts"],
    ignores: ["lib/db/index.ts", "lib/db/connection.ts", "lib/db/connection-settings.ts", "lib/db/migrate.ts", "lib/db/group.ts"],
    rules: { "no-restricted-syntax": ["error", ...NO_REFUSALS, ...ONLY_NAMED_ARGUMENTS] },
  },
  {
    files: ["app/**/actions.ts"],
    rules: { "no-restricted-syntax": ["error", NO_SQL, ...ONLY_COMMANDS] },
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
