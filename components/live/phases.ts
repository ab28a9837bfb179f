import type { LivePhase } from "./live-interval";

/**
 * From each thing's own status to "still in flight or ended how" — one place, so the pages and the
 * toasts agree on what counts as pending. A status not listed is treated as ended (nothing to wait for).
 */
export function refundPhase(status: string): LivePhase {
  if (status === "PROCESSING" || status === "PENDING_REVIEW") return "pending";
  return status === "SUCCEEDED" ? "succeeded" : "failed";
}

export function payOrderPhase(status: string): LivePhase {
  if (status === "PENDING") return "pending";
  return status === "CLOSED" ? "failed" : "succeeded";
}

export function tradePhase(status: string): LivePhase {
  if (status === "SUCCEEDED") return "succeeded";
  return status === "FAILED" ? "failed" : "pending";
}

export function afterSalePhase(status: string): LivePhase {
  if (status === "REFUNDING" || status === "PENDING_REVIEW") return "pending";
  return status === "REJECTED" || status === "FAILED" ? "failed" : "succeeded";
}
