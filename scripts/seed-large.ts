// `npm run seed:large`: 1,000,000 payments (SEED_LARGE_COUNT to change) over the last 90 days into the
// development database (embedded, started if needed) or $DATABASE_URL, for the dashboards' and the
// ledger's benchmark (`npm run bench:reports`). Needs the demo seed (it adds it to an empty database).
//
// Realistic spread: 85 % to 演示商城, 15 % to Acme; WeChat Pay 60 % / Alipay 40 % over each channel's
// modes; amounts from ¥1 to ¥5,000 skewed to small tickets; 88 % paid, 7 % failed (five reasons),
// 5 % closed; 8 % of paid orders refunded (half in full, half in part) within 7 days; 70 % with a store.
// Rows are generated inside PostgreSQL (INSERT … SELECT over generate_series) in batches of 100,000,
// each one transaction: orders, attempts, refunds, balanced journal entries with their postings
// (the balance trigger checks every one; the attempts' rollup is kept by its trigger on Payment), then the
// hourly journal rollup is rebuilt from the journal.
//
// Then SEED_LARGE_ORDERS orders of the order center (default 1,000,000; 0 to skip) with their lines and
// timelines, over the last 365 days, for `npm run bench:orders` (scripts/lib/seed-large-orders.ts).
// SEED_LARGE_COUNT=0 seeds orders only.
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { DEV_DATA_DIR, ensureDatabase } from "./lib/database.ts";
import { ensureDevSecrets } from "./lib/dev-secrets.ts";
import { seedLargeOrders } from "./lib/seed-large-orders.ts";

const COUNT = Number(process.env.SEED_LARGE_COUNT ?? 1_000_000);
const BATCH = Number(process.env.SEED_LARGE_BATCH ?? 100_000);
const ORDERS = Number(process.env.SEED_LARGE_ORDERS ?? 1_000_000);
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

type Account = { m: number; channel: string; merchantId: string; appId: string; accountId: string; feeBps: number; subsidyBps: number };

async function accounts(client: pg.Client): Promise<Account[]> {
  const { rows } = await client.query<{ mchNo: string; merchantId: string; appId: string; accountId: string; channel: string; feeBps: number; subsidyBps: number }>(`
    SELECT m."mchNo", m.id AS "merchantId", a.id AS "appId", ca.id AS "accountId", ca.channel, ca."feeRateBps" AS "feeBps", ca."subsidyBps" AS "subsidyBps"
    FROM "Merchant" m
    JOIN LATERAL (SELECT id FROM "App" WHERE "merchantId" = m.id ORDER BY "createdAt" LIMIT 1) a ON true
    JOIN "ChannelAccount" ca ON ca."appId" = a.id
    WHERE m."mchNo" IN ('M10000001', 'M10000002') AND ca.channel IN ('wechatpay', 'alipay')`);
  return rows.map((r) => ({ ...r, m: r.mchNo === "M10000001" ? 0 : 1 }));
}

/** The ledger accounts every movement posts to (created if missing, as the services would). */
async function ledgerAccounts(client: pg.Client, list: Account[]) {
  for (const a of list) {
    for (const [type, scope] of [["CHANNEL_CLEARING", a.accountId], ["CHANNEL_FEES", a.accountId], ["MERCHANT_PAYABLE", null]] as const) {
      await client.query(
        `INSERT INTO "LedgerAccount" (id, "merchantId", type, "channelAccountId", currency) VALUES (gen_random_uuid()::text, $1, $2::"LedgerAccountType", $3, 'CNY')
         ON CONFLICT ("merchantId", type, "channelAccountId", currency) DO NOTHING`,
        [a.merchantId, type, scope],
      );
    }
  }
}

const SEED_ACCOUNTS = `
  CREATE TEMP TABLE seed_accounts ON COMMIT DROP AS
  SELECT v.m, v.channel, v."merchantId", v."appId", v."accountId", v."feeBps", v."subsidyBps",
         (SELECT id FROM "LedgerAccount" WHERE "merchantId" = v."merchantId" AND type = 'CHANNEL_CLEARING' AND "channelAccountId" = v."accountId" AND currency = 'CNY') AS clearing,
         (SELECT id FROM "LedgerAccount" WHERE "merchantId" = v."merchantId" AND type = 'CHANNEL_FEES' AND "channelAccountId" = v."accountId" AND currency = 'CNY') AS fees,
         (SELECT id FROM "LedgerAccount" WHERE "merchantId" = v."merchantId" AND type = 'MERCHANT_PAYABLE' AND "channelAccountId" IS NULL AND currency = 'CNY') AS payable
  FROM json_to_recordset($1::json) AS v(m int, channel text, "merchantId" text, "appId" text, "accountId" text, "feeBps" int, "subsidyBps" int)`;

