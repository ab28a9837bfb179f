// The order center's part of `npm run seed:large` (scripts/seed-large.ts): SEED_LARGE_ORDERS orders (default
// 1,000,000) with their lines and timelines, generated inside PostgreSQL (INSERT … SELECT over generate_series),
// one transaction per batch. No row goes through Prisma.
//
// Shape: 85 % to 演示商城's app, 15 % to Acme's; ~100,000 buyers (U000001…, a few buy often), 200 stores
// (S001…S200, skewed; 80 % of orders have one, every `store` scene order does); scenes mall 35 % / miniapp 25 % /
// store 20 % / dealer 10 % / o2o 5 % / points 5 %; types standard, presale 8 %, custom 8 % (flow custom_home),
// points (every points-scene order, nothing to pay); 1–4 lines from 5,000 SKUs (SKU-0001…, skewed: a few
// sell a lot); placedAt over the last 365 days, busier in the afternoon and evening (CST).
// Statuses follow age so that no timeout sweep would move them: open statuses only where the flow is still
// running (standard ≤ 10 days, presale deposit ≤ 20 days, custom_home ≤ 60 days, unpaid ≤ 30 minutes), older
// orders COMPLETED (≈ 90 %) or CANCELLED. Each order has a timeline of its first and its current status.
// Orders seeded here open no pay orders (like imported ones): `payments` is empty in their views.
import type pg from "pg";

export type OrderApp = { merchantId: string; appId: string };

// One row per order of the batch: $1 first index, $2 last index, $3 run tag (2 characters), $4 apps as JSON [main, second].
const ORDER_GEN = `
  CREATE TEMP TABLE seed_orders ON COMMIT DROP AS
  WITH apps AS (
    SELECT (a->>'merchantId') AS "merchantId", (a->>'appId') AS "appId", ord - 1 AS k FROM json_array_elements($4::json) WITH ORDINALITY AS t(a, ord)
  ), base AS (
    SELECT i, random() AS r_app, random() AS r_buyer, random() AS r_store, random() AS r_scene, random() AS r_type, random() AS r_time,
           random() AS r_hour, random() AS r_status, random() AS r_status2, random() AS r_lines, random() AS r_discount, random() AS r_cancel, random() AS r_store_no
    FROM generate_series($1::int, $2::int) AS i
  ), shaped AS (
    SELECT b.*,
      CASE WHEN r_app < 0.85 THEN 0 ELSE 1 END AS k,
      CASE WHEN r_scene < 0.35 THEN 'mall' WHEN r_scene < 0.60 THEN 'miniapp' WHEN r_scene < 0.80 THEN 'store'
           WHEN r_scene < 0.90 THEN 'dealer' WHEN r_scene < 0.95 THEN 'o2o' ELSE 'points' END AS scene,
      -- a day in the last 365, busier in the afternoon and evening (China Standard Time), never in the future
      LEAST(date_trunc('day', (now() AT TIME ZONE 'UTC') + interval '8 hours' - floor(r_time * 365) * interval '1 day') - interval '8 hours'
        + (6 + 17 * power(r_hour, 0.8)) * interval '1 hour', (now() AT TIME ZONE 'UTC') - r_hour * interval '20 minutes') AS placed_at
    FROM base b
  ), typed AS (
    SELECT s.*,
      CASE WHEN scene = 'points' THEN 'points' WHEN r_type < 0.08 THEN 'presale' WHEN r_type < 0.16 THEN 'custom' ELSE 'standard' END AS type,
      (now() AT TIME ZONE 'UTC') - placed_at AS age
    FROM shaped s
  ), stated AS (
    SELECT t.*,
      CASE WHEN type = 'custom' THEN 'custom_home' ELSE 'standard' END AS flow,
      CASE
        WHEN age < interval '30 minutes' AND r_status < 0.5 THEN 'PENDING_PAYMENT'
        WHEN r_status < 0.08 THEN 'CANCELLED'
        WHEN type = 'custom' AND age < interval '60 days'
          THEN (ARRAY['PAID', 'TO_MEASURE', 'TO_DESIGN', 'IN_PRODUCTION', 'TO_SHIP', 'SHIPPED', 'TO_INSTALL', 'TO_ACCEPT', 'COMPLETED'])[1 + floor(r_status2 * 9)::int]
        WHEN type = 'presale' AND age < interval '20 days' AND r_status2 < 0.5 THEN 'DEPOSIT_PAID'
        WHEN age < interval '10 days' THEN (ARRAY['PAID', 'TO_SHIP', 'SHIPPED', 'TO_RECEIVE', 'COMPLETED'])[1 + floor(r_status2 * 5)::int]
        ELSE 'COMPLETED'
      END AS status
    FROM typed t
  )
  SELECT st.i, a."merchantId", a."appId", st.scene, st.type, st.flow, st.status, st.placed_at, st.age,
    'O' || to_char(st.placed_at + interval '8 hours', 'YYYYMMDDHH24MISSMS') || $3 || lpad(upper(to_hex(st.i)), 6, '0') AS order_no,
    upper(st.scene) || '-' || $3 || st.i AS source_order_no,
    -- ~100,000 buyers, skewed: the first thousand place about a tenth of the orders
    1 + floor(100000 * power(st.r_buyer, 1.6))::int AS buyer,
    CASE WHEN st.scene = 'store' OR st.r_store < 0.75 THEN 'S' || lpad((1 + floor(200 * power(st.r_store_no, 1.3)))::int::text, 3, '0') END AS store_id,
    1 + floor(power(st.r_lines, 2.2) * 4)::int AS n_lines,
    CASE WHEN st.r_discount < 0.2 THEN 5 WHEN st.r_discount < 0.25 THEN 10 ELSE 0 END AS discount_pct,
    CASE WHEN st.scene IN ('mall', 'miniapp') AND st.r_discount > 0.9 THEN 1000 ELSE 0 END AS shipping,
    CASE WHEN st.status <> 'CANCELLED' THEN NULL WHEN st.r_cancel < 0.6 THEN 'requested' ELSE 'payment_timeout' END AS cancel_reason,
    st.r_cancel
  FROM stated st JOIN apps a ON a.k = st.k`;

