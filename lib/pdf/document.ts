// What every PDF of the portal shares (invoices, statements): the page, the fonts, the grid of a table that
// wraps its descriptions and breaks across pages, the rows of figures, and the finished bytes. Rendering only:
// a document is drawn from view data handed in; nothing here reads the database or the clock.
//
// The font is Noto Sans JP (regular and bold, OFL), shipped by the pinned npm package
// @expo-google-fonts/noto-sans-jp: it covers Latin with macrons (Tāmaki Makaurau), Japanese (株式会社, 消費税)
// and the figures and dashes the formatters print. pdfkit embeds only the glyphs a document uses (a subset),
// so a PDF stays small although the font files are 5 MB each. The files are read from node_modules at the
// project root (next.config.ts traces them into every server function, which may deliver mail).
import fs from "node:fs";
import path from "node:path";
import * as fontkit from "fontkit";
import PDFDocument from "pdfkit";

export type Doc = PDFKit.PDFDocument;

// Hidden from the bundler's tracing (which would take the package's nine weights, 50 MB, into every function):
// next.config.ts's outputFileTracingIncludes names exactly these two files instead.
const FONT_FILES = {
  regular: () => path.join(/* turbopackIgnore: true */ process.cwd(), "node_modules/@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf"),
  bold: () => path.join(/* turbopackIgnore: true */ process.cwd(), "node_modules/@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf"),
} as const;
export type Weight = keyof typeof FONT_FILES;

// Parsed once per process and shared by every document: a CJK font's layout tables are large, and parsing
// them per document cost ~0.5 s a PDF. pdfkit takes a fontkit font as is and still subsets per document.
const fonts = new Map<Weight, fontkit.Font>();
function font(weight: Weight): fontkit.Font {
  let f = fonts.get(weight);
  if (!f) {
    f = fontkit.create(fs.readFileSync(FONT_FILES[weight]())) as fontkit.Font;
    fonts.set(weight, f);
  }
  return f;
}

export const INK = "#0f172a";
export const MUTED = "#475569";
export const RULE = "#cbd5e1";
export const FAINT_RULE = "#e2e8f0";
export const MARGIN = 50;

/** Letter where the practice bills in US or Canadian dollars, A4 elsewhere. */
export const paperFor = (currency: string) => (currency === "USD" || currency === "CAD" ? "LETTER" : "A4");

export interface DocInfo {
  title: string;
  author: string;
  /** When the document's facts were fixed (an invoice's issue): the PDF's creation date, so a re-render is byte-stable. */
  createdAt: Date | null;
  size: string;
}

/** A new document on the portal's fonts (never pdfkit's built-in Helvetica, which has no Japanese). */
export function newDocument(info: DocInfo): Doc {
  const doc = new PDFDocument({
    size: info.size, margin: MARGIN, bufferPages: true, font: font("regular") as unknown as string, lang: "en",
    info: { Title: info.title, Author: info.author, Creator: "Retainer Portal", ...(info.createdAt ? { CreationDate: info.createdAt } : {}) },
    displayTitle: true,
  });
  doc.registerFont("regular", font("regular") as unknown as string);
  doc.registerFont("bold", font("bold") as unknown as string);
  doc.font("regular").fillColor(INK);
  return doc;
}

/** The document's bytes once every page is drawn. */
export function finish(doc: Doc, footer?: (page: number, pages: number) => string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const range = doc.bufferedPageRange();
  if (footer && range.count > 1) {
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.height - MARGIN / 2 - 8;
      // Drawn inside the bottom margin: lift the margin so pdfkit does not start a new page for it.
      const saved = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.font("regular").fontSize(8).fillColor(MUTED).text(footer(i - range.start + 1, range.count), MARGIN, bottom, { width: contentWidth(doc), align: "right", lineBreak: false });
      doc.page.margins.bottom = saved;
    }
  }
  doc.end();
  return done;
}