// One row per payment of the batch: $1 first index, $2 last index, $3 run tag (2 characters).
const SEED_GEN = `
  CREATE TEMP TABLE seed_gen ON COMMIT DROP AS
  WITH base AS (
    SELECT i, random() AS r_merchant, random() AS r_channel, random() AS r_status, random() AS r_amount, random() AS r_time,
           random() AS r_hour, random() AS r_refund, random() AS r_part, random() AS r_mode, random() AS r_fail, random() AS r_store
    FROM generate_series($1::int, $2::int) AS i
  ), shaped AS (
    SELECT b.*,
      CASE WHEN r_merchant < 0.85 THEN 0 ELSE 1 END AS m,
      CASE WHEN r_channel < 0.6 THEN 'wechatpay' ELSE 'alipay' END AS channel,
      -- a day in the last 90, busier in the afternoon and evening (China Standard Time)
      date_trunc('day', (now() AT TIME ZONE 'UTC') + interval '8 hours' - floor(r_time * 90) * interval '1 day') - interval '8 hours'
        + (6 + 17 * power(r_hour, 0.8)) * interval '1 hour' AS ts,
      floor(100 * power(5000, power(r_amount, 1.7)))::bigint AS amount,
      CASE WHEN r_status < 0.88 THEN 'SUCCEEDED' WHEN r_status < 0.95 THEN 'FAILED' ELSE 'CLOSED' END AS status
    FROM base b
  )
  SELECT s.i, s.channel, s.amount, s.status, a."merchantId", a."appId", a."accountId", a.clearing, a.fees, a.payable,
    LEAST(s.ts, (now() AT TIME ZONE 'UTC') - interval '2 minutes') AS created_at,
    LEAST(s.ts, (now() AT TIME ZONE 'UTC') - interval '2 minutes') + interval '40 seconds' AS paid_at,
    'P' || to_char(s.ts + interval '8 hours', 'YYYYMMDDHH24MISSMS') || $3 || lpad(upper(to_hex(s.i)), 6, '0') AS pay_order_no,
    'L' || $3 || s.i AS mch_order_no,
    CASE WHEN s.channel = 'wechatpay' THEN (ARRAY['native', 'jsapi', 'h5'])[1 + floor(s.r_mode * 3)::int] ELSE (ARRAY['qr', 'pc', 'wap'])[1 + floor(s.r_mode * 3)::int] END AS mode,
    (s.amount * a."feeBps" + 5000) / 10000 AS fee,
    (s.amount * a."subsidyBps" + 5000) / 10000 AS subsidy,
    CASE WHEN s.status = 'FAILED' THEN (ARRAY['余额不足', '用户取消支付', '银行卡被冻结', '交易金额超出限额', '支付密码错误次数过多'])[1 + floor(power(s.r_fail, 1.8) * 5)::int] END AS failure,
    CASE WHEN s.r_store < 0.7 THEN 'S' || lpad((s.i % 40)::text, 2, '0') END AS store,
    CASE WHEN s.status = 'SUCCEEDED' AND s.r_refund < 0.08
      THEN CASE WHEN s.r_refund < 0.04 THEN s.amount ELSE GREATEST(1, floor(s.amount * s.r_part))::bigint END END AS refund,
    s.r_part
  FROM shaped s JOIN seed_accounts a ON a.m = s.m AND a.channel = s.channel`;

