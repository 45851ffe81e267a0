// The layers of docs/ARCHITECTURE.md as rules: `npm run lint` (and so `npm test`'s lint stage) fails on an
// import that crosses them the wrong way. `npm run lint:imports` alone.
const SERVICES = "^lib/(actions|ai|auth|billing|clients|hours|mail|pages|roadmap|staff|updates)/";
// Entry points that run outside the app (the runner, the test command, the seed, `npm run staff`) and the
// bench twins and dev mailbox routes: they may use the product; the product never uses them.
const SCRIPTS = "^(lib/dev/|lib/[^/]+/cli\\.ts$|app/bench/|app/dev/)";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "Modules form a tree of layers: a cycle means two modules belong together or a piece belongs lower.",
      severity: "error",
      from: { path: "^(app|components|lib)/" },
      to: { circular: true },
    },
    {
      name: "domain-is-pure",
      comment: "lib/domain holds the rules: plain functions of their arguments, importing only other rules and shared types.",
      severity: "error",
      from: { path: "^lib/domain/" },
      to: { pathNot: "^lib/(domain|types)/" },
    },
    {
      name: "types-are-types",
      comment: "lib/types holds shapes only: type imports of rules and other shapes, no runtime code.",
      severity: "error",
      from: { path: "^lib/types/" },
      to: { dependencyTypesNot: ["type-only"] },
    },
    {
      name: "types-are-the-floor-of-the-rules",
      comment:
        "lib/types is the bottom of the data layers: shapes only, importing other shapes and the action state, never lib/domain. " +
        "lib/domain imports shapes from lib/types (and re-exports those it computes), so the arrow goes one way and the two never form a cycle.",
      severity: "error",
      from: { path: "^lib/types/" },
      to: { pathNot: "^lib/types/|^lib/commands/state\\.ts$" },
    },
    {
      name: "ai-is-generic",
      comment:
        "lib/ai is model access any feature can use (the Claude client, the prompt record, prose cleaning, claim, figure and phishing checks). " +
        "A feature's drafting lives in the feature (the weekly update's in lib/updates), so lib/ai never imports a feature or its shapes.",
      severity: "error",
      from: { path: "^lib/ai/" },
      to: { path: "^lib/(updates|hours|billing|clients|roadmap|staff|mail|auth|pages|commands|db)/|^lib/types/(updates|hours|pages|roadmap|clients)\\.ts$|^lib/domain/weekly\\.ts$" },
    },
    {
      name: "platform-is-the-floor",
      comment: "lib/platform (clock, env, errors, log) is used by every layer and uses none of them.",
      severity: "error",
      from: { path: "^lib/platform/" },
      to: { path: "^(app|components|lib)/", pathNot: "^lib/platform/" },
    },
    {
      name: "schemas-are-validation",
      comment: "Schemas (lib/schemas, lib/<feature>/schemas.ts) validate input with zod and the rules; they never read data.",
      severity: "error",
      from: { path: "^lib/(schemas/|[^/]+/schemas\\.ts$)" },
      to: { path: "^(app|components|lib)/", pathNot: "^lib/(schemas|domain|types|platform)/" },
    },
    {
      name: "db-is-the-bottom",
      comment: "lib/db writes SQL and nothing else: it may use rules, shared types and the platform, never a service.",
      severity: "error",
      from: { path: "^lib/db/" },
      to: { path: "^(app|components|lib)/", pathNot: "^lib/(db|domain|types|platform)/" },
    },
    {
      name: "only-db-connects",
      comment: "The database client is lib/db's own; everything else runs inside asUser/asService.",
      severity: "error",
      from: { path: "^(app|components|lib)/", pathNot: "^lib/(db|dev)/" },
      to: { path: "node_modules/postgres/" },
    },
    {
      name: "lib-never-imports-pages",
      comment: "Services and data never depend on routes or components.",
      severity: "error",
      from: { path: "^lib/", pathNot: "^lib/dev/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "components-render",
      comment: "Components render what they are given: rules, formatting and shared types only, never data or services.",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^lib/", pathNot: "^lib/(domain|format|types)/|^lib/commands/state\\.ts$" },
    },
    {
      name: "pages-load-through-views",
      comment:
        "A page or layout loads its data through one lib/pages view and renders it; components render what they are given. " +
        "Neither reads the database (lib/db), not even for a row type: views export the shapes they return, lib/types the shared ones.",
      severity: "error",
      from: { path: "^app/(page|layout)\\.tsx$|^app/.*/(page|layout)\\.tsx$|^components/", pathNot: SCRIPTS },
      to: { path: "^lib/db/" },
    },
    {
      name: "product-without-dev-code",
      comment: "Demo, dev and bench code stay outside the product's import graph.",
      severity: "error",
      from: { path: "^(app|components|lib)/|^(proxy|instrumentation)\\.ts$", pathNot: SCRIPTS },
      to: { path: "^(lib/dev/|lib/[^/]+/cli\\.ts$|bench/|tests/|app/bench/|app/dev/)" },
    },
    {
      name: "services-not-from-dev-pages",
      comment: "Routes reach services; services do not reach route files (server actions live with their route).",
      severity: "error",
      from: { path: SERVICES },
      to: { path: "^app/" },
    },
    {
      name: "bench-is-its-own",
      comment: "The benchmark uses the product, the test doubles and shared test support, never a test suite.",
      severity: "error",
      from: { path: "^bench/" },
      to: { path: "^tests/", pathNot: "^tests/(doubles|support)/" },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(\\.next|node_modules|test-results|playwright-report|bench/results)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"], extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".d.ts"] },
    combinedDependencies: false,
  },
};