export const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottomLimit = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** A new page when fewer than `height` points are left on this one; true when it broke. */
export function ensureSpace(doc: Doc, height: number): boolean {
  if (doc.y + height <= bottomLimit(doc)) return false;
  doc.addPage();
  return true;
}

/** A small upper-case heading over a block ("BILL TO", "HOURS THIS PERIOD"). */
export function label(doc: Doc, text: string, x: number, y: number, opts: { width?: number; align?: "left" | "right" } = {}) {
  doc.font("regular").fontSize(8).fillColor(MUTED).text(text.toUpperCase(), x, y, { characterSpacing: 0.6, ...opts });
  doc.fillColor(INK);
}

export function hr(doc: Doc, y: number, opts: { color?: string; width?: number } = {}) {
  doc.save().moveTo(MARGIN, y).lineTo(MARGIN + contentWidth(doc), y).lineWidth(opts.width ?? 0.75).strokeColor(opts.color ?? RULE).stroke().restore();
}

export interface Column<Row> {
  header: string;
  /** Share of the free width (the flexible column) or a fixed width in points. */
  width: number | "flex";
  align?: "left" | "right";
  text: (row: Row) => string;
  /** A second, smaller line under the cell's text (a line's detail). */
  detail?: (row: Row) => string | undefined;
}

const CELL_PAD = 8;
const ROW_PAD = 5;
const NUMERIC = { features: ["tnum"] as PDFKit.Mixins.OpenTypeFeatures[] };

function columnXs<Row>(doc: Doc, columns: Column<Row>[]): { x: number; w: number }[] {
  const fixed = columns.reduce((s, c) => s + (c.width === "flex" ? 0 : c.width), 0);
  const flex = contentWidth(doc) - fixed;
  let x = MARGIN;
  return columns.map((c) => {
    const w = c.width === "flex" ? flex : c.width;
    const at = { x, w };
    x += w;
    return at;
  });
}

/**
 * A table: a header row, then one row per item with its description wrapped in its column and every other
 * column aligned (right for figures, tabular digits). A row that does not fit starts a new page, which repeats
 * the header row first.
 */
export function table<Row>(doc: Doc, columns: Column<Row>[], rows: Row[], opts: { fontSize?: number } = {}) {
  const size = opts.fontSize ?? 9.5;
  const xs = columnXs(doc, columns);
  const cellWidth = (i: number) => xs[i].w - (i === 0 ? 0 : CELL_PAD);
  const cellX = (i: number) => xs[i].x + (i === 0 ? 0 : CELL_PAD);

  const header = () => {
    const y = doc.y;
    columns.forEach((c, i) => label(doc, c.header, cellX(i), y, { width: cellWidth(i), align: c.align ?? "left" }));
    doc.y = y + 14;
    hr(doc, doc.y, { color: RULE });
    doc.y += ROW_PAD;
  };
  const heightOf = (row: Row) => Math.max(...columns.map((c, i) => {
    doc.font("regular").fontSize(size);
    let h = doc.heightOfString(c.text(row) || " ", { width: cellWidth(i), ...NUMERIC });
    const d = c.detail?.(row);
    if (d) h += doc.fontSize(size - 1.5).heightOfString(d, { width: cellWidth(i) }) + 1;
    return h;
  }));

  header();
  rows.forEach((row, r) => {
    const h = heightOf(row);
    if (ensureSpace(doc, h + ROW_PAD * 2)) header();
    const y = doc.y;
    columns.forEach((c, i) => {
      doc.font("regular").fontSize(size).fillColor(INK).text(c.text(row), cellX(i), y, { width: cellWidth(i), align: c.align ?? "left", ...NUMERIC });
      const d = c.detail?.(row);
      if (d) doc.fontSize(size - 1.5).fillColor(MUTED).text(d, cellX(i), doc.y + 1, { width: cellWidth(i), align: c.align ?? "left" });
    });
    doc.fillColor(INK);
    doc.y = y + h + ROW_PAD;
    if (r < rows.length - 1) hr(doc, doc.y, { color: FAINT_RULE, width: 0.5 });
    doc.y += ROW_PAD;
  });
}

