/**
 * 90 days of demo activity for one app (the demo store): payments with a daily and weekly rhythm and growth,
 * failures and closed orders, refunds, three channels (WeChat Pay, Alipay, UnionPay), three stores and online
 * orders — so the reports, the ledger and the overview show what they are for on a first look.
 *
 * Written into the tables the real flows write: pay orders, attempts (their hourly outcome rollup is kept by
 * its trigger), refunds, balanced journal entries with postings (checked by the balance trigger at commit) and
 * the hourly journal rollup. Generated in JavaScript from a seeded PRNG (deterministic for a given day) and
 * inserted in bulk from one JSON document: a few statements in one transaction (≈ 4,000 orders in about a second).
 *
 * The channel sandbox's books get the same paid trades and refunds, so a reconciliation of any of these days
 * matches (the demo reconciles yesterday and two earlier days). Yesterday itself is left out: the demo's
 * reconciliation and settlement (seed-reconciliation.ts, seed-settlement.ts) are cut for it from their own payments.
 */
import { db } from "../server/db.ts";
import { channelForAccount } from "../server/services/payments/channel-for-account.ts";
import { DEMO_STORES } from "./seed-orders.ts";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const CST = 8 * HOUR;
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Share of a day's orders per hour of Beijing time: quiet nights, a lunch peak and an evening peak. */
const HOUR_WEIGHTS = [2, 1, 1, 0.5, 0.5, 1, 2, 4, 6, 7, 8, 10, 12, 11, 9, 8, 8, 9, 11, 13, 14, 12, 8, 4];
const CHANNEL_SHARE: [string, number][] = [["wechatpay", 0.52], ["alipay", 0.36], ["unionpay", 0.12]];
const FAILURES: [string, string][] = [
  ["NOTENOUGH", "余额不足"],
  ["USER_CANCEL", "用户取消支付"],
  ["CARD_FROZEN", "银行卡被冻结"],
  ["EXCEED_LIMIT", "交易金额超出限额"],
];
const SUBJECTS = ["三人沙发 3-seat sofa", "落地灯 Floor lamp", "羊毛地毯 Wool rug", "书桌 Desk", "靠垫 Cushion", "餐椅 Dining chair", "收纳盒 Storage box", "床品四件套 Bedding set"];

/** mulberry32: a small, fast, seeded PRNG (the same data for the same seed). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(random: () => number, weighted: [T, number][]): T {
  let r = random() * weighted.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, weight] of weighted) {
    r -= weight;
    if (r < 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

/** "YYYYMMDDHHmmssSSS" in Beijing time, as our ids carry it. */
function chinaStamp(at: Date): string {
  return new Date(at.getTime() + CST).toISOString().replace(/[-T:.Z]/g, "");
}

function base32(n: number, width: number): string {
  let out = "";
  for (let i = 0; i < width; i++, n = Math.floor(n / 32)) out = CROCKFORD[n % 32] + out;
  return out;
}

/** A channel account, and its merchant in the channel sandbox's books (whose bills the reconciliation downloads). */
type Account = { id: string; channel: string; modes: string[]; feeRateBps: number; subsidyBps: number; sandboxMerchantId?: string; channelAppId?: string };

export type HistoryRow = {
  payOrderNo: string;
  mchOrderNo: string;
  subject: string;
  accountId: string;
  channel: string;
  mode: string;
  amount: number;
  fee: number;
  subsidy: number;
  status: "SUCCEEDED" | "FAILED" | "CLOSED";
  failureCode: string | null;
  failureMessage: string | null;
  store: string | null;
  createdAt: string;
  paidAt: string;
  refundNo: string | null;
  refund: number | null;
  refundFee: number | null;
  refundAt: string | null;
  /** The channel's numbers (21 characters, as UnionPay's queryId), the same in the journal and the sandbox's books. */
  channelTradeNo: string;
  channelRefundNo: string | null;
  sandboxMerchantId: string | null;
  channelAppId: string;
  tradeType: string;
};

