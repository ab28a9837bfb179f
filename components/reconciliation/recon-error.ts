import { TRPCClientError } from "@trpc/client";

const KNOWN = [
  "DIFFERENCE_RESOLVED",
  "DIFFERENCE_NOT_FOUND",
  "RECONCILIATION_IN_PROGRESS",
  "BILL_NOT_READY",
  "SERVICE_UNAVAILABLE",
  "FORBIDDEN",
  "VALIDATION_FAILED",
  "NOT_FOUND",
] as const;
export type ReconErrorKey = (typeof KNOWN)[number] | "generic";

/** The reconciliation.errors.* key of a failed call (a bulk outcome's code, or a mutation's error). */
export function reconErrorKey(error: unknown): ReconErrorKey {
  const code =
    typeof error === "string"
      ? error
      : error instanceof TRPCClientError
        ? ((error.data as { appCode?: string; code?: string } | undefined)?.appCode ?? (error.data as { code?: string } | undefined)?.code)
        : undefined;
  const known = KNOWN.find((k) => k === code);
  if (known) return known;
  if (code === "BAD_REQUEST") return "VALIDATION_FAILED";
  return "generic";
}
