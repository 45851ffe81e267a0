// Integer money. Amounts are integer minor units of the client's currency (cents, yen); rates are minor
// units per hour; minutes are integers. Nothing here produces a fraction of a minor unit.

/** Rounds a / b to the nearest integer, halves away from zero (a ≥ 0, b > 0 in practice). */
export function divRoundHalfUp(a: number, b: number): number {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || b <= 0) throw new RangeError(`divRoundHalfUp(${a}, ${b})`);
  const sign = a < 0 ? -1 : 1;
  const abs = Math.abs(a);
  const q = Math.floor(abs / b);
  const r = abs - q * b;
  return sign * (2 * r >= b ? q + 1 : q) || 0; // `|| 0` turns -0 into 0
}

/** Rounds minutes up to a whole number of increments (overage is billed in increments). */
export function roundUpTo(minutes: number, increment: number): number {
  if (minutes <= 0) return 0;
  return Math.ceil(minutes / increment) * increment;
}

/** Price of `minutes` at `ratePerHour` minor units, rounded half up to a whole minor unit. */
export function priceMinutes(minutes: number, ratePerHour: number): number {
  const product = minutes * ratePerHour;
  if (!Number.isSafeInteger(product)) throw new RangeError("amount exceeds safe integer range");
  return divRoundHalfUp(product, 60);
}

/** Parses a decimal amount typed by a person ("1,234.50", "4000") into minor units, or null. */
export function parseAmount(text: string, digits: number): number | null {
  const s = text.trim().replace(/[,\s]/g, "").replace(/^[^\d-]+/, "");
  const m = /^(\d{1,12})(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const frac = m[2] ?? "";
  if (frac.length > digits) return null;
  const value = Number(m[1]) * 10 ** digits + Number(frac.padEnd(digits, "0") || "0");
  return Number.isSafeInteger(value) ? value : null;
}