/** The rows of the history (pure: the same seed, accounts and `now` give the same rows). */
export function historyRows(accounts: Account[], now: Date, seed = 90, days = 90): HistoryRow[] {
  const random = prng(seed);
  const today = Math.floor((now.getTime() + CST) / DAY) * DAY - CST;
  const yesterday = today - DAY;
  const latest = now.getTime() - 5 * 60_000;
  const byChannel = new Map(accounts.map((a) => [a.channel, a]));
  const channels = CHANNEL_SHARE.filter(([c]) => byChannel.has(c));
  const hours = HOUR_WEIGHTS.map((w, h): [number, number] => [h, w]);
  const rows: HistoryRow[] = [];
  let n = 0;
  for (let ago = days - 1; ago >= 0; ago--) {
    if (ago === 1) continue; // yesterday: the reconciliation's and settlement's own day
    const dayStart = today - ago * DAY;
    const weekday = new Date(dayStart + CST).getUTCDay();
    const weekend = weekday === 0 || weekday === 6 ? 1.4 : weekday === 5 ? 1.15 : 1;
    // growth from about 18 to 48 orders a day over the period, ±15 % day to day
    const count = Math.round((18 + 30 * (1 - ago / days)) * weekend * (0.85 + 0.3 * random()));
    for (let i = 0; i < count; i++) {
      const created = dayStart + pick(random, hours) * HOUR + Math.floor(random() * HOUR);
      const r = { status: random(), amount: random(), mode: random(), fail: random(), store: random(), refund: random(), part: random(), when: random(), subject: random() };
      if (created > latest) continue;
      const account = byChannel.get(pick(random, channels))!;
      const amount = Math.max(100, Math.round((100 * Math.pow(4000, Math.pow(r.amount, 1.8))) / 10) * 10);
      const status = r.status < 0.89 ? "SUCCEEDED" : r.status < 0.96 ? "FAILED" : "CLOSED";
      const paid = created + 20_000 + Math.floor(r.when * 40_000);
      const fee = Math.floor((amount * account.feeRateBps + 5000) / 10000);
      const stamp = chinaStamp(new Date(created));
      const no = base32(n++, 7);
      let refund: number | null = null;
      let refundAt: number | null = null;
      if (status === "SUCCEEDED" && r.refund < 0.06) {
        refund = r.refund < 0.03 ? amount : Math.max(100, Math.floor((amount * (0.3 + 0.4 * r.part)) / 100) * 100);
        refundAt = paid + Math.floor(r.part * 3 * DAY);
        // never in the future, and never on yesterday (its reconciliation is the demo's own)
        if (paid >= today) refundAt = Math.min(refundAt, paid + Math.floor((latest - paid) * r.part));
        else if (refundAt >= yesterday) refundAt = yesterday - 60_000;
        if (refundAt <= paid || refundAt > latest) refund = refundAt = null;
        else refund = Math.min(refund, amount);
      }
      const mode = account.modes[Math.floor(r.mode * account.modes.length)] ?? "native";
      const refundStamp = refundAt === null ? "" : chinaStamp(new Date(refundAt));
      const failure = status === "FAILED" ? FAILURES[Math.floor(Math.pow(r.fail, 1.6) * FAILURES.length)]! : null;
      rows.push({
        payOrderNo: `P${stamp}H${no}`,
        mchOrderNo: `DEMO-${stamp.slice(0, 8)}-${no}`,
        subject: SUBJECTS[Math.floor(r.subject * SUBJECTS.length)]!,
        accountId: account.id,
        channel: account.channel,
        mode,
        amount,
        fee,
        subsidy: Math.floor((amount * account.subsidyBps + 5000) / 10000),
        status,
        failureCode: failure?.[0] ?? null,
        failureMessage: failure?.[1] ?? null,
        store: r.store < 0.7 ? DEMO_STORES[Math.floor((r.store / 0.7) * DEMO_STORES.length)]! : null,
        createdAt: new Date(created).toISOString(),
        paidAt: new Date(paid).toISOString(),
        refundNo: refund === null ? null : `F${refundStamp}H${no}`,
        refund,
        // the channel returns the fee of the refunded amount (a full refund: the whole fee), as its bill says
        refundFee: refund === null ? null : refund === amount ? fee : Math.floor((refund * account.feeRateBps + 5000) / 10000),
        refundAt: refundAt === null ? null : new Date(refundAt).toISOString(),
        channelTradeNo: `4200${stamp.slice(0, 14)}${no.slice(-3)}`,
        channelRefundNo: refund === null ? null : `5000${refundStamp.slice(0, 14)}${no.slice(-3)}`,
        sandboxMerchantId: account.sandboxMerchantId ?? null,
        channelAppId: account.channelAppId ?? "",
        tradeType: account.channel === "wechatpay" ? (["native", "jsapi", "h5", "app"].includes(mode) ? mode : "native") : "precreate",
      });
    }
  }
  return rows;
}

