import { db } from "@/server/db";

/**
 * Many paid sandbox trades in one statement (generate_series), for tests of bills larger than a
 * page: the i-th trade pays `100 + i` fen at `firstPaidAt` + ⌊i / perSecond⌋ s (several per second,
 * so that keyset pages meet ties). Out-trade numbers `${prefix}-${i}`.
 */
export async function insertPaidSandboxTrades(options: {
  sandboxMerchantId: string;
  channel: "wechatpay" | "alipay";
  channelAppId: string;
  tradeType: string;
  prefix: string;
  count: number;
  firstPaidAt: Date;
  perSecond: number;
}): Promise<void> {
  const { sandboxMerchantId, channel, channelAppId, tradeType, prefix, count, firstPaidAt, perSecond } = options;
  await db.$executeRaw`
    INSERT INTO "SandboxTrade" (id, "sandboxMerchantId", channel, "outTradeNo", "channelTradeNo", "channelAppId", "tradeType", amount, currency,
                                subject, "notifyUrl", state, "expiresAt", "paidAt", "payerId", "createdAt", "updatedAt")
    SELECT gen_random_uuid()::text, ${sandboxMerchantId}, ${channel}, ${prefix} || '-' || i, '42' || to_char(now(), 'YYMMDD') || lpad(i::text, 8, '0') || substr(md5(${prefix}), 1, 12),
           ${channelAppId}, ${tradeType}, 100 + i, 'CNY', '批量账单测试商品，名称略长一些以撑大文件', '', 'SUCCEEDED'::"SandboxTradeState",
           ${firstPaidAt}::timestamp + interval '1 day', ${firstPaidAt}::timestamp + (i / ${perSecond}::int) * interval '1 second', 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
           ${firstPaidAt}::timestamp, now()
    FROM generate_series(0, ${count - 1}::int) AS i`;
}
