// `npm run bench` runs lib code outside Next: the close renders its mails with react-email, which needs
// react-dom/server, and that refuses to load under the react-server condition. So the bench runs under the
// default conditions, and this hook gives `server-only` (Next's marker that a module never reaches a browser)
// its no-op, as the react-server condition does in Next and vitest's alias does in the tests.
import { register } from "node:module";

const empty = new URL("../node_modules/server-only/empty.js", import.meta.url).href;
register("data:text/javascript," + encodeURIComponent(`
  export async function resolve(specifier, context, next) {
    if (specifier === "server-only") return { url: ${JSON.stringify(empty)}, shortCircuit: true };
    return next(specifier, context);
  }
`), import.meta.url);