// The JSON rows as a table, with each account's ledger accounts (timestamps are UTC instants, stored without zone).
const GEN = `
  CREATE TEMP TABLE seed_history ON COMMIT DROP AS
  SELECT h.*, h."createdAt"::timestamptz AT TIME ZONE 'UTC' AS created_at, h."paidAt"::timestamptz AT TIME ZONE 'UTC' AS paid_at,
         h."refundAt"::timestamptz AT TIME ZONE 'UTC' AS refund_at,
         h."refundFee" AS refund_fee,
         CASE WHEN h.refund IS NOT NULL THEN (h.subsidy::bigint * h.refund / h.amount) END AS refund_subsidy,
         (SELECT id FROM "LedgerAccount" WHERE "merchantId" = $2 AND type = 'CHANNEL_CLEARING' AND "channelAccountId" = h."accountId" AND currency = 'CNY') AS clearing,
         (SELECT id FROM "LedgerAccount" WHERE "merchantId" = $2 AND type = 'CHANNEL_FEES' AND "channelAccountId" = h."accountId" AND currency = 'CNY') AS fees,
         (SELECT id FROM "LedgerAccount" WHERE "merchantId" = $2 AND type = 'MERCHANT_PAYABLE' AND "channelAccountId" IS NULL AND currency = 'CNY') AS payable
  FROM json_to_recordset($1::json) AS h("payOrderNo" text, "mchOrderNo" text, subject text, "accountId" text, channel text, mode text, amount bigint, fee bigint,
    subsidy bigint, status text, "failureCode" text, "failureMessage" text, store text, "createdAt" text, "paidAt" text, "refundNo" text, refund bigint, "refundFee" bigint,
    "refundAt" text, "channelTradeNo" text, "channelRefundNo" text, "sandboxMerchantId" text, "channelAppId" text, "tradeType" text)`;

const ORDER_STATUS = `CASE WHEN status <> 'SUCCEEDED' THEN 'CLOSED' WHEN refund IS NULL THEN 'PAID' WHEN refund = amount THEN 'REFUNDED' ELSE 'PARTIALLY_REFUNDED' END`;