/** A row of a figures block: a label (with an optional detail under it) and its value, right-aligned. */
export interface FigureRow {
  label: string;
  value: string;
  detail?: string;
  /** The block's result (a total): bold, over a heavier rule. */
  strong?: boolean;
}

/**
 * Label–value rows in a block of `width` at the right (`align: "right"`, totals) or left (hours). Rows are
 * data: a block of totals with net, tax per rate and gross is the same call with more rows.
 */
export function figures(doc: Doc, rows: FigureRow[], opts: { width: number; align: "left" | "right"; fontSize?: number; valueWidth?: number }) {
  const size = opts.fontSize ?? 9.5;
  const x = opts.align === "right" ? MARGIN + contentWidth(doc) - opts.width : MARGIN;
  const valueWidth = opts.valueWidth ?? 110;
  const labelWidth = opts.width - valueWidth - CELL_PAD;
  for (const row of rows) {
    const rowSize = row.strong ? size + 2 : size;
    doc.font(row.strong ? "bold" : "regular").fontSize(rowSize);
    const labelHeight = doc.heightOfString(row.label, { width: labelWidth });
    const detailHeight = row.detail ? doc.font("regular").fontSize(size - 1.5).heightOfString(row.detail, { width: labelWidth }) + 1 : 0;
    const h = labelHeight + detailHeight;
    ensureSpace(doc, h + 10);
    if (row.strong) {
      doc.save().moveTo(x, doc.y).lineTo(x + opts.width, doc.y).lineWidth(1.5).strokeColor(INK).stroke().restore();
      doc.y += 6;
    }
    const y = doc.y;
    doc.font(row.strong ? "bold" : "regular").fontSize(rowSize).fillColor(INK)
      .text(row.label, x, y, { width: labelWidth, align: opts.align === "right" ? "right" : "left" });
    if (row.detail) doc.font("regular").fontSize(size - 1.5).fillColor(MUTED).text(row.detail, x, doc.y + 1, { width: labelWidth, align: opts.align === "right" ? "right" : "left" });
    doc.font(row.strong ? "bold" : "regular").fontSize(rowSize).fillColor(INK).text(row.value, x + labelWidth + CELL_PAD, y, { width: valueWidth, align: "right", ...NUMERIC });
    doc.y = y + h + 4;
    if (!row.strong && opts.align === "left") {
      hr2(doc, x, x + opts.width, doc.y);
      doc.y += 4;
    }
  }
}

function hr2(doc: Doc, x1: number, x2: number, y: number) {
  doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(0.5).strokeColor(FAINT_RULE).stroke().restore();
}

/** A boxed block of text under a heading (How to pay); it moves to the next page whole rather than split. */
export function box(doc: Doc, heading: string, draw: (x: number, width: number) => void, measure: (width: number) => number) {
  const pad = 10;
  const width = contentWidth(doc);
  const inner = width - pad * 2;
  const h = measure(inner) + 14 + pad * 2;
  ensureSpace(doc, h);
  const top = doc.y;
  label(doc, heading, MARGIN + pad, top + pad);
  doc.y = top + pad + 14;
  draw(MARGIN + pad, inner);
  const bottom = Math.max(doc.y + pad, top + h);
  doc.save().roundedRect(MARGIN, top, width, bottom - top, 4).lineWidth(0.75).strokeColor(RULE).stroke().restore();
  doc.y = bottom;
}

/** A download's file name: letters, digits, dot, dash and underscore only (an invoice number is the practice's text). */
export function safeFilename(stem: string, fallback: string): string {
  const clean = stem.normalize("NFKD").replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+|-+$/g, "").slice(0, 80);
  return `${clean || fallback}.pdf`;
}
