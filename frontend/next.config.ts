import path from "node:path";
import type { NextConfig } from "next";

const root = path.resolve(__dirname);

const nextConfig: NextConfig = {
  // A self-contained server (`.next/standalone/server.js`) that scripts/run.sh starts.
  output: "standalone",
  outputFileTracingRoot: root,
  turbopack: { root },
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: {
    // Only applies if a proxy (middleware) file is ever added: it would otherwise buffer and cut
    // request bodies at 10 MB, and uploads go up to the backend's 50 MB limit.
    proxyClientMaxBodySize: "60mb",
  },
};

export default nextConfig;
