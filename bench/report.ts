// The bench's results: every measure becomes a table row, printed as it is taken, and optionally raw figures
// under a key; at the end they are written to bench/results/latest.json and latest.md and the table printed.
import fs from "node:fs";

interface Row { measure: string; value: string; target: string; met?: boolean }
const rows: Row[] = [];
const results: Record<string, unknown> = {};

export function record(measure: string, value: string, opts: { target?: string; met?: boolean; key?: string; raw?: unknown } = {}) {
  rows.push({ measure, value, target: opts.target ?? "", met: opts.met });
  if (opts.key) results[opts.key] = opts.raw;
  const verdict = opts.met === undefined ? "" : opts.met ? " ✓" : " ✗";
  process.stdout.write(`  ${measure}: ${value}${opts.target ? ` (target ${opts.target})${verdict}` : ""}\n`);
}

/** Raw figures that have no row of their own (Lighthouse's scores, whose rows are recorded one by one). */
export function keep(key: string, raw: unknown) {
  results[key] = raw;
}

export function writeReport() {
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync("bench/results/latest.json", JSON.stringify({ at: new Date().toISOString(), results, rows }, null, 2));
  const mark = (r: Row) => (r.met === undefined ? "" : r.met ? "✓" : "✗");
  const table = ["| measure | value | target | |", "| --- | --- | --- | --- |", ...rows.map((r) => `| ${r.measure} | ${r.value} | ${r.target} | ${mark(r)} |`)].join("\n");
  fs.writeFileSync("bench/results/latest.md", `${table}\n`);
  process.stdout.write(`\n${table}\n`);
}
