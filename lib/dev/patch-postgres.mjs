// postinstall: guard postgres.js 3.4.9 against an upstream crash. When a connection closes while a small
// write is queued, the queued write runs on a null socket and throws an uncatchable TypeError from a
// setImmediate, taking the whole process down (porsager/postgres#1066, #1154, #1208; fix in PRs #1168,
// #1176, #1209, unreleased). Found here by the crash-safety suite. The guard settles the write as
// CONNECTION_CLOSED instead (the caller's query rejects, catchably) and resets the write scheduler on
// teardown. Idempotent; fails loudly if the driver's code is not what this patch expects.
import fs from "node:fs";
import path from "node:path";

const MARK = "/* retainer-portal: nextWrite guard */";
const root = path.join(process.cwd(), "node_modules", "postgres");
const files = ["src/connection.js", "cjs/src/connection.js", "cf/src/connection.js"].map((f) => path.join(root, f)).filter((f) => fs.existsSync(f));

for (const file of files) {
  let code = fs.readFileSync(file, "utf8");
  if (code.includes(MARK)) continue;
  const before = "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)";
  if (!code.includes(before)) throw new Error(`patch-postgres: unexpected code in ${file}; review the guard against the installed postgres version`);
  code = code.replace(
    before,
    `  function nextWrite(fn) {\n    ${MARK}\n    if (socket === null) {\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
  );
  // Teardown cancels the queued write; forget it too, so the next write schedules afresh.
  code = code.replace(/\n(\s+)clearImmediate\(nextWriteTimer\)\n/g, "\n$1clearImmediate(nextWriteTimer)\n$1nextWriteTimer = chunk = null\n");
  fs.writeFileSync(file, code);
}
