// RFC 4180 CSV that spreadsheet software opens correctly: UTF-8 with a byte-order mark (Excel needs it to
// read UTF-8), CRLF line ends, every text field quoted, and text that a spreadsheet would run as a
// formula (=, +, -, @, tab, CR) prefixed with an apostrophe.
export type Cell = string | number | boolean | null;

const FORMULA = /^[=+\-@\t\r]/;

function cell(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  const safe = FORMULA.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** One CSV line (CRLF-terminated), for files written a row at a time. */
export const csvLine = (cells: Cell[]): string => `${cells.map(cell).join(",")}\r\n`;

export function toCsv(header: string[], rows: Cell[][]): string {
  return "\uFEFF" + [header.map(cell), ...rows.map((r) => r.map(cell))].map((r) => r.join(",")).join("\r\n") + "\r\n";
}
