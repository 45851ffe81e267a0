// Reading an export back (lib/import/archive.ts): what is not one of our exports is refused with a sentence that
// says what to do, before anything large is read.
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { looksLikeZip, openArchive } from "@/lib/import/archive";

const zip = (files: Record<string, string | Uint8Array>) =>
  Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([n, b]) => [n, typeof b === "string" ? Buffer.from(b) : b]))));
const meta = (over: Record<string, unknown> = {}) => JSON.stringify({
  format: "retainer-portal-export", version: 1, exported_at: "2026-12-01T00:00:00.000Z", exported_by: "sam@practice.test",
  scope: "practice", clients: [{ id: "6d886063-d8a3-4387-9e76-15b1563dffd8", name: "Harbor", slug: "harbor" }], rows: {}, ...over,
});
const NOT_OURS = "This ZIP is not a Retainer Portal export: upload the archive from Export (Settings or a client's settings) as it was downloaded.";

describe("openArchive", () => {
  it("opens a practice's export and a client's, and reads a dataset one row per line", async () => {
    const practice = await openArchive(zip({ "meta.json": meta(), "clients/harbor/entries.json": '[\n{"a":1},\n{"a":2}\n]\n' }));
    expect(practice.meta.scope).toBe("practice");
    expect(practice.dirOf("harbor")).toBe("clients/harbor/");
    const rows: unknown[] = [];
    for await (const r of practice.rows("clients/harbor/entries.json")) rows.push(r);
    expect(rows).toEqual([{ a: 1 }, { a: 2 }]);
    const client = await openArchive(zip({ "harbor/meta.json": meta({ scope: "client" }) }));
    expect(client.dirOf("harbor")).toBe("harbor/");
  });

  it("refuses what is not an export, saying so", async () => {
    for (const bytes of [
      zip({ "hello.txt": "hi" }),
      zip({ "meta.json": meta({ format: "solidtime-export" }) }),
      zip({ "meta.json": meta(), "x/meta.json": meta() }),
      zip({ "other/meta.json": meta({ scope: "client" }) }),
      zip({ "harbor/meta.json": meta() }),
    ]) {
      await expect(openArchive(bytes)).rejects.toThrow(NOT_OURS);
    }
    // yauzl refuses a name that climbs out of the archive before we look at it.
    await expect(openArchive(zip({ "../meta.json": meta({ scope: "client" }) }))).rejects.toThrow("The ZIP can't be read (invalid relative path: ../meta.json).");
  });

  it("refuses a record that inflates past 8 MB, sizes past 4 GB, a broken ZIP and a row that is not JSON", async () => {
    await expect(openArchive(zip({ "meta.json": new Uint8Array(9 * 1024 * 1024).fill(0x20) }))).rejects.toThrow("meta.json is over 8 MB: it was changed after it was exported.");
    const lying = zip({ "meta.json": meta(), "a.json": "[]", "b.json": "[]" });
    for (let at = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; at = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)) lying.writeUInt32LE(0xfffffff0, at + 24);
    await expect(openArchive(lying)).rejects.toThrow("The archive unpacks to more than 4 GB: it is not an export this portal can read.");
    const whole = zip({ "meta.json": meta() });
    expect(looksLikeZip(whole)).toBe(true);
    await expect(openArchive(whole.subarray(0, 40))).rejects.toThrow(/^The ZIP can't be read/);
    const bad = await openArchive(zip({ "meta.json": meta(), "clients/harbor/entries.json": '[\n{"a":1},\n{oops\n]\n' }));
    await expect((async () => { for await (const _ of bad.rows("clients/harbor/entries.json")) void _; })()).rejects.toThrow(
      "clients/harbor/entries.json, line 3: not the JSON the export writes (one row per line).",
    );
  });
});
