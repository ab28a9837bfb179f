import { TRPCClientError } from "@trpc/client";

/** The profitSharing.errors.* key of a failed mutation (never the server's raw message). */
export function psErrorKey(error: unknown): "generic" | "forbidden" | "conflict" | "invalid" | "limit" | "unavailable" {
  if (!(error instanceof TRPCClientError)) return "generic";
  const data = error.data as { appCode?: string; code?: string } | undefined;
  const code = data?.appCode ?? data?.code;
  if (code === "SPLIT_EXCEEDS_SPLITTABLE" || code === "SPLIT_LIMIT_EXCEEDED") return "limit";
  if (code === "FORBIDDEN") return "forbidden";
  if (code === "SERVICE_UNAVAILABLE" || code === "CHANNEL_ERROR") return "unavailable";
  if (code === "BAD_REQUEST" || code === "VALIDATION_FAILED") return "invalid";
  if (code === "CONFLICT" || code === "RECEIVER_EXISTS" || code === "SPLIT_FINISHED" || code === "PROFIT_SHARING_NOT_ENABLED" || code?.endsWith("_NOT_FOUND") || code === "NOT_FOUND") return "conflict";
  return "generic";
}