// Lines: 1–4 per order, SKUs skewed (power law over 5,000), prices ¥9.90 … ¥9,999 (points: 0).
const LINE_GEN = `
  CREATE TEMP TABLE seed_order_lines ON COMMIT DROP AS
  SELECT o.order_no, o.i, l.n AS line_no, o."merchantId", o."appId", o.placed_at, l.sku,
    CASE WHEN o.type = 'points' THEN 0 ELSE (990 + floor(998910 * power(l.r_price, 3)))::bigint END AS unit_price,
    1 + floor(power(l.r_qty, 4) * 5)::int AS quantity,
    CASE WHEN o.type = 'custom' THEN 'custom' ELSE 'stock' END AS kind
  FROM seed_orders o
  CROSS JOIN LATERAL (
    SELECT n, 'SKU-' || lpad((1 + floor(5000 * power(random(), 2.5)))::int::text, 4, '0') AS sku, random() AS r_price, random() AS r_qty
    FROM generate_series(0, o.n_lines - 1) AS n
  ) l`;

const TOTALS = `
  CREATE TEMP TABLE seed_order_totals ON COMMIT DROP AS
  SELECT o.*, g.goods * o.discount_pct / 100 AS discount, g.goods - g.goods * o.discount_pct / 100 + o.shipping AS payable
  FROM seed_orders o
  JOIN (SELECT i, sum(unit_price * quantity)::bigint AS goods FROM seed_order_lines GROUP BY i) g ON g.i = o.i`;

