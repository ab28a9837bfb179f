import { db } from "@/server/db";
import { AppError } from "@/server/errors";

/**
 * The channel account an attempt goes to: the app's enabled accounts that serve the mode (and the
 * channel, when the caller names one), highest priority first. The routing engine (route rules)
 * replaces "first by priority" when it lands.
 */
export async function selectChannelAccount(appId: string, mode: string, channel?: string) {
  const account = await db.channelAccount.findFirst({
    where: { appId, status: "ENABLED", modes: { has: mode }, ...(channel ? { channel } : {}) },
    orderBy: [{ priority: "desc" }, { createdAt: "asc" }],
  });
  if (!account) {
    throw new AppError("VALIDATION_FAILED", `no enabled channel account of this app serves ${channel ? `${channel} ` : ""}mode ${mode}`, {
      field: channel ? "channel" : "mode",
    });
  }
  return account;
}
