// Issue 22: reading other products' time exports, from the fixture files (tests/fixtures/imports, the products'
// own headers) and from edge files written here: BOMs, semicolons, CRLF, quoted multi-line fields, locale
// numbers, US dates, 12-hour times, trailing empty lines, and rows that are refused with row, column and reason.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openImport, delimiterOf, type ReadEvent } from "@/lib/import/read";
import { calendarDate, categoryOf, clockDuration, clockTime, localeNumber, yesNo } from "@/lib/import/values";
import { AppError } from "@/lib/platform/errors";

const fixture = (name: string) => readFileSync(`tests/fixtures/imports/${name}`);

async function readAll(input: string | Buffer, chunkSize = 7) {
  // Fed in small chunks, so a field, a line end or a multi-byte character is split across chunks.
  const bytes = typeof input === "string" ? Buffer.from(input, "utf8") : input;
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  }
  const reader = await openImport(chunks());
  const events: ReadEvent[] = [];
  for await (const e of reader.events) events.push(e);
  const entries = events.flatMap((e) => (e.type === "entry" ? [e.entry] : []));
  const refusals = events.flatMap((e) => (e.type === "refusal" ? [{ row: e.row, column: e.column, reason: e.reason }] : []));
  const ignored = events.flatMap((e) => (e.type === "ignored" ? [e] : []));
  return { format: reader.format, entries, refusals, ignored };
}

async function refusalOf(input: string) {
  try {
    await readAll(input);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).userMessage;
  }
  throw new Error("the file was read");
}

describe("values as other products write them", () => {
  it.each([
    ["2.5", 2.5], ["2,5", 2.5], ["1.234,5", 1234.5], ["1,234.5", 1234.5], ["1 234,5", 1234.5], ["0,25", 0.25], [".5", 0.5],
    ["3", 3], ["1.234.567", 1234567], ["1,234,567", 1234567], ["-1,5", -1.5],
  ])("number %s = %d", (t, n) => expect(localeNumber(t)).toBe(n));
  it.each(["", "abc", "1,2,3.4.5", "2.5h", "--1"])("number %j is refused", (t) => expect(localeNumber(t)).toBeNull());

  it.each([
    ["2026-09-01", "2026-09-01"], ["2026/9/1", "2026-09-01"], ["09/01/2026", "2026-09-01"], ["1.9.2026", "2026-09-01"],
    ["02/29/2028", "2028-02-29"], ["12/31/2026", "2026-12-31"],
  ])("date %s = %s", (t, d) => expect(calendarDate(t)).toBe(d));
  it.each(["02/29/2027", "13/01/2026", "2026-02-30", "31.04.2026", "yesterday", "2026-9"])("date %j is refused", (t) => expect(calendarDate(t)).toBeNull());

  it.each([
    ["09:00", 9 * 3600], ["16:30:15", 16 * 3600 + 30 * 60 + 15], ["9:00 AM", 9 * 3600], ["12:00 AM", 0], ["12:30 PM", 12 * 3600 + 1800],
    ["04:00:30 pm", 16 * 3600 + 30], ["11:59 p.m.", 23 * 3600 + 59 * 60],
  ])("time %s = %i s", (t, s) => expect(clockTime(t)).toBe(s));
  it.each(["24:00", "13:00 PM", "0:00 AM", "9.00", "09:60"])("time %j is refused", (t) => expect(clockTime(t)).toBeNull());

  it.each([["02:30:00", 9000], ["0:45", 2700], ["123:05:00", 123 * 3600 + 300]])("duration %s = %i s", (t, s) => expect(clockDuration(t)).toBe(s));
  it.each(["2.5", "1:75", "::"])("duration %j is refused", (t) => expect(clockDuration(t)).toBeNull());

  it("reads yes and no in the words exports use", () => {
    expect([yesNo("Yes"), yesNo("no"), yesNo("TRUE"), yesNo("0"), yesNo("maybe")]).toEqual([true, false, true, false, null]);
  });

  it("maps tasks and tags to our categories, build when nothing says otherwise", () => {
    expect(categoryOf("Meetings")).toBe("meeting");
    expect(categoryOf("Maintenance")).toBe("maintenance");
    expect(categoryOf("", "meeting, client")).toBe("meeting");
    expect(categoryOf("Automation build")).toBe("build");
    expect(categoryOf("Internal")).toBe("build");
    expect(categoryOf("training")).toBe("training");
  });

  it("takes the delimiter from the header line, not from inside quotes", () => {
    expect(delimiterOf("a,b,c")).toBe(",");
    expect(delimiterOf("a;b;c")).toBe(";");
    expect(delimiterOf('"a,b";c;d')).toBe(";");
    expect(delimiterOf("a\tb\tc")).toBe("\t");
    expect(delimiterOf("single")).toBe(",");
  });
});

