// A session's browser in words ("Chrome on macOS"), from its User-Agent, for the lists of sessions and
// sign-ins. Parsed by bowser; an unknown or missing agent reads "Unknown browser".
import Bowser from "bowser";

export function deviceLabel(userAgent: string | null | undefined): string {
  if (!userAgent) return "Unknown browser";
  const ua = Bowser.parse(userAgent);
  const browser = ua.browser.name;
  const os = ua.os.name;
  const kind = ua.platform.type === "mobile" ? "phone" : ua.platform.type === "tablet" ? "tablet" : null;
  if (!browser && !os) return "Unknown browser";
  return [browser ?? "A browser", os ? `on ${os}` : null, kind && !/iOS|Android/.test(os ?? "") ? `(${kind})` : null].filter(Boolean).join(" ");
}
