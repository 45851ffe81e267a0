// Handbook attachments (issue 26) through their real commands, the real database and RLS, and the real Supabase
// Storage client against the in-repo double: images and PDFs are taken by what their bytes are, everything else (an
// SVG, HTML or a program under an image's name, a name that says another type, empty, over 10 MB) is refused with a
// sentence and no row; who reads a file is who reads its page; nobody signed in writes one directly; with a bucket
// configured the bytes live in Storage and the row names them; a failed upload keeps nothing; the export carries
// every file the reader may see, byte for byte.
import { unzipSync, strFromU8 } from "fflate";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { execute } from "@/lib/commands/execute";
import type { Claims } from "@/lib/db";
import { openExport } from "@/lib/export/stream";
import { attachFile, createPage, removeFile, savePage } from "@/lib/handbook/commands";
import type { ClientPage } from "@/lib/pages/access";
import { viewHandbookFile, viewHandbookPageWithFiles } from "@/lib/pages/handbook";
import { viewHandbookPdf } from "@/lib/pages/pdf";
import { PDFParse } from "pdf-parse";
import { GIF, HOSTILE, JPEG, PDF, PNG, WEBP } from "../fixtures/attachments";
import { startSupabaseStorageDouble } from "../doubles/supabase-storage";
import { asPostgrest } from "../support/direct-access";
import { admin, createCast, type TestUser } from "../support/fixtures";

type Cast = Awaited<ReturnType<typeof createCast>>;
let cast: Cast;
let storage: Awaited<ReturnType<typeof startSupabaseStorageDouble>>;
let pageId: string;
let internalId: string;
let otherPageId: string;
const KEY = "sb_secret_double_key_for_tests_0123456789";
const claims = (u: TestUser) => u.claims as Claims;
const access = (u: TestUser, clientId: string) =>
  ({ claims: u.claims, client: { id: clientId, name: "Client A", timezone: "America/New_York", currency: "USD" } }) as unknown as ClientPage;
const file = (bytes: Buffer, name: string) => new File([new Uint8Array(bytes)], name);
const attach = (u: TestUser, bytes: Buffer, name: string, page = pageId, clientId = cast.clientA) =>
  execute(attachFile, claims(u), { clientId, pageId: page, file: file(bytes, name) });
const rows = async () => (await admin<{ n: number }[]>`select count(*)::int as n from public.handbook_files`)[0].n;
const state = async () => JSON.stringify(await admin`select id, name, size_bytes, sha256, storage_path from public.handbook_files order by id`);
const errorOf = (o: { ok: boolean; error?: { userMessage: string; fieldErrors: Record<string, string[]> } }) => (o.ok ? null : o.error!);
const newPage = async (u: TestUser, clientId: string, visibility: "internal" | "client") => {
  const r = await execute(createPage, claims(u), { clientId, section: "how-tos", title: `Page ${visibility}`, bodyMd: "Text.", visibility, roadmapItemId: "" });
  if (!r.ok) throw new Error(r.error.userMessage);
  return r.data as string;
};
const useBucket = (on: boolean) => {
  for (const [k, v] of Object.entries({ NEXT_PUBLIC_SUPABASE_URL: storage.url, HANDBOOK_FILES_BUCKET: "handbook", SUPABASE_SECRET_KEY: KEY })) {
    if (on) process.env[k] = v;
    else delete process.env[k];
  }
};

beforeAll(async () => {
  storage = await startSupabaseStorageDouble({ key: KEY, bucket: "handbook" });
  cast = await createCast();
});
afterAll(async () => {
  useBucket(false);
  await storage.close();
});
beforeEach(async () => {
  useBucket(false);
  await admin`delete from public.handbook_pages`;
  pageId = await newPage(cast.assigned, cast.clientA, "client");
  internalId = await newPage(cast.assigned, cast.clientA, "internal");
  otherPageId = await newPage(cast.admin, cast.clientB, "client");
});

