import "server-only";
// Where a webhook may go (issue 22): https to a public address. The host is resolved here and every address it
// names is checked against the private, loopback, link-local, unique-local, CGNAT, multicast and reserved
// ranges (net.BlockList); the request is then made to the address that was checked, so a DNS answer that changes
// between the check and the connection (rebinding) cannot steer it inside. WEBHOOKS_ALLOW_LOOPBACK=1 lets tests
// use http to 127.0.0.1 / ::1 and nothing else private.
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { env } from "@/lib/platform/env";
import { testSettingsAllowed } from "@/lib/platform/embedded";

const blocked = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12], ["192.0.0.0", 24],
  ["192.0.2.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24], ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) blocked.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  // (IPv4-mapped and NAT64 ranges are not listed: BlockList matches them against the IPv4 rules above.)
  ["::", 128], ["::1", 128], ["100::", 64], ["2001:db8::", 32], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8],
] as const) blocked.addSubnet(net, bits, "ipv6");
const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

/**
 * WEBHOOKS_ALLOW_LOOPBACK=1, honoured only where test settings are (lib/platform/embedded): a real deployment
 * that sets it still sends nothing to its own host.
 */
export const loopbackAllowed = (): boolean => env().WEBHOOKS_ALLOW_LOOPBACK === "1" && testSettingsAllowed();

export interface Destination { url: URL; address: string; family: 4 | 6 }

/** Why `url` may not receive webhooks, as a sentence; null when it may. */
export function urlProblem(raw: string, allowLoopback: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "That is not a URL.";
  }
  if (url.username || url.password) return "Leave credentials out of the URL; verify deliveries by their signature instead.";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && allowLoopback && ["127.0.0.1", "[::1]", "localhost"].includes(url.hostname)) return null;
  return "Use an https:// URL.";
}

/** The address to connect to, once the host resolves only to public addresses (or loopback, when allowed). */
export async function resolveDestination(raw: string, allowLoopback: boolean): Promise<Destination> {
  const problem = urlProblem(raw, allowLoopback);
  if (problem) throw new Error(problem);
  const url = new URL(raw);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const answers = isIP(host) ? [{ address: host, family: isIP(host) as 4 | 6 }] : await lookup(host, { all: true, verbatim: true });
  if (!answers.length) throw new Error(`${host} does not resolve.`);
  for (const a of answers) {
    const type = a.family === 6 ? "ipv6" : "ipv4";
    if (allowLoopback && loopback.check(a.address, type)) continue;
    if (blocked.check(a.address, type)) throw new Error(`${host} resolves to ${a.address}, a private or reserved address: webhooks go to public addresses only.`);
  }
  return { url, address: answers[0].address, family: answers[0].family as 4 | 6 };
}
