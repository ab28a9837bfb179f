import { TRPCClientError } from "@trpc/client";

const KNOWN = ["REFUND_EXCEEDS_REFUNDABLE", "ORDER_NOT_PAID", "TOP_UP_NOT_REFUNDABLE", "CONFLICT", "FORBIDDEN", "NOT_FOUND", "VALIDATION_FAILED"] as const;

/** The actionErrors.* message key for a failed mutation: the server's app code when we know it. */
export function actionErrorKey(error: unknown): (typeof KNOWN)[number] | "generic" {
  if (error instanceof TRPCClientError) {
    const data = error.data as { appCode?: string; code?: string } | undefined;
    const code = data?.appCode ?? data?.code;
    const known = KNOWN.find((k) => k === code);
    if (known) return known;
    if (data?.code === "BAD_REQUEST") return "VALIDATION_FAILED";
  }
  return "generic";
}