describe("attaching files", () => {
  it("takes images and PDFs by their bytes, names them by what they are, and lists them on the page", async () => {
    for (const [bytes, name] of [[PNG, "flow.png"], [JPEG, "photo.jpeg"], [GIF, "spinner.gif"], [WEBP, "shot.webp"], [PDF, "Supplier contract.pdf"], [PNG, "no-extension"]] as const) {
      const r = await attach(cast.assigned, bytes, name);
      expect(r.ok, `${name}: ${JSON.stringify(errorOf(r))}`).toBe(true);
    }
    const { files } = await viewHandbookPageWithFiles(access(cast.ownerA, cast.clientA), pageId);
    expect(files.map((f) => [f.name, f.contentType, f.image])).toEqual([
      ["flow.png", "image/png", true], ["photo.jpeg", "image/jpeg", true], ["spinner.gif", "image/gif", true], ["shot.webp", "image/webp", true],
      ["Supplier contract.pdf", "application/pdf", false], ["no-extension.png", "image/png", true],
    ]);
    expect(files[0].href).toBe(`/clients/${cast.clientA}/handbook/${pageId}/files/${files[0].id}`);
    const served = await viewHandbookFile(access(cast.memberA, cast.clientA), pageId, files[4].id);
    expect(Buffer.from(served.bytes).equals(PDF)).toBe(true);
    // One audit event each, naming the file (the page is visible to the client).
    const audit = await admin`select data from public.audit_events where entity_id = ${pageId} and action = 'handbook.file_attached' order by at, id`;
    expect(audit[0].data).toMatchObject({ file: "flow.png", contentType: "image/png", sizeBytes: PNG.length });
  });

  it("refuses what is not an image or a PDF, or says it is something else, with a sentence and no row", async () => {
    const before = await state();
    const refusals: Record<string, string> = {};
    for (const h of HOSTILE) {
      const r = await attach(cast.assigned, h.bytes, h.name);
      expect(r.ok, h.why).toBe(false);
      refusals[h.why] = errorOf(r)!.fieldErrors.file?.[0] ?? errorOf(r)!.userMessage;
    }
    expect(refusals).toMatchObject({
      "SVG with a script": "This file is not an image or a PDF. Attach PNG, JPEG, GIF or WebP images, or PDFs.",
      "HTML named .png": "This file is not an image or a PDF. Attach PNG, JPEG, GIF or WebP images, or PDFs.",
      "a Windows program named .png": "This file is an EXE file. Attach PNG, JPEG, GIF or WebP images, or PDFs.",
      "a PNG named .pdf": "This file is named “photo.pdf” but is a PNG image. Rename it to end in .png, or pick the file you meant.",
      "an empty file": "Choose an image or a PDF to attach (the file is empty).",
      "over 10 MB": "The file is over 10 MB. Make the image smaller, or split the PDF.",
    });
    expect(await state()).toBe(before);
  });

  it("attaches for the client's engineers only, to their client's pages only", async () => {
    const before = await state();
    for (const [who, page, clientId] of [
      [cast.ownerA, pageId, cast.clientA], [cast.memberA, pageId, cast.clientA], [cast.unassigned, pageId, cast.clientA],
      [cast.assigned, otherPageId, cast.clientA], [cast.assigned, otherPageId, cast.clientB], [cast.ownerB, otherPageId, cast.clientB],
    ] as const) {
      const r = await attach(who, PNG, "x.png", page, clientId);
      expect(r.ok, `${who.email} → ${page}`).toBe(false);
    }
    expect(await state()).toBe(before);
  });
});

