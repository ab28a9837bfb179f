import { TRPCClientError } from "@trpc/client";

const KNOWN = ["SETTLEMENT_NOT_FOUND", "INVALID_TRANSITION", "FORBIDDEN", "VALIDATION_FAILED"] as const;
export type SettlementErrorKey = (typeof KNOWN)[number] | "generic";

/** The settlement.errors.* key of a failed call: the AppError code when it is one finance can act on. */
export function settlementErrorKey(error: unknown): SettlementErrorKey {
  const data = error instanceof TRPCClientError ? (error.data as { appCode?: string; code?: string } | undefined) : undefined;
  const code = data?.appCode ?? data?.code;
  const known = KNOWN.find((k) => k === code);
  if (known) return known;
  if (code === "BAD_REQUEST") return "VALIDATION_FAILED";
  return "generic";
}
