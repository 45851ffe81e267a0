// Where sign-in returns to: the page a signed-out visitor asked for (a link from an email, a bookmark), carried
// through /login and /login/verify as `next`. Only a path on this site is honoured, never the sign-in or
// invitation pages themselves; anything else (another host, a scheme, `//host`, a backslash) is ignored and the
// person goes to their home, as before.

const PATH = /^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@%/?#]*$/;
const NOT_AFTER_SIGN_IN = /^\/(login|invite|api|no-access)(?=[/?#]|$)/;
const BASE = "http://next-path.invalid";

/** `value` when it is a same-site path worth returning to after signing in, else null. */
export function safeNextPath(value: unknown): string | null {
  if (typeof value !== "string" || value.length < 2 || value.length > 500) return null;
  if (!PATH.test(value) || NOT_AFTER_SIGN_IN.test(value)) return null;
  try {
    return new URL(value, BASE).origin === BASE ? value : null;
  } catch {
    return null;
  }
}