const INSERTS = [
  // orders
  `INSERT INTO "PayOrder" ("payOrderNo", "merchantId", "appId", "mchOrderNo", amount, currency, subject, status, metadata, "expireInSeconds", "expiresAt",
     "paramsHash", "paidAmount", "refundedAmount", "paidAttemptNo", "channelTradeNo", "paidAt", "closedAt", "createdAt", "updatedAt")
   SELECT pay_order_no, "merchantId", "appId", mch_order_no, amount, 'CNY', '商品订单',
     (CASE WHEN status = 'SUCCEEDED' THEN CASE WHEN refund IS NULL THEN 'PAID' WHEN refund = amount THEN 'REFUNDED' ELSE 'PARTIALLY_REFUNDED' END ELSE 'CLOSED' END)::"PayOrderStatus",
     CASE WHEN store IS NULL THEN NULL ELSE json_build_object('storeId', store)::jsonb END, 1800, created_at + interval '30 minutes', 'seed-large',
     CASE WHEN status = 'SUCCEEDED' THEN amount ELSE 0 END, COALESCE(refund, 0),
     CASE WHEN status = 'SUCCEEDED' THEN pay_order_no || '-1' END, CASE WHEN status = 'SUCCEEDED' THEN 'CT' || pay_order_no END,
     CASE WHEN status = 'SUCCEEDED' THEN paid_at END, CASE WHEN status <> 'SUCCEEDED' THEN created_at + interval '30 minutes' END, created_at, created_at
   FROM seed_gen`,
  // attempts
  `INSERT INTO "Payment" ("attemptNo", "payOrderNo", seq, "merchantId", "appId", "channelAccountId", channel, mode, amount, currency, status, "paramsHash",
     "channelTradeNo", "feeAmount", "failureMessage", "succeededAt", "closedAt", "createdAt", "updatedAt")
   SELECT pay_order_no || '-1', pay_order_no, 1, "merchantId", "appId", "accountId", channel, mode, amount, 'CNY', status::"PaymentStatus", 'seed-large',
     CASE WHEN status = 'SUCCEEDED' THEN 'CT' || pay_order_no END, CASE WHEN status = 'SUCCEEDED' THEN fee END, failure,
     CASE WHEN status = 'SUCCEEDED' THEN paid_at END, CASE WHEN status = 'CLOSED' THEN created_at + interval '30 minutes' END, created_at, created_at
   FROM seed_gen`,
  // refunds, within 7 days of payment (never in the future)
  `INSERT INTO "Refund" ("refundNo", "merchantId", "appId", "payOrderNo", "attemptNo", "mchRefundNo", kind, amount, currency, status, "paramsHash",
     "channelRefundNo", "feeRefundAmount", "succeededAt", "createdAt", "updatedAt")
   SELECT 'F' || substr(pay_order_no, 2), "merchantId", "appId", pay_order_no, pay_order_no || '-1', 'R' || mch_order_no, 'MERCHANT', refund, 'CNY', 'SUCCEEDED', 'seed-large',
     'CR' || pay_order_no, fee * refund / amount,
     LEAST(paid_at + r_part * interval '7 days', (now() AT TIME ZONE 'UTC') - interval '1 minute'),
     LEAST(paid_at + r_part * interval '7 days', (now() AT TIME ZONE 'UTC') - interval '1 minute') - interval '5 seconds',
     LEAST(paid_at + r_part * interval '7 days', (now() AT TIME ZONE 'UTC') - interval '1 minute')
   FROM seed_gen WHERE refund IS NOT NULL`,
  // journal entries: payments, then refunds
  `INSERT INTO "JournalEntry" ("merchantId", "appId", kind, "dedupeKey", "payOrderNo", "attemptNo", currency, "occurredAt", "createdAt", channel, "channelAccountId",
     mode, amount, fee, net, subsidy, "mchOrderNo", "channelTradeNo", "storeId", "orderStatus")
   SELECT "merchantId", "appId", 'payment', 'payment:' || pay_order_no || '-1', pay_order_no, pay_order_no || '-1', 'CNY', paid_at, paid_at, channel, "accountId",
     mode, amount, fee, amount - fee, subsidy, mch_order_no, 'CT' || pay_order_no, store,
     CASE WHEN refund IS NULL THEN 'PAID' WHEN refund = amount THEN 'REFUNDED' ELSE 'PARTIALLY_REFUNDED' END
   FROM seed_gen WHERE status = 'SUCCEEDED'`,
  `INSERT INTO "JournalEntry" ("merchantId", "appId", kind, "dedupeKey", "payOrderNo", "attemptNo", "refundNo", currency, "occurredAt", "createdAt", channel, "channelAccountId",
     mode, amount, fee, net, subsidy, "mchOrderNo", "channelTradeNo", "storeId", "orderStatus")
   SELECT "merchantId", "appId", 'refund', 'refund:F' || substr(pay_order_no, 2), pay_order_no, pay_order_no || '-1', 'F' || substr(pay_order_no, 2), 'CNY',
     LEAST(paid_at + r_part * interval '7 days', (now() AT TIME ZONE 'UTC') - interval '1 minute'), now() AT TIME ZONE 'UTC', channel, "accountId",
     mode, -refund, -(fee * refund / amount), -(refund - fee * refund / amount), -(subsidy * refund / amount), mch_order_no, 'CT' || pay_order_no, store,
     CASE WHEN refund = amount THEN 'REFUNDED' ELSE 'PARTIALLY_REFUNDED' END
   FROM seed_gen WHERE refund IS NOT NULL`,
  // postings (debit +, credit −): payment = clearing (G − F) + fees (F) against payable (−G); refund mirrors it
  `INSERT INTO "Posting" ("entryId", "accountId", "merchantId", amount, currency)
   SELECT je.id, x.account, g."merchantId", x.amount, 'CNY'
   FROM seed_gen g JOIN "JournalEntry" je ON je."dedupeKey" = 'payment:' || g.pay_order_no || '-1'
   CROSS JOIN LATERAL (VALUES (g.clearing, g.amount - g.fee), (g.fees, g.fee), (g.payable, -g.amount)) AS x(account, amount)
   WHERE g.status = 'SUCCEEDED' AND x.amount <> 0`,
  `INSERT INTO "Posting" ("entryId", "accountId", "merchantId", amount, currency)
   SELECT je.id, x.account, g."merchantId", x.amount, 'CNY'
   FROM seed_gen g JOIN "JournalEntry" je ON je."dedupeKey" = 'refund:F' || substr(g.pay_order_no, 2)
   CROSS JOIN LATERAL (VALUES (g.payable, g.refund), (g.clearing, -(g.refund - g.fee * g.refund / g.amount)), (g.fees, -(g.fee * g.refund / g.amount))) AS x(account, amount)
   WHERE g.refund IS NOT NULL AND x.amount <> 0`,
];