const INSERTS = [
  `INSERT INTO "Order" ("orderNo", "merchantId", "appId", "sourceOrderNo", type, scene, "storeId", flow, status, "buyerId", "buyerName", "buyerPhone",
     currency, "discountAmount", "shippingAmount", "payableAmount", "paidAmount", "refundedAmount", "depositAmount", "balanceDueAt", "depositRefundable",
     "expireInSeconds", "payBy", "openPayment", "paramsHash", "cancelReason", "cancelNote", "statusAt", "paidAt", "placedAt", "createdAt", "updatedAt")
   SELECT order_no, "merchantId", "appId", source_order_no, type::"OrderType", scene, store_id, flow::"OrderFlow", status::"OrderStatus",
     'U' || lpad(buyer::text, 6, '0'), (ARRAY['张', '王', '李', '赵', '刘', '陈', '杨', '黄'])[1 + buyer % 8] || (ARRAY['先生', '女士'])[1 + buyer % 2],
     '1' || (ARRAY['38', '39', '58', '86', '35'])[1 + buyer % 5] || lpad(((buyer::bigint * 7919) % 100000000)::text, 8, '0'),
     'CNY', discount, shipping, payable,
     CASE WHEN status = 'PENDING_PAYMENT' OR cancel_reason = 'payment_timeout' OR (cancel_reason = 'requested' AND r_cancel < 0.3) THEN 0
          WHEN status = 'DEPOSIT_PAID' THEN GREATEST(1, payable / 5) ELSE payable END,
     CASE WHEN cancel_reason = 'requested' AND r_cancel >= 0.3 THEN payable ELSE 0 END,
     CASE WHEN type = 'presale' THEN GREATEST(1, payable / 5) END, CASE WHEN type = 'presale' THEN placed_at + interval '20 days' END,
     CASE WHEN type = 'presale' THEN false END,
     1800, placed_at + interval '30 minutes', type <> 'points', 'seed-large', cancel_reason::"OrderCancelReason",
     CASE WHEN cancel_reason = 'requested' THEN '买家申请取消' END,
     LEAST(placed_at + CASE WHEN status IN ('PENDING_PAYMENT') THEN interval '0' WHEN status = 'CANCELLED' THEN interval '30 minutes' ELSE age / 2 END, now() AT TIME ZONE 'UTC'),
     CASE WHEN status NOT IN ('PENDING_PAYMENT', 'CANCELLED') OR (cancel_reason = 'requested' AND r_cancel >= 0.3) THEN placed_at + interval '2 minutes' END,
     placed_at, placed_at, LEAST(placed_at + age / 2, now() AT TIME ZONE 'UTC')
   FROM seed_order_totals`,
  `INSERT INTO "OrderLine" (id, "orderNo", "lineNo", "merchantId", "appId", "placedAt", sku, name, quantity, "unitPrice", amount, kind)
   SELECT gen_random_uuid()::text, order_no, line_no, "merchantId", "appId", placed_at, sku, '商品 ' || sku, quantity, unit_price, unit_price * quantity, kind
   FROM seed_order_lines`,
  // the timeline: created, then the current status (when it moved)
  `INSERT INTO "OrderTimelineEntry" (id, "orderNo", status, at, by)
   SELECT gen_random_uuid()::text, order_no, 'PENDING_PAYMENT', placed_at, 'api' FROM seed_order_totals`,
  `INSERT INTO "OrderTimelineEntry" (id, "orderNo", status, at, by, note)
   SELECT gen_random_uuid()::text, order_no, status::"OrderStatus", LEAST(placed_at + CASE WHEN status = 'CANCELLED' THEN interval '30 minutes' ELSE age / 2 END, now() AT TIME ZONE 'UTC'),
     CASE WHEN status = 'CANCELLED' AND cancel_reason = 'payment_timeout' THEN 'timeout' WHEN status IN ('PAID', 'DEPOSIT_PAID') THEN 'payment' ELSE 'api' END,
     CASE WHEN cancel_reason = 'requested' THEN '买家申请取消' END
   FROM seed_order_totals WHERE status <> 'PENDING_PAYMENT'`,
];

const TABLES = ["Order", "OrderLine", "OrderTimelineEntry"];

/**
 * The tables' secondary indexes (not primary keys or unique ones, which guard the data), as PostgreSQL
 * defines them: a bulk load drops them and rebuilds each in one sort, several times faster than
 * maintaining 13 B-trees row by row.
 */
async function secondaryIndexes(client: pg.Client): Promise<{ name: string; definition: string }[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
     JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid
     WHERE i.schemaname = current_schema() AND i.tablename = ANY($1::text[]) AND NOT x.indisunique AND NOT x.indisprimary`,
    [TABLES],
  );
  return rows;
}

/** Seeds `count` orders in batches of `batch`, one transaction each; logs progress. */
export async function seedLargeOrders(client: pg.Client, apps: [OrderApp, OrderApp], tag: string, count: number, batch: number): Promise<void> {
  const started = performance.now();
  const indexes = count >= 100_000 ? await secondaryIndexes(client) : [];
  for (const { name } of indexes) await client.query(`DROP INDEX IF EXISTS "${name}"`);
  try {
    await insertBatches(client, apps, tag, count, batch);
  } finally {
    // rebuilt even when a batch failed: the schema must stay as the migrations left it
    const t0 = performance.now();
    await client.query("SET maintenance_work_mem = '256MB'");
    for (const { definition } of indexes) await client.query(definition.replace(/^CREATE INDEX /, "CREATE INDEX IF NOT EXISTS "));
    if (indexes.length) console.log(`[seed:large] rebuilt ${indexes.length} indexes of the order tables (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  for (const table of TABLES) await client.query(`VACUUM ANALYZE "${table}"`);
  console.log(`[seed:large] orders done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

async function insertBatches(client: pg.Client, apps: [OrderApp, OrderApp], tag: string, count: number, batch: number): Promise<void> {
  for (let first = 1; first <= count; first += batch) {
    const last = Math.min(count, first + batch - 1);
    const t0 = performance.now();
    await client.query("BEGIN");
    try {
      const timed = async (statement: string, values?: unknown[]) => {
        const t = performance.now();
        await client.query(statement, values);
        if (process.env.SEED_LARGE_VERBOSE) console.log(`  ${(performance.now() - t).toFixed(0)} ms: ${statement.trim().slice(0, 60).replace(/\s+/g, " ")}`);
      };
      await timed(ORDER_GEN, [first, last, tag, JSON.stringify(apps)]);
      await timed(LINE_GEN);
      await timed(TOTALS);
      for (const statement of INSERTS) await timed(statement);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
    console.log(`[seed:large] ${last.toLocaleString("en")} / ${count.toLocaleString("en")} orders (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
}
