import pino from "pino";
import { currentRequestContext } from "./request-context";

/**
 * Structured JSON logs. Every line written while a request is handled carries its requestId
 * (the same id the Open API returns as `requestId` and the X-Request-Id response header).
 */
function createLogger() {
  return pino({
    level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
    base: { service: "paycenter" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: {
      paths: ["*.password", "*.secret", "*.passwordHash", "*.privateKeyPem", "*.apiV3Key", "headers.authorization", "headers.cookie"],
      censor: "[redacted]",
    },
    mixin() {
      const context = currentRequestContext();
      return context ? { requestId: context.requestId, route: context.route } : {};
    },
  });
}

export const logger: pino.Logger = ((globalThis as Record<string, unknown>).__paycenterLogger ??= createLogger()) as pino.Logger;
