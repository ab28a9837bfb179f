import { decimalToMinor } from "@/server/domain/money";
import { AppError } from "@/server/errors";
import { checkNotifyUrl } from "@/server/services/webhooks/notify-url-guard";

/**
 * The app columns behind the settings form (already shaped by appSettingsSchema): the review threshold
 * in yuan becomes fen (null = no review); the notify URL passes the SSRF guard for the app's mode.
 */
export async function appSettingsColumns(
  input: { name: string; notifyUrl: string; refundReviewThresholdYuan: string; repeatGuardSeconds: number },
  mode: "TEST" | "LIVE",
) {
  const notifyUrl = input.notifyUrl === "" ? null : input.notifyUrl;
  if (notifyUrl) {
    const problem = await checkNotifyUrl(notifyUrl, mode);
    if (problem) throw new AppError("VALIDATION_FAILED", problem.includes("private") ? "notifyUrlPrivate" : problem.includes("resolve") ? "notifyUrlUnresolved" : "urlInvalid", { field: "notifyUrl" });
  }
  return {
    name: input.name,
    notifyUrl,
    refundReviewThreshold: input.refundReviewThresholdYuan === "" ? null : decimalToMinor(input.refundReviewThresholdYuan, "CNY"),
    repeatGuardSeconds: input.repeatGuardSeconds,
  };
}
