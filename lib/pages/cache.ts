import "server-only";
import { LRUCache } from "lru-cache";

// What a client's dashboard and ledger show, kept in memory per server under a key that includes the
// person, the client, the client's data version and the client's day:
//   - the version (private.client_data_versions) moves with every write those pages read, by triggers, so a
//     cached copy is never served after a change, whichever server, action or job made it;
//   - the person is in the key because the data was read under their RLS; the access check runs live on every
//     request (it is what returns the version), so a removed member is refused before the cache is consulted;
//   - the day is in the key because the forecast and the burn-up depend on today in the client's zone.
// Entries hold promises, so concurrent requests for the same key share one load. Values are shared between
// requests: treat them as read-only.

// A month of a busy ledger is ~70 kB in memory: 500 entries bound the cache to tens of MB. Copies for old
// versions or days are never read again; the hour's TTL lets them go even when nothing else pushes them out.
const cache = new LRUCache<string, Promise<unknown>>({ max: 500, ttl: 60 * 60 * 1000 });

export function cachedPageData<T>(key: (string | number)[], load: () => Promise<T>): Promise<T> {
  const k = key.join("\u0000");
  const hit = cache.get(k);
  if (hit) return hit as Promise<T>;
  const p = load();
  cache.set(k, p);
  p.catch(() => cache.delete(k)); // a failed load is not remembered
  return p;
}
