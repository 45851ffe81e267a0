// Local invoice numbers as people read them: the practice's counter (private.invoice_counters, taken in the
// close's transaction) written INV-00001, INV-00002, … Padded to five digits and never cut: INV-99999 is
// followed by INV-100000 (the sequence this replaced used lpad, which truncates a sixth digit).

const PREFIX = "INV-";
const PATTERN = /^INV-(\d{1,15})$/;

/** The number printed on the `n`th local invoice (n ≥ 1). */
export function localInvoiceNumber(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`a local invoice number counts from 1, not ${n}`);
  return `${PREFIX}${String(n).padStart(5, "0")}`;
}

/** Where a local invoice number stands in the series (INV-00042 → 42); null for any other number (Stripe's). */
export function localInvoiceSerial(number: string | null): number | null {
  const m = number === null ? null : PATTERN.exec(number);
  return m ? Number(m[1]) : null;
}
