import { db } from "@/server/db";
import { newAppId, newAppSecret } from "@/server/domain/ids";
import { AppError } from "@/server/errors";
import { encryptSecret, secretContext } from "@/server/secrets";
import { type AuditActor, recordAudit } from "@/server/services/audit/record-audit";
import { ensureDefaultRouteRule } from "@/server/services/routing/ensure-default-route-rule";
import { channelPlugin } from "@/server/channels/registry";
import type { ChannelCode } from "@/server/domain/channel-codes";
import { insertChannelAccount, prepareChannelAccount } from "@/server/services/channel-accounts/create-channel-account";
import { appSettingsColumns } from "./app-settings";
import { appSnapshot } from "./find-app";

/**
 * The sandbox accounts a new TEST app starts with, so its first order can be paid at once (the same settings as the
 * demo seed's; every mode of the plugin). A LIVE app starts with none: its contracts are the merchant's own.
 */
const STARTER_ACCOUNTS: { channel: ChannelCode; name: string; feeRateBps: number; priority: number }[] = [
  { channel: "wechatpay", name: "微信支付 · 沙箱", feeRateBps: 60, priority: 20 },
  { channel: "alipay", name: "支付宝 · 沙箱", feeRateBps: 55, priority: 10 },
];

type Input = { name: string; mode: "TEST" | "LIVE"; notifyUrl: string; refundReviewThresholdYuan: string; repeatGuardSeconds: number };

/**
 * Creates an app, its first secret and its default route rule. The secret is returned here and never again (it is stored
 * sealed; a lost one is replaced by rotation). A merchant not yet approved may create TEST apps only. A TEST app
 * gets sandbox WeChat Pay and Alipay accounts in the same transaction, through the channel-account service.
 */
export async function createApp(merchant: { id: string; status: string }, actor: AuditActor, input: Input) {
  if (input.mode === "LIVE" && merchant.status !== "ACTIVE") {
    throw new AppError("MERCHANT_INACTIVE", "liveNeedsActiveMerchant", { field: "mode" });
  }
  const columns = await appSettingsColumns(input, input.mode);
  const id = newAppId();
  const secret = newAppSecret(input.mode);
  const target = { id, mode: input.mode };
  const starters =
    input.mode === "TEST"
      ? await Promise.all(
          STARTER_ACCOUNTS.map((a) =>
            prepareChannelAccount(target, {
              ...a,
              modes: [...channelPlugin(a.channel).modes],
              subsidyBps: 0,
              enabled: true,
              baseUrl: "",
              credentials: {},
              sandbox: true,
            }),
          ),
        )
      : [];
  const app = await db.$transaction(async (tx) => {
    const created = await tx.app.create({
      data: { id, merchantId: merchant.id, mode: input.mode, secretEnc: encryptSecret(secret, secretContext.appSecret(id)), ...columns },
    });
    await ensureDefaultRouteRule(tx, id);
    await recordAudit(tx, actor, { merchantId: merchant.id, action: "app.created", targetType: "app", targetId: id, after: appSnapshot(created) });
    for (const prepared of starters) await insertChannelAccount(tx, merchant.id, actor, target, prepared);
    return created;
  });
  return { appId: app.id, mode: app.mode, secret };
}