describe("who reads a file", () => {
  it("is who reads its page, and nobody signed in writes one", async () => {
    const visible = await attach(cast.assigned, PNG, "visible.png");
    const hidden = await attach(cast.assigned, PNG, "internal.png", internalId);
    const visibleId = visible.ok ? (visible.data as string) : "";
    const hiddenId = hidden.ok ? (hidden.data as string) : "";
    const actor = (u: TestUser) => ({ label: u.email, id: u.id, email: u.email });
    const reads = async (u: TestUser) => (await asPostgrest(admin, actor(u), (tx) => tx`select id from public.handbook_files order by name`)).result.map((r) => (r as { id: string }).id);
    expect(await reads(cast.assigned)).toEqual([hiddenId, visibleId]);
    expect(await reads(cast.ownerA)).toEqual([visibleId]);
    expect(await reads(cast.memberA)).toEqual([visibleId]);
    expect(await reads(cast.ownerB)).toEqual([]);
    expect(await reads(cast.unassigned)).toEqual([]);
    // Through the page's view: the internal page's file is a 404 for the owner, the other client's for everyone of A.
    await expect(viewHandbookFile(access(cast.ownerA, cast.clientA), internalId, hiddenId)).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);
    await expect(viewHandbookFile(access(cast.ownerB, cast.clientB), pageId, visibleId)).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);
    await expect(viewHandbookFile(access(cast.ownerA, cast.clientA), pageId, "not-an-id")).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);

    // The page made internal: its files go with it.
    const saved = await execute(savePage, claims(cast.assigned), { clientId: cast.clientA, pageId, baseVersion: "1", section: "how-tos", title: "Page client", bodyMd: "Text.", visibility: "internal", roadmapItemId: "" });
    expect(saved.ok).toBe(true);
    expect(await reads(cast.ownerA)).toEqual([]);

    // Direct writes, as PostgREST would send them, by everyone signed in: refused, nothing changed.
    const before = await state();
    for (const who of [cast.assigned, cast.admin, cast.ownerA, cast.memberA, cast.ownerB]) {
      for (const write of [
        (tx: Parameters<Parameters<typeof asPostgrest>[2]>[0]) => tx`insert into public.handbook_files (client_id, page_id, name, content_type, size_bytes, sha256, data) values (${cast.clientA}, ${pageId}, 'x.png', 'image/png', 1, ${"0".repeat(64)}, '\\x00')`,
        (tx: Parameters<Parameters<typeof asPostgrest>[2]>[0]) => tx`update public.handbook_files set name = 'evil.html', content_type = 'image/png', uploaded_by = ${who.id}`,
        (tx: Parameters<Parameters<typeof asPostgrest>[2]>[0]) => tx`delete from public.handbook_files`,
      ]) {
        const outcome = await asPostgrest(admin, actor(who), write, { rollback: true });
        expect(outcome.refused ?? (outcome.rows === 0 ? "no rows" : null), who.email).not.toBeNull();
      }
    }
    expect(await state()).toBe(before);
  });
});

describe("with Supabase Storage configured", () => {
  it("keeps the bytes in the bucket, serves them from it, removes them with the file, and keeps nothing when the upload fails", async () => {
    useBucket(true);
    const r = await attach(cast.assigned, JPEG, "site.jpg");
    expect(r.ok).toBe(true);
    const id = r.ok ? (r.data as string) : "";
    const [row] = await admin<{ data: Buffer | null; storage_path: string }[]>`select data, storage_path from public.handbook_files where id = ${id}`;
    expect(row.data).toBeNull();
    expect(row.storage_path).toMatch(new RegExp(`^${cast.clientA}/${pageId}/[0-9a-f-]{36}\\.jpg$`));
    expect(Buffer.from(storage.objects.get(row.storage_path)!.bytes).equals(JPEG)).toBe(true);
    expect(storage.requests.every((q) => q.authorized)).toBe(true);
    const served = await viewHandbookFile(access(cast.ownerA, cast.clientA), pageId, id);
    expect(Buffer.from(served.bytes).equals(JPEG)).toBe(true);

    // The export reads it from the bucket too.
    const opened = await openExport({ claims: claims(cast.ownerA), clientId: cast.clientA, exportedBy: cast.ownerA.email, now: new Date("2030-05-01T12:00:00Z"), signal: new AbortController().signal });
    const zip = unzipSync(new Uint8Array(await new Response(opened!.stream).arrayBuffer()));
    const csv = strFromU8(zip[Object.keys(zip).find((k) => k.endsWith("/handbook_files.csv"))!]);
    const archivePath = /handbook_files\/[0-9a-f-]{36}-site\.jpg/.exec(csv)![0];
    expect(Buffer.from(zip[Object.keys(zip).find((k) => k.endsWith(archivePath))!]).equals(JPEG)).toBe(true);

    const removed = await execute(removeFile, claims(cast.assigned), { clientId: cast.clientA, pageId, fileId: id });
    expect(removed.ok).toBe(true);
    expect(storage.objects.has(row.storage_path)).toBe(false);

    storage.failUploads(true);
    const before = await state();
    const failed = await attach(cast.assigned, PNG, "down.png");
    storage.failUploads(false);
    expect(errorOf(failed)!.userMessage).toBe("The file store could not be reached. Nothing was attached; try again in a minute.");
    expect(await state()).toBe(before);
  });
});

