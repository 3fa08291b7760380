import type { NextConfig } from "next";

// The app is a static export served by the API process at `/` (same origin as `/v1`).
// `make web-dev` runs `next dev` and forwards `/v1` to a running API (INERGIZE_API_URL).
const apiUrl = process.env.INERGIZE_API_URL ?? "http://127.0.0.1:8000";
const isDev = process.env.NODE_ENV === "development";

const config: NextConfig = {
  output: "export",
  trailingSlash: true,
  reactStrictMode: true,
  poweredByHeader: false,
  images: { unoptimized: true },
  // The repository writes its own guides; the dev server must not add files to the tree.
  agentRules: false,
  experimental: { agentUpgrade: false },
  // Rewrites exist only for the dev server; a static export cannot carry them.
  ...(isDev
    ? {
        // `/v1/x` must reach the API as is, not be redirected to `/v1/x/` like a page.
        skipTrailingSlashRedirect: true,
        async rewrites() {
          return [{ source: "/v1/:path*", destination: `${apiUrl}/v1/:path*` }];
        },
      }
    : {}),
};

export default config;
