import type { MemberRole } from "@/server/domain/permissions";
import { needsAttention } from "./attention";
import { latestActivity, sevenDayTrend, todayAgainstYesterday } from "./home-figures";

export type GetMerchantHomeOptions = { merchantId: string; role: MemberRole; currency?: string; now?: Date };

/**
 * The console's home (/console/[mchNo]): today against yesterday, the 7-day trend, the latest payments and
 * refunds, and what needs attention for this role. Every query is scoped by the merchant and runs side by side.
 */
export async function getMerchantHome({ merchantId, role, currency = "CNY", now = new Date() }: GetMerchantHomeOptions) {
  const [days, trend, latest, attention] = await Promise.all([
    todayAgainstYesterday(merchantId, currency, now),
    sevenDayTrend(merchantId, currency, now),
    latestActivity(merchantId),
    needsAttention(merchantId, role, now),
  ]);
  return { currency, today: days.today, yesterday: days.yesterday, trend, latest, attention };
}

export type MerchantHome = Awaited<ReturnType<typeof getMerchantHome>>;