describe("the export", () => {
  it("carries every file its reader may see, byte for byte, listed in handbook_files.csv", async () => {
    await attach(cast.assigned, PNG, "shared.png");
    await attach(cast.assigned, PDF, "internal.pdf", internalId);
    const exportOf = async (u: TestUser) => {
      const opened = await openExport({ claims: claims(u), clientId: cast.clientA, exportedBy: u.email, now: new Date("2030-05-01T12:00:00Z"), signal: new AbortController().signal });
      return unzipSync(new Uint8Array(await new Response(opened!.stream).arrayBuffer()));
    };
    const owner = await exportOf(cast.ownerA);
    const ownerFiles = Object.keys(owner).filter((k) => k.includes("/handbook_files/"));
    expect(ownerFiles).toHaveLength(1);
    expect(ownerFiles[0]).toMatch(/handbook_files\/[0-9a-f-]{36}-shared\.png$/);
    expect(Buffer.from(owner[ownerFiles[0]]).equals(PNG)).toBe(true);
    const staff = await exportOf(cast.assigned);
    expect(Object.keys(staff).filter((k) => k.includes("/handbook_files/")).map((k) => k.replace(/.*[0-9a-f]{12}-/, "")).sort()).toEqual(["internal.pdf", "shared.png"]);
    expect(await rows()).toBe(2);
  });
});

describe("the page as a PDF", () => {
  it("draws the page's words, steps, code, a diagram's source and its own images, for whoever reads the page", async () => {
    const png = await attach(cast.assigned, PNG, "board.png");
    const href = `/clients/${cast.clientA}/handbook/${pageId}/files/${png.ok ? (png.data as string) : ""}`;
    const bodyMd = [
      "When the morning run is late.", "", "## Steps", "", "1. Open the dispatch board.", "2. Call the depot lead.", "",
      "```mermaid", "flowchart LR", "  A[Late] --> B[Call]", "```", "", `![board](${href})`, "", "![outside](https://evil.example/p.png)", "",
      "| Who | When |", "| --- | --- |", "| Depot | 6 am |", "", "<script>alert(1)</script>", "",
      "Run `dispatch --late` to see the queue.",
    ].join("\n");
    const saved = await execute(savePage, claims(cast.assigned), { clientId: cast.clientA, pageId, baseVersion: "1", section: "runbooks", title: "Late morning run", bodyMd, visibility: "client", roadmapItemId: "" });
    expect(saved.ok).toBe(true);
    const { filename, pdf } = await viewHandbookPdf(access(cast.memberA, cast.clientA), pageId);
    expect(filename).toBe("Client-A-Late-morning-run.pdf");
    const parser = new PDFParse({ data: new Uint8Array(pdf) });
    const text = (await parser.getText()).text.replace(/\s+/g, " ");
    const images = await parser.getImage({ imageThreshold: 0, imageBuffer: false, imageDataUrl: false });
    await parser.destroy();
    for (const words of ["Late morning run", "When the morning run is late.", "Steps", "1. Open the dispatch board.", "2. Call the depot lead.",
      "Diagram: drawn on the page in the portal; its source:", "flowchart LR", "[image: outside]", "Who | When", "Depot | 6 am", "Run dispatch --late to see the queue."]) {
      expect(text).toContain(words);
    }
    expect(text).not.toContain("alert(1)");
    expect(text).not.toContain("evil.example");
    expect(images.pages.flatMap((p) => p.images)).toHaveLength(1); // the page's own image; the outside one is its text
    // An internal page is a 404 for the client's people, as the page is.
    await expect(viewHandbookPdf(access(cast.ownerA, cast.clientA), internalId)).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);
  });
});
