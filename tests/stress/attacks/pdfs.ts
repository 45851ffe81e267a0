// Issue 27, the PDF downloads: /clients/:id/invoices/:invoiceId/pdf and /clients/:id/statements/:month/pdf.
// Signed out → the sign-in redirect; a member → 404 for every invoice (statements without amounts, as the page);
// anyone naming another client's invoice or statement, under that client's URL or under their own, or an id
// that is not one → 404 with no byte of it. The owners' own downloads are the control: 200, a PDF, attachment,
// private, no-store.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { PDFParse } from "pdf-parse";
import { demoId } from "@/lib/dev/seed";
import { cookieFor, type PEOPLE, type Stack } from "../harness";

type Key = "harbor" | "kiwi" | "sakura";
const OWNERS: Record<Key, keyof typeof PEOPLE> = { harbor: "olivia", kiwi: "aroha", sakura: "yuki" };

async function pdfText(bytes: ArrayBuffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

export async function pdfs(stack: Stack, report: (line: string) => void, ctx: { checksums: () => Promise<Record<string, string>> }) {
  const before = await ctx.checksums();
  const clients = Object.fromEntries((["harbor", "kiwi", "sakura"] as Key[]).map((k) => [k, demoId(`client:${k}`)])) as Record<Key, string>;
  const invoicesOf = async (k: Key) => stack.admin<{ id: string; number: string | null; month: string }[]>`
    select id, number, to_char(month, 'YYYY-MM') as month from public.invoices where client_id = ${clients[k]} order by month`;
  const names = Object.fromEntries(await Promise.all((Object.keys(clients) as Key[]).map(async (k) => [k,
    (await stack.admin<{ name: string }[]>`select name from public.clients where id = ${clients[k]}`)[0].name]))) as Record<Key, string>;
  const invoices = Object.fromEntries(await Promise.all((Object.keys(clients) as Key[]).map(async (k) => [k, await invoicesOf(k)]))) as Record<Key, Awaited<ReturnType<typeof invoicesOf>>>;
  let attempts = 0;
  let succeeded = 0;
  const problems: string[] = [];
  const statuses = new Map<number, number>();
  const get = async (path: string, cookie?: string) => {
    const res = await fetch(`${stack.base}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    return { res, body: await res.arrayBuffer() };
  };
  /** One refusal attempt: `expected` status, and none of the victim's name or invoice numbers in the body. */
  const refused = async (path: string, cookie: string | undefined, expected: number, victim: Key | null) => {
    attempts++;
    const { res, body } = await get(path, cookie);
    const text = Buffer.from(body).toString("latin1");
    const leaks = victim ? [names[victim], ...invoices[victim].map((i) => i.number).filter(Boolean)].some((s) => text.includes(s!)) : false;
    const where = res.headers.get("location") ?? "";
    if (res.status !== expected || leaks || res.headers.get("content-type")?.includes("pdf") || (expected === 307 && !where.includes("/login"))) {
      succeeded++;
      problems.push(`${path} (${cookie ? "signed in" : "signed out"}): ${res.status}${leaks ? ", leaks the client" : ""}`);
    }
  };
  const invoicePath = (client: Key, invoiceId: string) => `/clients/${clients[client]}/invoices/${invoiceId}/pdf`;
  const statementPath = (client: Key, month: string) => `/clients/${clients[client]}/statements/${month}/pdf`;

  // Control: each owner downloads their own invoices and a statement.
  let controls = 0;
  for (const k of Object.keys(clients) as Key[]) {
    const cookie = await cookieFor(stack, OWNERS[k]);
    for (const inv of invoices[k].slice(0, 2)) {
      const { res, body } = await get(invoicePath(k, inv.id), cookie);
      const ok = res.status === 200 && res.headers.get("content-type") === "application/pdf" && /^attachment; filename="[A-Za-z0-9._-]+\.pdf"$/.test(res.headers.get("content-disposition") ?? "")
        && res.headers.get("cache-control") === "private, no-store" && (!inv.number || (await pdfText(body)).includes(inv.number));
      assert.ok(ok, `owner's own invoice ${inv.id}: ${res.status} ${res.headers.get("content-type")} ${res.headers.get("content-disposition")}`);
      controls++;
    }
  }

  const marco = await cookieFor(stack, "marco"); // a member of harbor and kiwi
  const priya = await cookieFor(stack, "priya"); // an engineer of kiwi only
  for (let round = 0; attempts < 240; round++) {
    for (const victim of Object.keys(clients) as Key[]) {
      for (const inv of invoices[victim]) {
        // Signed out: the sign-in page, as for the page.
        await refused(invoicePath(victim, inv.id), undefined, 307, victim);
        await refused(statementPath(victim, inv.month), undefined, 307, victim);
        // Owners of other clients, under the victim's URL and under their own.
        for (const attacker of (Object.keys(clients) as Key[]).filter((a) => a !== victim)) {
          const cookie = await cookieFor(stack, OWNERS[attacker]);
          await refused(invoicePath(victim, inv.id), cookie, 404, victim);
          await refused(invoicePath(attacker, inv.id), cookie, 404, victim);
          await refused(statementPath(victim, inv.month), cookie, 404, victim);
        }
        // A member sees no invoices, not even their own client's.
        await refused(invoicePath(victim, inv.id), marco, 404, victim === "sakura" ? victim : null);
        if (victim !== "kiwi") await refused(invoicePath(victim, inv.id), priya, 404, victim);
      }
      // Ids that are not an invoice, months that are not a month.
      const owner = await cookieFor(stack, OWNERS[victim]);
      for (const bad of [randomUUID(), "not-an-id", "%2e%2e%2fprint", `${randomUUID()}.pdf`]) await refused(invoicePath(victim, bad), owner, 404, null);
      for (const bad of ["2031-13", "1999-01", "..", "2026-1"]) await refused(statementPath(victim, bad), owner, 404, null);
    }
    if (round > 5) break;
  }

  // A member's statement: the hours, no amounts (as the statements page shows a member).
  const month = invoices.harbor[0]?.month;
  let memberStatement = "none";
  if (month) {
    const { res, body } = await get(statementPath("harbor", month), marco);
    attempts++;
    const text = res.status === 200 ? await pdfText(body) : "";
    if (res.status !== 200 || /\$\s?\d|Total/.test(text) || !/Used/.test(text)) {
      succeeded++;
      problems.push(`member's statement: ${res.status}, ${/\$\s?\d/.test(text) ? "shows amounts" : "no hours"}`);
    }
    memberStatement = `${res.status}, no amounts`;
  }

  const after = await ctx.checksums();
  const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
  report(`pdfs: ${attempts} attempts on invoice and statement PDFs (signed out, members, engineers and owners of other clients, foreign and malformed ids → ${[...statuses].filter(([s]) => s !== 200).map(([s, n]) => `${n}× ${s}`).join(", ")}; member's statement ${memberStatement}; ${controls} owners' own downloads 200), succeeded: ${succeeded}, rows changed: ${changed.length}`);
  assert.equal(succeeded, 0, problems.slice(0, 20).join("\n"));
  assert.deepEqual(changed, []);
}
