import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WebAssembly and data files it loads from its own folder; node-postgres
  // has optional native bindings. Both run as plain Node modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  // Compression belongs to the proxy or load balancer in front of the stateless web
  // tier. In-process gzip of a 100 x 100 correlation matrix (~180 kB of JSON) tripled
  // its latency (p50 9 -> 31 ms) and costs more than it saves on a local machine.
  compress: false,
  // Resolve each page's <title> before the HTML is sent, for every user agent. Next
  // otherwise streams async metadata in later, and a screen reader (or axe) can meet
  // a document without a title.
  htmlLimitedBots: /.*/,
  typedRoutes: false,
  // The headers every response carries (the Content-Security-Policy, which needs a nonce
  // per response, is set in proxy.ts).
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
