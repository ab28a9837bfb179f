import { randomUUID } from "node:crypto";
import { db, type Tx } from "@/server/db";
import { newAppId } from "@/server/domain/ids";
import { assetPostings, type EntryKind, paymentPostings, type Posting, profitSharePostings, refundPostings } from "@/server/domain/ledger";
import { postJournalEntry } from "@/server/services/ledger/post-journal-entry";

/**
 * Settlement fixtures: a merchant of its own (so a test's cuts see only its entries) with apps and
 * channel accounts, and journal entries of every settled kind posted through postJournalEntry with the
 * postings the real services use, at the times a test chooses.
 */

let counter = 0;

export type SettlementMerchant = { merchantId: string; mchNo: string; apps: { appId: string; accounts: { id: string; channel: string }[] }[] };

export async function settlementMerchant(appCount = 2): Promise<SettlementMerchant> {
  counter += 1;
  const mchNo = `MS${Date.now().toString().slice(-7)}${counter}`;
  const merchant = await db.merchant.create({
    data: {
      mchNo,
      name: `结算测试商户 ${counter}`,
      status: "ACTIVE",
      profile: { bankName: "招商银行", bankAccountName: "结算测试有限公司", bankAccountLast4: "6789" },
      bankAccountEnc: "v1:fixture",
    },
  });
  const apps: SettlementMerchant["apps"] = [];
  for (let i = 0; i < appCount; i++) {
    const app = await db.app.create({ data: { id: newAppId(), merchantId: merchant.id, name: `app ${i}`, secretEnc: "fixture" } });
    const accounts = [];
    for (const channel of ["wechatpay", "alipay"]) {
      accounts.push(await db.channelAccount.create({ data: { merchantId: merchant.id, appId: app.id, channel, name: channel, credentialsEnc: "fixture" }, select: { id: true, channel: true } }));
    }
    apps.push({ appId: app.id, accounts });
  }
  return { merchantId: merchant.id, mchNo, apps };
}

export type EntrySpec = {
  merchantId: string;
  appId: string;
  /** A channel account, or "wallet" for a wallet movement. */
  account: { id: string; channel: string } | "wallet";
  kind: EntryKind;
  /** Positive: the movement's size (a refund of 300 is 300). */
  amount: bigint;
  /** Channel fee charged (payment) or returned (refund), or the fee adjustment (signed). */
  fee?: bigint;
  at: Date;
  storeId?: string | null;
};

function entryShape(spec: EntrySpec): { postings: Posting[]; amount: bigint; fee: bigint } {
  const fee = spec.fee ?? 0n;
  switch (spec.kind) {
    case "payment":
      return { postings: paymentPostings(spec.amount, fee), amount: spec.amount, fee };
    case "refund":
    case "duplicate_refund":
      return { postings: refundPostings(spec.amount, fee), amount: -spec.amount, fee: -fee };
    case "fee_adjustment":
      return { postings: [{ account: "CHANNEL_FEES", amount: fee }, { account: "CHANNEL_CLEARING", amount: -fee }], amount: 0n, fee };
    case "profit_share":
      return { postings: profitSharePostings("split", spec.amount), amount: -spec.amount, fee: 0n };
    case "profit_share_return":
      return { postings: profitSharePostings("return", spec.amount), amount: spec.amount, fee: 0n };
    case "wallet_top_up":
      return { postings: assetPostings("wallet", "top_up", spec.amount), amount: -spec.amount, fee: 0n };
    case "wallet_pay":
      return { postings: assetPostings("wallet", "pay", spec.amount), amount: spec.amount, fee: 0n };
    case "wallet_refund":
      return { postings: assetPostings("wallet", "refund", spec.amount), amount: -spec.amount, fee: 0n };
    case "wallet_freeze":
      return { postings: assetPostings("wallet", "freeze", spec.amount), amount: 0n, fee: 0n };
    default:
      throw new Error(`no fixture for ${spec.kind}`);
  }
}

/** Posts one entry; returns its id. */
export async function postEntry(spec: EntrySpec, tx: Tx = db): Promise<bigint> {
  const { postings, amount, fee } = entryShape(spec);
  const account = spec.account === "wallet" ? { id: "wallet", channel: "wallet" } : spec.account;
  const dedupeKey = `fixture:${spec.kind}:${randomUUID()}`;
  await postJournalEntry(tx, {
    merchantId: spec.merchantId,
    appId: spec.appId,
    kind: spec.kind,
    dedupeKey,
    currency: "CNY",
    channelAccountId: account.id,
    occurredAt: spec.at,
    postings,
    row: { channel: account.channel, mode: null, amount, fee, subsidy: 0n, mchOrderNo: null, channelTradeNo: null, storeId: spec.storeId ?? null, orderStatus: null },
  });
  return (await tx.journalEntry.findUniqueOrThrow({ where: { dedupeKey }, select: { id: true } })).id;
}

/** A reconciliation run of a channel account's day, closed (or not). */
export async function reconDay(channelAccountId: string, billDate: string, closed: boolean) {
  const account = await db.channelAccount.findUniqueOrThrow({ where: { id: channelAccountId } });
  return db.reconRun.upsert({
    where: { channelAccountId_billDate: { channelAccountId, billDate: new Date(`${billDate}T00:00:00Z`) } },
    create: {
      merchantId: account.merchantId,
      appId: account.appId,
      channelAccountId,
      channel: account.channel,
      billDate: new Date(`${billDate}T00:00:00Z`),
      status: "SUCCEEDED",
      trigger: "schedule",
      startedAt: new Date(),
      endedAt: new Date(),
      closedAt: closed ? new Date() : null,
    },
    update: { closedAt: closed ? new Date() : null },
  });
}
