import { AppError } from "@/server/errors";

export type StartReconciliationInput = {
  channelAccountId: string;
  /** `YYYY-MM-DD`, the Beijing day whose bill to reconcile. */
  billDate: string;
  trigger: "schedule" | "manual";
  requestedById?: string | null;
};

/**
 * PLACEHOLDER (console branch): the reconciliation engine's start of a run. The engine branch replaces
 * this file at merge with the real one (queue the run's job; RECONCILIATION_IN_PROGRESS, BILL_NOT_READY).
 */
export async function startReconciliation(input: StartReconciliationInput): Promise<{ runId: string }> {
  void input;
  throw new AppError("SERVICE_UNAVAILABLE", "reconciliation runs are not available yet");
}