const INSERTS = [
  `INSERT INTO "PayOrder" ("payOrderNo", "merchantId", "appId", "mchOrderNo", amount, currency, subject, status, metadata, "expireInSeconds", "expiresAt",
     "paramsHash", "paidAmount", "refundedAmount", "paidAttemptNo", "channelTradeNo", "paidAt", "closedAt", "createdAt", "updatedAt")
   SELECT "payOrderNo", $1, $2, "mchOrderNo", amount, 'CNY', subject, (${ORDER_STATUS})::"PayOrderStatus",
     CASE WHEN store IS NULL THEN NULL ELSE jsonb_build_object('storeId', store) END, 1800, created_at + interval '30 minutes', 'seed-history',
     CASE WHEN status = 'SUCCEEDED' THEN amount ELSE 0 END, COALESCE(refund, 0),
     CASE WHEN status = 'SUCCEEDED' THEN "payOrderNo" || '-1' END, CASE WHEN status = 'SUCCEEDED' THEN "channelTradeNo" END,
     CASE WHEN status = 'SUCCEEDED' THEN paid_at END, CASE WHEN status <> 'SUCCEEDED' THEN created_at + interval '30 minutes' END, created_at, COALESCE(refund_at, paid_at)
   FROM seed_history`,
  `INSERT INTO "Payment" ("attemptNo", "payOrderNo", seq, "merchantId", "appId", "channelAccountId", channel, mode, amount, currency, status, "paramsHash",
     "channelTradeNo", "feeAmount", "failureCode", "failureMessage", "payOutcome", "succeededAt", "closedAt", "createdAt", "updatedAt")
   SELECT "payOrderNo" || '-1', "payOrderNo", 1, $1, $2, "accountId", channel, mode, amount, 'CNY', status::"PaymentStatus", 'seed-history',
     CASE WHEN status = 'SUCCEEDED' THEN "channelTradeNo" END, CASE WHEN status = 'SUCCEEDED' THEN fee END, "failureCode", "failureMessage",
     CASE WHEN status = 'FAILED' THEN 'rejected' ELSE 'ok' END,
     CASE WHEN status = 'SUCCEEDED' THEN paid_at END, CASE WHEN status = 'CLOSED' THEN created_at + interval '30 minutes' END, created_at, created_at
   FROM seed_history`,
  `INSERT INTO "Refund" ("refundNo", "merchantId", "appId", "payOrderNo", "attemptNo", "mchRefundNo", kind, amount, currency, reason, status, "paramsHash",
     "channelRefundNo", "feeRefundAmount", "succeededAt", "createdAt", "updatedAt")
   SELECT "refundNo", $1, $2, "payOrderNo", "payOrderNo" || '-1', 'R' || "mchOrderNo", 'MERCHANT', refund, 'CNY', '顾客退货 Returned by the customer', 'SUCCEEDED', 'seed-history',
     "channelRefundNo", refund_fee, refund_at, refund_at - interval '20 seconds', refund_at
   FROM seed_history WHERE refund IS NOT NULL`,
  `INSERT INTO "JournalEntry" ("merchantId", "appId", kind, "dedupeKey", "payOrderNo", "attemptNo", currency, "occurredAt", "createdAt", channel, "channelAccountId",
     mode, amount, fee, net, subsidy, "mchOrderNo", "channelTradeNo", "storeId", "orderStatus")
   SELECT $1, $2, 'payment', 'payment:' || "payOrderNo" || '-1', "payOrderNo", "payOrderNo" || '-1', 'CNY', paid_at, paid_at, channel, "accountId",
     mode, amount, fee, amount - fee, subsidy, "mchOrderNo", "channelTradeNo", store, ${ORDER_STATUS}
   FROM seed_history WHERE status = 'SUCCEEDED'`,
  `INSERT INTO "JournalEntry" ("merchantId", "appId", kind, "dedupeKey", "payOrderNo", "attemptNo", "refundNo", currency, "occurredAt", "createdAt", channel, "channelAccountId",
     mode, amount, fee, net, subsidy, "mchOrderNo", "channelTradeNo", "storeId", "orderStatus")
   SELECT $1, $2, 'refund', 'refund:' || "refundNo", "payOrderNo", "payOrderNo" || '-1', "refundNo", 'CNY', refund_at, refund_at, channel, "accountId",
     mode, -refund, -refund_fee, -(refund - refund_fee), -refund_subsidy, "mchOrderNo", "channelTradeNo", store, ${ORDER_STATUS}
   FROM seed_history WHERE refund IS NOT NULL`,
  // postings (debit +, credit −): a payment is clearing (G − F) + fees (F) against payable (−G); a refund mirrors it
  `INSERT INTO "Posting" ("entryId", "accountId", "merchantId", amount, currency)
   SELECT je.id, x.account, $1, x.amount, 'CNY'
   FROM seed_history g JOIN "JournalEntry" je ON je."dedupeKey" = 'payment:' || g."payOrderNo" || '-1'
   CROSS JOIN LATERAL (VALUES (g.clearing, g.amount - g.fee), (g.fees, g.fee), (g.payable, -g.amount)) AS x(account, amount)
   WHERE g.status = 'SUCCEEDED' AND x.amount <> 0`,
  `INSERT INTO "Posting" ("entryId", "accountId", "merchantId", amount, currency)
   SELECT je.id, x.account, $1, x.amount, 'CNY'
   FROM seed_history g JOIN "JournalEntry" je ON je."dedupeKey" = 'refund:' || g."refundNo"
   CROSS JOIN LATERAL (VALUES (g.payable, g.refund), (g.clearing, -(g.refund - g.refund_fee)), (g.fees, -g.refund_fee)) AS x(account, amount)
   WHERE g.refund IS NOT NULL AND x.amount <> 0`,
  // the channel's side: paid trades and their refunds in the sandbox's books, so a reconciliation of any of these days matches
  `INSERT INTO "SandboxTrade" (id, "sandboxMerchantId", channel, "outTradeNo", "channelTradeNo", "channelAppId", "tradeType", amount, currency, subject, "notifyUrl",
     state, "expiresAt", "paidAt", "payerId", "refundedAmount", "createdAt", "updatedAt")
   SELECT gen_random_uuid()::text, "sandboxMerchantId", channel, "payOrderNo" || '-1', "channelTradeNo", "channelAppId", "tradeType", amount, 'CNY', subject, '',
     'SUCCEEDED', created_at + interval '30 minutes', paid_at, 'sandbox-payer', COALESCE(refund, 0), created_at, COALESCE(refund_at, paid_at)
   FROM seed_history WHERE status = 'SUCCEEDED' AND "sandboxMerchantId" IS NOT NULL`,
  `INSERT INTO "SandboxRefund" (id, "tradeId", "outRefundNo", "channelRefundNo", amount, state, "succeededAt", "createdAt", "updatedAt")
   SELECT gen_random_uuid()::text, t.id, g."refundNo", g."channelRefundNo", g.refund, 'SUCCEEDED', g.refund_at, g.refund_at - interval '20 seconds', g.refund_at
   FROM seed_history g JOIN "SandboxTrade" t ON t."sandboxMerchantId" = g."sandboxMerchantId" AND t."outTradeNo" = g."payOrderNo" || '-1'
   WHERE g.refund IS NOT NULL`,
  // the hourly rollup the dashboards read, added to (slot 0) as postJournalEntry would, from the entries just written
  `INSERT INTO "LedgerRollupHourly" ("merchantId", "appId", "channelAccountId", channel, kind, currency, hour, slot, entries, amount, fee, net, subsidy)
   SELECT je."merchantId", je."appId", je."channelAccountId", je.channel, je.kind, je.currency, date_trunc('hour', je."occurredAt"), 0, count(*), sum(je.amount), sum(je.fee), sum(je.net), sum(je.subsidy)
   FROM "JournalEntry" je JOIN seed_history g ON je."payOrderNo" = g."payOrderNo"
   WHERE je."merchantId" = $1
   GROUP BY 1, 2, 3, 4, 5, 6, 7
   ON CONFLICT ("merchantId", "hour", "appId", "channelAccountId", "kind", "currency", "slot") DO UPDATE SET
     "entries" = "LedgerRollupHourly"."entries" + EXCLUDED."entries", "amount" = "LedgerRollupHourly"."amount" + EXCLUDED."amount",
     "fee" = "LedgerRollupHourly"."fee" + EXCLUDED."fee", "net" = "LedgerRollupHourly"."net" + EXCLUDED."net", "subsidy" = "LedgerRollupHourly"."subsidy" + EXCLUDED."subsidy"`,
];