/** The rollup is a function of the journal: rebuilt for these merchants from their entries (one transaction). */
const REBUILD_ROLLUP = `
  INSERT INTO "LedgerRollupHourly" ("merchantId", "appId", "channelAccountId", channel, kind, currency, hour, slot, entries, amount, fee, net, subsidy)
  SELECT "merchantId", "appId", "channelAccountId", channel, kind, currency, date_trunc('hour', "occurredAt"), 0, count(*), sum(amount), sum(fee), sum(net), sum(subsidy)
  FROM "JournalEntry" WHERE "merchantId" = ANY($1::text[])
  GROUP BY 1, 2, 3, 4, 5, 6, 7`;

async function main() {
  const database = await ensureDatabase();
  if (database.embedded) ensureDevSecrets(path.join(path.dirname(DEV_DATA_DIR), "dev-secrets.json"));
  process.env.DATABASE_URL = database.url;
  const { seedIfEmpty } = await import("../prisma/seed.ts");
  const { getDb } = await import("../server/db.ts");
  if (await seedIfEmpty()) console.log("[seed:large] seeded the demo data first");
  await getDb().$disconnect();

  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const list = await accounts(client);
    if (list.length < 4) throw new Error("the demo merchants' apps and channel accounts are missing (run the demo seed first)");
    await ledgerAccounts(client, list);
    const tag = Array.from(randomBytes(2), (b) => CROCKFORD[b & 31]).join("");
    const started = performance.now();
    if (COUNT > 0) await seedPayments(client, list, tag);
    if (ORDERS > 0) {
      const app = (m: number) => {
        const { merchantId, appId } = list.find((a) => a.m === m)!;
        return { merchantId, appId };
      };
      await seedLargeOrders(client, [app(0), app(1)], tag, ORDERS, BATCH);
    }
    console.log(`[seed:large] done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
    await database.stop();
  }
}

async function seedPayments(client: pg.Client, list: Account[], tag: string) {
  for (let first = 1; first <= COUNT; first += BATCH) {
    const last = Math.min(COUNT, first + BATCH - 1);
    const t0 = performance.now();
    await client.query("BEGIN");
    await client.query(SEED_ACCOUNTS, [JSON.stringify(list)]);
    await client.query(SEED_GEN, [first, last, tag]);
    for (const statement of INSERTS) await client.query(statement);
    await client.query("COMMIT"); // the balance trigger checks every entry here
    console.log(`[seed:large] ${last.toLocaleString("en")} / ${COUNT.toLocaleString("en")} payments (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  await client.query("BEGIN");
  await client.query(`DELETE FROM "LedgerRollupHourly" WHERE "merchantId" = ANY($1::text[])`, [[...new Set(list.map((a) => a.merchantId))]]);
  await client.query(REBUILD_ROLLUP, [[...new Set(list.map((a) => a.merchantId))]]);
  await client.query("COMMIT");
  console.log("[seed:large] rebuilt the hourly rollup; vacuuming and analysing");
  for (const table of ["PayOrder", "Payment", "Refund", "JournalEntry", "Posting", "LedgerRollupHourly"]) await client.query(`VACUUM ANALYZE "${table}"`);
}

main().catch((error: unknown) => {
  console.error("[seed:large]", error instanceof Error ? error.message : error);
  process.exit(1);
});
