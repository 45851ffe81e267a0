/** Rows grouped by key, with an (empty) entry for every key asked for. */
export function groupBy<T>(keys: string[], rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const r of rows) out.get(key(r))?.push(r);
  return out;
}