describe("the fixture files", () => {
  it("reads Harvest's detailed time export", async () => {
    const { format, entries, refusals } = await readAll(fixture("harvest-detailed-time.csv"));
    expect(format).toBe("harvest");
    expect(refusals).toEqual([]);
    expect(entries).toHaveLength(8);
    expect(entries[0]).toMatchObject({
      row: 2, account: "Harbor & Pine Bakery", project: "Retainer 2026", person: "Sam Rivera", email: null, workDate: "2026-09-01",
      minutes: 150, billable: true, category: "build", description: "Order intake parser, first pass",
    });
    expect(entries[2]).toMatchObject({ description: 'Fixed the nightly export, "again"', minutes: 75, category: "maintenance" });
    expect(entries[4]).toMatchObject({ account: "Kiwi Freight Co.", billable: false, minutes: 60 });
    expect(entries.reduce((s, e) => s + e.minutes, 0)).toBe(Math.round((2.5 + 0.5 + 1.25 + 3 + 1 + 4 + 2 + 0.25) * 60));
  });

  it("reads Toggl Track's detailed report, an entry across midnight on its start date", async () => {
    const { format, entries, refusals } = await readAll(fixture("toggl-detailed.csv"));
    expect(format).toBe("toggl");
    expect(refusals).toEqual([]);
    expect(entries).toHaveLength(6);
    expect(entries[1]).toMatchObject({ category: "meeting", minutes: 30, email: "sam@practice.test", startSecond: 16 * 3600 });
    expect(entries[2]).toMatchObject({ workDate: "2026-09-02", minutes: 90, account: "Kiwi Freight Co." });
    expect(entries[4]).toMatchObject({ billable: false, category: "build" });
    expect(entries[5].description).toBe('Supplier invoice OCR, "v2"');
  });

  it("reads Clockify's detailed report with US dates and 12-hour times", async () => {
    const { format, entries, refusals } = await readAll(fixture("clockify-detailed.csv"));
    expect(format).toBe("clockify");
    expect(refusals).toEqual([]);
    expect(entries.map((e) => [e.workDate, e.startSecond, e.minutes])).toEqual([
      ["2026-09-01", 9 * 3600, 150], ["2026-09-02", 16 * 3600, 30], ["2026-09-03", 8 * 3600, 180], ["2026-09-04", 13 * 3600, 60], ["2026-09-08", 10 * 3600, 240],
    ]);
  });

  it("reads Clockify's older 17-column layout", async () => {
    const lines = fixture("clockify-detailed.csv").toString("utf8").trim().split("\n");
    const drop = new Set(["Type", "Invoiced", "Invoice ID", "Date of creation"]);
    const header = lines[0].split(",");
    const keep = header.map((h, i) => (drop.has(h) ? -1 : i)).filter((i) => i >= 0);
    // The fixture's rows have no quoted commas in the dropped columns, so splitting by the header works here.
    const rows = lines.map((l) => {
      const cells = l.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ""));
      return keep.map((i) => cells[i]).join(",");
    });
    const { format, entries } = await readAll(rows.join("\n"));
    expect(format).toBe("clockify-17");
    expect(entries).toHaveLength(5);
    expect(entries[4]).toMatchObject({ description: "Supplier invoice OCR, v2", minutes: 240 });
  });

  it("gives the same keys on a second read, and different keys to different rows", async () => {
    for (const name of ["harvest-detailed-time.csv", "toggl-detailed.csv", "clockify-detailed.csv"]) {
      const a = (await readAll(fixture(name))).entries.map((e) => e.key);
      const b = (await readAll(fixture(name), 1000)).entries.map((e) => e.key);
      expect(b).toEqual(a);
      expect(new Set(a).size).toBe(a.length);
    }
  });
});

const HARVEST_HEADER = "Date,Client,Project,Project Code,Task,Notes,Hours,Billable?,Invoiced?,Approved?,First Name,Last Name,Roles,Employee?,Billable Rate,Billable Amount,Cost Rate,Cost Amount,Currency,External Reference URL";
const harvestRow = (date: string, hours: string, notes = "Work", billable = "Yes") =>
  `${date},Acme,Retainer,,Build,${notes},${hours},${billable},No,Yes,Ana,Silva,,Yes,0,0,0,0,Euro - EUR,`;