/** Writes the history of the app (its channel accounts of the demo channels). Returns the number of pay orders. */
export async function seedDemoHistory(app: { id: string; merchantId: string }, now = new Date()): Promise<number> {
  const accounts = await db.channelAccount.findMany({
    where: { appId: app.id, channel: { in: CHANNEL_SHARE.map(([c]) => c) } },
    orderBy: { createdAt: "asc" },
    select: { id: true, channel: true, modes: true, feeRateBps: true, subsidyBps: true },
  });
  if (accounts.length === 0) return 0;
  const books = await db.sandboxMerchant.findMany({ where: { channelAccountId: { in: accounts.map((a) => a.id) } }, select: { id: true, channelAccountId: true } });
  const withBooks = await Promise.all(
    accounts.map(async (account) => {
      const { ctx } = await channelForAccount(account.id);
      const credentials = ctx.credentials as { appid?: string; appId?: string };
      return { ...account, sandboxMerchantId: books.find((b) => b.channelAccountId === account.id)?.id, channelAppId: credentials.appid ?? credentials.appId ?? "" };
    }),
  );
  const rows = historyRows(withBooks, now);
  await db.$transaction(
    async (tx) => {
      for (const account of accounts) {
        for (const [type, scope] of [["CHANNEL_CLEARING", account.id], ["CHANNEL_FEES", account.id], ["MERCHANT_PAYABLE", null]] as const) {
          await tx.$executeRaw`INSERT INTO "LedgerAccount" (id, "merchantId", type, "channelAccountId", currency)
            VALUES (gen_random_uuid()::text, ${app.merchantId}, ${type}::"LedgerAccountType", ${scope}, 'CNY')
            ON CONFLICT ("merchantId", type, "channelAccountId", currency) DO NOTHING`;
        }
      }
      await tx.$executeRawUnsafe(GEN, JSON.stringify(rows), app.merchantId);
      for (const statement of INSERTS) {
        // each statement binds the parameters it names ($1 the merchant, $2 the app)
        const params = [app.merchantId, app.id].slice(0, statement.includes("$2") ? 2 : statement.includes("$1") ? 1 : 0);
        await tx.$executeRawUnsafe(statement, ...params);
      }
    },
    { timeout: 60_000 },
  );
  return rows.length;
}
