// Display helpers used by components. Amounts arrive as integer minor units (cents, yen) with their
// currency; durations as integer minutes; instants as ISO strings or Dates, shown in a given zone.

const fractionDigitsCache = new Map<string, number>();

// Intl formatters are costly to build and safe to share: one per locale and options.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}
function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify(options);
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat("en-US", options)));
  return f;
}

/** Minor-unit digits of a currency (2 for USD, 0 for JPY, 3 for BHD). */
export function currencyDigits(currency: string): number {
  let d = fractionDigitsCache.get(currency);
  if (d === undefined) {
    d = numberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    fractionDigitsCache.set(currency, d);
  }
  return d;
}

/** Integer minor units → a decimal string without floating point ("123456", 2 → "1234.56"). */
export function minorToDecimal(amount: number | bigint, digits: number): string {
  const n = BigInt(amount);
  const negative = n < 0n;
  const abs = (negative ? -n : n).toString().padStart(digits + 1, "0");
  const whole = abs.slice(0, abs.length - digits);
  const frac = digits ? `.${abs.slice(abs.length - digits)}` : "";
  return `${negative ? "-" : ""}${whole}${frac}`;
}

export function formatMoney(amountMinor: number | bigint, currency: string, locale = "en-US"): string {
  const digits = currencyDigits(currency);
  const fmt = numberFormat(locale, { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
  return fmt.format(minorToDecimal(amountMinor, digits) as unknown as number);
}

/** 750 → "12h 30m"; 60 → "1h"; 45 → "45m"; negative minutes keep their sign. */
export function formatMinutes(minutes: number): string {
  const sign = minutes < 0 ? "−" : "";
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  if (h === 0) return `${sign}${m}m`;
  return m === 0 ? `${sign}${h}h` : `${sign}${h}h ${m}m`;
}

/** A count as people read it: 200,000. */
export const formatCount = (n: number): string => n.toLocaleString("en-US");

/** A count and its noun: 1 → "1 entry", 1234 → "1,234 entries" (`many` for irregular plurals). */
export const plural = (n: number, one: string, many = `${one}s`): string => `${formatCount(n)} ${n === 1 ? one : many}`;

/** Minutes as decimal hours with two places, for exports and compact figures. */
export const decimalHours = (minutes: number): string => (minutes / 60).toFixed(2);

export function formatDate(localDate: string, opts: Intl.DateTimeFormatOptions = { month: "short", day: "numeric", year: "numeric" }): string {
  // A local date is a calendar day; format it in UTC so no zone shifts it.
  return dateFormat({ ...opts, timeZone: "UTC" }).format(new Date(`${localDate}T00:00:00Z`));
}

export function formatMonth(month: string): string {
  return formatDate(month, { month: "long", year: "numeric" });
}

/** A date and time with its zone, so nobody reads another zone's clock: "Dec 1, 2026, 3:00 PM PST". */
const WITH_ZONE: Intl.DateTimeFormatOptions = { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" };

/**
 * An instant in `zone`. Where the short zone name is only an offset ("GMT+13" for Auckland, "GMT+9" for Tokyo,
 * while Los Angeles reads "PST"), the zone's city is named instead: "Auckland time".
 */
export function formatInstant(at: Date | string, zone: string, opts: Intl.DateTimeFormatOptions = WITH_ZONE): string {
  const parts = dateFormat({ ...opts, timeZone: zone }).formatToParts(typeof at === "string" ? new Date(at) : at);
  // formatToParts spells the space before AM/PM as U+202F where format() writes a plain one: keep format()'s.
  return parts.map((p) => (p.type === "timeZoneName" && /^GMT[+-]/.test(p.value) ? zoneCity(zone) : p.value.replace(/\u202f/g, " "))).join("");
}

/** "Pacific/Auckland" → "Auckland time"; "America/Argentina/Buenos_Aires" → "Buenos Aires time". */
function zoneCity(zone: string): string {
  const city = zone.split("/").pop()!.replace(/_/g, " ");
  return /^(GMT|UTC|Etc)/i.test(zone) ? zone : `${city} time`;
}

/**
 * The supply period of a month's invoice: its first to last day, "1–30 November 2026" (February 2028: "1–29").
 * A month here is the client's calendar month (its days in the client's zone), so no zone shifts it.
 */
export function formatSupplyPeriod(month: string): string {
  const [y, m] = month.split("-").map(Number);
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `1–${lastDay} ${formatMonth(month)}`;
}

/**
 * The supply period of an invoice whose lines are for these months (a fee billed in advance is for the next
 * month): one month as above, or from the first day of the earliest to the last of the latest,
 * "1 December 2026 – 31 January 2027".
 */
export function formatSupplyPeriodOf(months: readonly string[]): string {
  const sorted = [...new Set(months)].sort();
  if (sorted.length <= 1) return formatSupplyPeriod(sorted[0]);
  const last = sorted[sorted.length - 1];
  const [y, m] = last.split("-").map(Number);
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `1 ${formatMonth(sorted[0])} – ${lastDay} ${formatMonth(last)}`;
}

const REGIONS = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });

/** "NZ" → "New Zealand"; blank stays blank. */
export function formatCountry(code: string): string {
  return code ? (REGIONS.of(code) ?? code) : "";
}

const COUNTRY_ALIASES: Record<string, string[]> = { US: ["USA", "U.S.A.", "United States of America"], GB: ["UK", "U.K.", "Great Britain"], NZ: ["Aotearoa New Zealand"] };

/** An address as printed, one line each, closed by the country unless the address already names it ("… Japan", "…, USA"). */
export function addressLines(text: string, country: string): string[] {
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
  const names = [formatCountry(country), country, ...(COUNTRY_ALIASES[country] ?? [])];
  const last = lines[lines.length - 1] ?? "";
  const named = lines.length > 0 && names.some((n) => new RegExp(`(^|[\\s,])${n.replace(/\./g, "\\.")}$`, "i").test(last));
  return country && !named ? [...lines, formatCountry(country)] : lines;
}

/** A file's size for people: "820 bytes", "14 kB", "2.4 MB" (decimal units, as file managers show them). */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} ${n === 1 ? "byte" : "bytes"}`;
  if (n < 1_000_000) return `${Math.round(n / 1000)} kB`;
  return `${(n / 1_000_000).toFixed(1)} MB`;
}
