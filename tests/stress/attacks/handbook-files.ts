// Issue 26: handbook attachments are a new door (an upload and a download route). On the production stack, through
// the real attachFileAction and GET /clients/<id>/handbook/<page>/files/<file>:
// - every hostile file of tests/fixtures/attachments.ts (an SVG with a script, HTML or a program under an image's
//   name, a name that says another type, empty, over 10 MB) uploaded by Harbor's engineer: attached 0;
// - uploads by people who are not Harbor's engineers, and by Harbor's engineer naming another client's page: attached 0;
// - downloads of a file on an internal page by Harbor's owner and member, of any file by other clients' people and
//   the signed out, and with malformed or mismatched ids: answered 0 (each a 404, or sign-in for the signed out);
// - what is served is the type read at upload, with nosniff, never HTML.
import assert from "node:assert/strict";
import { demoId } from "@/lib/dev/seed";
import { HOSTILE, PNG } from "../../fixtures/attachments";
import { actionIds, callAction, cookieFor, type Stack } from "../harness";

type Report = (line: string) => void;

export async function handbookFiles(stack: Stack, report: Report) {
  const actions = actionIds();
  const attach = actions.get("attachFileAction")!;
  const harbor = demoId("client:harbor");
  const kiwi = demoId("client:kiwi");
  const visible = demoId("handbook:harbor:0");
  const internal = demoId("handbook:harbor:1");
  const kiwiPage = demoId("handbook:kiwi:0");
  const sam = await cookieFor(stack, "sam");
  const files = async () => (await stack.admin<{ sum: string; n: number }[]>`
    select md5(coalesce(string_agg(f.id::text || f.sha256, '|' order by f.id), '')) as sum, count(*)::int as n from public.handbook_files f`)[0];
  const before = await files();
  const problems: string[] = [];
  let attempts = 0;
  const at = (page: string, client = harbor) => ({ id: attach.id, path: `/clients/${client}/handbook/${page}/edit` });
  const upload = async (label: string, cookie: string, fields: { clientId: string; pageId: string }, file: File) => {
    attempts++;
    const reply = await callAction(stack, cookie, at(fields.pageId, fields.clientId), { ...fields, file });
    const refused = reply.result?.ok === false || reply.status === 413 || (cookie === "" && reply.status === 307);
    if (!refused || reply.status >= 500) problems.push(`${label}: ${reply.status} ${JSON.stringify(reply.result)?.slice(0, 120)}`);
  };

  // Hostile files, by the one person who may attach.
  for (const h of HOSTILE) await upload(h.why, sam, { clientId: harbor, pageId: visible }, new File([new Uint8Array(h.bytes)], h.name));
  // People who may not attach to Harbor's page, and Harbor's engineer naming Kiwi's page.
  const png = () => new File([new Uint8Array(PNG)], "x.png");
  for (const who of ["olivia", "marco", "aroha", "yuki"] as const) await upload(`${who} attaches`, await cookieFor(stack, who), { clientId: harbor, pageId: visible }, png());
  await upload("signed out attaches", "", { clientId: harbor, pageId: visible }, png());
  await upload("sam names Kiwi's page under Harbor", sam, { clientId: harbor, pageId: kiwiPage }, png());
  await upload("priya (Kiwi's engineer) names Harbor's page under Kiwi", await cookieFor(stack, "priya"), { clientId: kiwi, pageId: visible }, png());
  const afterUploads = await files();
  if (afterUploads.sum !== before.sum) problems.push(`uploads that should all be refused changed handbook_files (${before.n} → ${afterUploads.n})`);

  // Two real files (made by the one who may), then who may download them.
  const made: Record<string, string> = {};
  for (const [name, page] of [["shared.png", visible], ["internal.png", internal]] as const) {
    const reply = await callAction(stack, sam, at(page), { clientId: harbor, pageId: page, file: new File([new Uint8Array(PNG)], name) });
    assert.equal(reply.result?.ok ?? Boolean(reply.redirect), true, `sam could not attach ${name}: ${reply.status} ${JSON.stringify(reply.result)}`);
    [{ id: made[name] }] = await stack.admin<{ id: string }[]>`select id from public.handbook_files where page_id = ${page} and name = ${name}`;
  }
  const url = (page: string, file: string, client = harbor) => `/clients/${client}/handbook/${page}/files/${file}`;
  let answered = 0;
  const get = async (label: string, cookie: string, path: string, may: boolean) => {
    attempts++;
    const res = await fetch(`${stack.base}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status >= 500) problems.push(`${label}: server error ${res.status}`);
    if (!may && res.status === 200) {
      answered++;
      problems.push(`${label}: answered`);
    }
    if (may) {
      if (res.status !== 200 || !body.equals(PNG)) problems.push(`${label}: ${res.status}, not the file`);
      if (res.headers.get("content-type") !== "image/png" || res.headers.get("x-content-type-options") !== "nosniff") problems.push(`${label}: served as ${res.headers.get("content-type")}`);
    }
  };
  for (const who of ["olivia", "marco"] as const) {
    const cookie = await cookieFor(stack, who);
    await get(`${who}: the visible page's file`, cookie, url(visible, made["shared.png"]), true);
    await get(`${who}: the internal page's file`, cookie, url(internal, made["internal.png"]), false);
    await get(`${who}: the internal file under the visible page`, cookie, url(visible, made["internal.png"]), false);
  }
  for (const who of ["aroha", "yuki", "priya"] as const) {
    const cookie = await cookieFor(stack, who);
    for (const [page, file] of [[visible, made["shared.png"]], [internal, made["internal.png"]]]) {
      await get(`${who}: Harbor's file`, cookie, url(page, file), false);
      await get(`${who}: Harbor's file under Kiwi`, cookie, url(page, file, kiwi), false);
    }
  }
  for (const path of [url(visible, made["shared.png"]), url(internal, made["internal.png"])]) await get("signed out", "", path, false);
  const olivia = await cookieFor(stack, "olivia");
  for (const path of [url(visible, "not-a-uuid"), url("x", made["shared.png"]), url(visible, "00000000-0000-4000-8000-000000000000"), `${url(visible, made["shared.png"])}/..%2F..%2Fedit`]) {
    await get(`olivia: ${path.slice(-40)}`, olivia, path, false);
  }
  await get("sam: the internal page's file", sam, url(internal, made["internal.png"]), true);

  await stack.admin`delete from public.handbook_files where id in ${stack.admin(Object.values(made))}`;
  const after = await files();
  report(`handbook files: ${attempts} attempts (${HOSTILE.length} hostile files by Harbor's engineer, 7 uploads by people who may not or to another client's page, ` +
    `downloads by owners and members of an internal page's file, by other clients' people, signed out and with forged ids), ` +
    `attached: ${afterUploads.n - before.n}, answered where not theirs: ${answered}, succeeded: ${problems.length}, rows changed: ${after.sum === before.sum ? 0 : 1}`);
  assert.deepEqual(problems.slice(0, 10), []);
  assert.equal(after.sum, before.sum);
}
