/**
 * Why a reconciliation run failed (ReconRun.errorCode), for the console's message catalogue and the
 * Open API. BILL_FORMAT_ERROR and CHANNEL_REJECTED are final (a person reruns the day);
 * CHANNEL_UNAVAILABLE is retried by the job on its own.
 */
export const RECON_ERROR_CODES = ["BILL_FORMAT_ERROR", "CHANNEL_REJECTED", "CHANNEL_UNAVAILABLE", "INTERNAL_ERROR"] as const;
export type ReconErrorCode = (typeof RECON_ERROR_CODES)[number];

/** A stored errorCode as one of the codes the console translates (anything else is internal). */
export function reconErrorCode(code: string | null | undefined): ReconErrorCode {
  return (RECON_ERROR_CODES as readonly string[]).includes(code ?? "") ? (code as ReconErrorCode) : "INTERNAL_ERROR";
}
