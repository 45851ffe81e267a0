// A handbook page as a PDF (issue 26), drawn on the server from its Markdown: headings, paragraphs, lists (numbered
// steps stay numbered), code, quotes, tables as rows, and the page's own PNG and JPEG images; a Mermaid diagram is
// drawn only in the browser, so the PDF shows its source under a line that says so, and any other image its text.
// Links are their words (the PDF is read away from the portal). Rendering only: the view hands everything in.
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { formatInstant } from "@/lib/format";
import { contentWidth, ensureSpace, finish, hr, INK, label, MARGIN, MUTED, newDocument, safeFilename, type Doc } from "@/lib/pdf/document";

export interface HandbookPdfView {
  clientName: string;
  timezone: string;
  paper: string;
  page: { title: string; section: string; visibility: string; version: number; updatedAt: Date; updatedByName: string | null; bodyMd: string };
  /** The page's images PDF can draw (PNG and JPEG), by the path the Markdown names them with. */
  images: Map<string, Uint8Array>;
}

interface Node {
  type: string;
  children?: Node[];
  value?: string;
  depth?: number;
  ordered?: boolean | null;
  start?: number | null;
  lang?: string | null;
  url?: string;
  alt?: string | null;
}

const CODE_BG = "#f1f5f9";
const BODY = 10.5;

/** The words of inline content, as read (links and emphasis are their words; an image its alt text). */
function words(nodes: Node[] = []): string {
  return nodes.map((n) => {
    if (n.type === "text" || n.type === "inlineCode") return n.value ?? "";
    if (n.type === "break") return "\n";
    if (n.type === "image") return `[image: ${n.alt ?? ""}]`;
    return words(n.children);
  }).join("");
}

function paragraph(doc: Doc, n: Node, view: HandbookPdfView, indent: number) {
  // An image on its own line that is one of the page's files: drawn, as wide as fits.
  const only = n.children?.length === 1 ? n.children[0] : null;
  const bytes = only?.type === "image" && only.url ? view.images.get(only.url) : undefined;
  if (bytes) {
    const width = contentWidth(doc) - indent;
    try {
      // pdfkit reads the image once to learn its size (openImage is in pdfkit, not in its type definitions).
      const image = (doc as unknown as { openImage(src: Buffer): { width: number; height: number } }).openImage(Buffer.from(bytes));
      const scale = Math.min(1, width / image.width, 360 / image.height);
      ensureSpace(doc, image.height * scale + 8);
      doc.image(image as unknown as Buffer, MARGIN + indent, doc.y, { width: image.width * scale });
      doc.y += image.height * scale;
      doc.moveDown(0.5);
      return;
    } catch {
      // An image pdfkit cannot read is shown as its text, as anywhere else.
    }
  }
  doc.font("regular").fontSize(BODY).fillColor(INK).text(words(n.children), MARGIN + indent, doc.y, { width: contentWidth(doc) - indent });
  doc.moveDown(0.5);
}

function codeBlock(doc: Doc, text: string, indent: number, caption?: string) {
  if (caption) {
    doc.font("regular").fontSize(8.5).fillColor(MUTED).text(caption, MARGIN + indent, doc.y, { width: contentWidth(doc) - indent });
    doc.moveDown(0.2);
  }
  const width = contentWidth(doc) - indent;
  doc.font("regular").fontSize(8.5);
  const height = doc.heightOfString(text, { width: width - 12 }) + 10;
  ensureSpace(doc, Math.min(height, 200));
  const top = doc.y;
  if (top + height <= doc.page.height - doc.page.margins.bottom) doc.save().rect(MARGIN + indent, top, width, height).fill(CODE_BG).restore();
  doc.fillColor(INK).text(text, MARGIN + indent + 6, top + 5, { width: width - 12 });
  doc.y = Math.max(doc.y, top + height);
  doc.moveDown(0.5);
}

function blocks(doc: Doc, nodes: Node[], view: HandbookPdfView, indent = 0) {
  for (const n of nodes) {
    switch (n.type) {
      case "heading": {
        const size = n.depth === 1 ? 16 : n.depth === 2 ? 13.5 : 11.5;
        ensureSpace(doc, size * 3);
        doc.moveDown(0.3);
        doc.font("bold").fontSize(size).fillColor(INK).text(words(n.children), MARGIN + indent, doc.y, { width: contentWidth(doc) - indent });
        doc.moveDown(0.35);
        break;
      }
      case "paragraph":
        paragraph(doc, n, view, indent);
        break;
      case "list": {
        let number = n.start ?? 1;
        for (const item of n.children ?? []) {
          const marker = n.ordered ? `${number++}.` : "•";
          ensureSpace(doc, BODY * 2);
          const y = doc.y;
          doc.font("regular").fontSize(BODY).fillColor(INK).text(marker, MARGIN + indent, y, { width: 18, align: "right", lineBreak: false });
          doc.y = y;
          blocks(doc, item.children ?? [], view, indent + 24);
        }
        break;
      }
      case "code":
        codeBlock(doc, n.value ?? "", indent, n.lang === "mermaid" ? "Diagram: drawn on the page in the portal; its source:" : undefined);
        break;
      case "blockquote":
        doc.fillColor(MUTED);
        blocks(doc, n.children ?? [], view, indent + 14);
        doc.fillColor(INK);
        break;
      case "table":
        for (const row of n.children ?? []) {
          doc.font("regular").fontSize(9.5).fillColor(INK).text((row.children ?? []).map((cell) => words(cell.children)).join("  |  "), MARGIN + indent, doc.y, { width: contentWidth(doc) - indent });
        }
        doc.moveDown(0.5);
        break;
      case "thematicBreak":
        hr(doc, doc.y + 4);
        doc.moveDown(1);
        break;
      default:
        // Raw HTML is never rendered (as on the page); anything else block-like, by its words.
        if (n.type !== "html" && n.children) blocks(doc, n.children, view, indent);
    }
  }
}

export function handbookPdfFilename(view: HandbookPdfView): string {
  return safeFilename(`${view.clientName} ${view.page.title}`, "handbook-page");
}

export function renderHandbookPdf(view: HandbookPdfView): Promise<Buffer> {
  const { page } = view;
  const doc = newDocument({ title: `${page.title} · ${view.clientName}`, author: view.clientName, createdAt: page.updatedAt, size: view.paper });
  label(doc, `${view.clientName} · handbook · ${page.section}`, MARGIN, MARGIN);
  doc.font("bold").fontSize(20).fillColor(INK).text(page.title, MARGIN, MARGIN + 16, { width: contentWidth(doc) });
  doc.moveDown(0.2);
  doc.font("regular").fontSize(8.5).fillColor(MUTED)
    .text(`${page.visibility} · version ${page.version}, saved ${formatInstant(page.updatedAt, view.timezone)}${page.updatedByName ? ` by ${page.updatedByName}` : ""}`, { width: contentWidth(doc) });
  doc.moveDown(0.4);
  hr(doc, doc.y);
  doc.moveDown(0.8);
  const tree = unified().use(remarkParse).use(remarkGfm).parse(page.bodyMd) as unknown as Node;
  if (tree.children?.length) blocks(doc, tree.children, view);
  else doc.font("regular").fontSize(BODY).fillColor(MUTED).text("This page is empty.");
  return finish(doc, (n, pages) => `${view.clientName} · ${page.title} · page ${n} of ${pages}`);
}