describe("what real files come with", () => {
  it("a BOM, semicolons, CRLF, decimal commas, quoted multi-line notes and trailing empty lines", async () => {
    const text = "\uFEFF" + [
      HARVEST_HEADER.replaceAll(",", ";"),
      '2026-09-01;Acme;Retainer;;Build;"Line one;\r\nline ""two""";2,5;Yes;No;Yes;Ana;Silva;;Yes;0;0;0;0;Euro - EUR;',
      "01.09.2026;Acme;Retainer;;Meetings;Call;1.234,5;Yes;No;Yes;Ana;Silva;;Yes;0;0;0;0;Euro - EUR;",
      "2026-09-02;Acme;Retainer;;Build;Ünïcödé 株式会社;0,33;No;No;Yes;Ana;Silva;;Yes;0;0;0;0;Euro - EUR;",
      "", "", "",
    ].join("\r\n");
    const { format, entries, refusals } = await readAll(text, 3);
    expect(format).toBe("harvest");
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ row: 2, minutes: 150, description: 'Line one;\r\nline "two"' });
    expect(entries[1]).toMatchObject({ row: 4, minutes: 20, billable: false, description: "Ünïcödé 株式会社" });
    // 1.234,5 hours is a number, but no single entry is 1,234 hours.
    expect(refusals).toEqual([{ row: 3, column: "Hours", reason: expect.stringContaining("over 24 hours") }]);
  });

  it("refuses bad rows with their row, column and reason, and reads the rest", async () => {
    const text = [
      HARVEST_HEADER,
      harvestRow("2026-02-30", "1"),
      harvestRow("2026-09-01", "soon"),
      harvestRow("2026-09-01", "1", "Work", "Perhaps"),
      harvestRow("2026-09-01", "0"),
      harvestRow("2026-09-01", "1", ""),
      "2026-09-01,Acme,too,few",
      harvestRow("2026-09-01", "1"),
    ].join("\n");
    const { entries, refusals } = await readAll(text);
    expect(entries.map((e) => e.row)).toEqual([6, 8]);
    expect(refusals.map((r) => [r.row, r.column])).toEqual([[2, "Date"], [3, "Hours"], [4, "Billable?"], [5, "Hours"], [7, null]]);
    expect(refusals[0].reason).toBe('"2026-02-30" is not a date (use 2026-09-01 or 09/01/2026).');
    expect(refusals[4].reason).toBe("The row has 4 columns; the header has 20.");
    // Notes empty, so the task is the description.
    expect(entries.map((e) => e.description)).toEqual(["Build", "Work"]);
  });

  it("keeps two identical rows as two entries with two keys", async () => {
    const { entries } = await readAll([HARVEST_HEADER, harvestRow("2026-09-01", "0.5", "Check-in"), harvestRow("2026-09-01", "0.5", "Check-in")].join("\n"));
    expect(entries).toHaveLength(2);
    expect(entries[0].key).not.toBe(entries[1].key);
  });

  it("ignores Clockify breaks", async () => {
    const text = fixture("clockify-detailed.csv").toString("utf8").replace("REGULAR", "BREAK");
    const { entries, ignored } = await readAll(text);
    expect(entries).toHaveLength(4);
    expect(ignored).toEqual([{ type: "ignored", row: 2, reason: "a break, not work" }]);
  });

  it("reads its own ledger export: voided rows ignored, corrections refused, formula guards undone", async () => {
    const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
    const text = "\uFEFF" + [
      '"date","description","category","billable","minutes","hours","engineer","roadmap_item","status","void_reason","corrects_entry_dated","entry_id"',
      `"2026-09-01","'=SUM(A1)","meeting",true,45,0.75,"Sam Rivera",,"logged",,,"${id(1)}"`,
      `"2026-09-02","Gone","build",true,60,1,"Sam Rivera",,"voided","typo",,"${id(2)}"`,
      `"2026-09-03","Fix","build",true,-30,-0.5,"Sam Rivera",,"correction",,"2026-08-30","${id(3)}"`,
    ].join("\r\n") + "\r\n";
    const { format, entries, refusals, ignored } = await readAll(text);
    expect(format).toBe("portal");
    expect(entries).toEqual([expect.objectContaining({ account: "", description: "=SUM(A1)", category: "meeting", minutes: 45, key: expect.stringMatching(/^portal:/) })]);
    expect(ignored.map((i) => i.row)).toEqual([3]);
    expect(refusals.map((r) => [r.row, r.column])).toEqual([[4, "status"]]);
  });

  it("refuses an empty file, an unknown header, broken quoting and bytes that are not UTF-8, by name", async () => {
    expect(await refusalOf("")).toBe("The file is empty.");
    expect(await refusalOf("name,amount\nx,1\n")).toMatch(/^This file's columns are not a format the importer reads \(Harvest detailed time, Toggl/);
    expect(await refusalOf(`${HARVEST_HEADER}\n2026-09-01,"Acme,Retainer\n`)).toMatch(/^The file is not valid CSV/);
    const latin1 = Buffer.concat([Buffer.from(`${HARVEST_HEADER}\n`), Buffer.from([0x32, 0x30, 0xe9, 0x0a])]);
    await expect(readAll(latin1)).rejects.toThrow("The file is not UTF-8 text");
  });

  it("streams 50,000 rows without holding them", async () => {
    let n = 0;
    async function* big() {
      yield HARVEST_HEADER + "\n";
      for (let i = 0; i < 50_000; i++) yield harvestRow(`2026-09-${String(1 + (i % 28)).padStart(2, "0")}`, "0.25", `Row ${i}`) + "\n";
    }
    const reader = await openImport(big());
    for await (const e of reader.events) if (e.type === "entry") n++;
    expect(n).toBe(50_000);
  });
});
