// The invariant checker of the chaos suite (README: "Chaos and fault tests"). It reads a PayCenter
// database and says whether the promises about money, jobs and webhooks hold — after a crash test, or
// on any database at rest:
//
//   DATABASE_URL=postgresql://… npx tsx scripts/chaos/invariants.ts [--delivery-bound-seconds 45]
//
// Exit code 1 when one fails. scripts/chaos/run.ts calls checkInvariants() with what only the run
// knows (what its webhook receiver saw, when processes were down, which orders it paid).
import pg from "pg";

export type Check = { name: string; ok: boolean; detail: string; samples?: unknown[] };
export type Interval = { from: number; to: number };

export type InvariantOptions = {
  /** First 2xx arrival at the run's receiver, by event id. Without it, the database's record of each delivery is used. */
  arrivals?: Map<string, number>;
  /** When no worker could run (killed until restarted, or PostgreSQL down): not counted against a delivery. */
  downtime?: Interval[];
  /** Longest a delivery of a paid order's event may take, downtime excluded (default 45 s). */
  deliveryBoundMs?: number;
  /** Orders the run paid at the channel (simulate answered 202): each must end paid. */
  paidByDriver?: string[];
  /** A CREATED attempt younger than this may still be in its request's channel call (default 15 s). */
  inFlightMs?: number;
  /** A worker pool silent this long is dead (WORKER_DEAD_AFTER_SECONDS, default 30 s). */
  workerDeadAfterMs?: number;
};

export type InvariantReport = {
  checks: Check[];
  figures: Record<string, number>;
  ok: boolean;
};

// Prisma stores DateTime as UTC in `timestamp` columns: parse them as UTC and compare with now() in UTC.
const NOW_UTC = "(now() AT TIME ZONE 'UTC')";
const types = {
  getTypeParser: (oid: number, format?: "text" | "binary") =>
    oid === 1114 ? (text: string) => new Date(`${text.replace(" ", "T")}Z`) : pg.types.getTypeParser(oid, format),
};

export function openPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 3, types });
  pool.on("error", () => undefined); // a server restarting under us: the next query reconnects
  return pool;
}

const PAID = "('PAID','PARTIALLY_REFUNDED','REFUNDED')";

/** Rows of a query that lists violations; the check passes when there are none. */
async function none(pool: pg.Pool, name: string, text: string, values: unknown[] = [], describe?: (n: number) => string): Promise<Check> {
  const { rows } = await pool.query(text, values);
  return { name, ok: rows.length === 0, detail: describe ? describe(rows.length) : rows.length === 0 ? "none" : `${rows.length} found`, samples: rows.slice(0, 5) };
}

function overlap(from: number, to: number, intervals: Interval[]): number {
  let total = 0;
  for (const i of intervals) total += Math.max(0, Math.min(to, i.to) - Math.max(from, i.from));
  return total;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function moneyChecks(pool: pg.Pool, options: InvariantOptions): Promise<Check[]> {
  const checks: Check[] = [];
  checks.push(
    await none(
      pool,
      "every charged trade's order settled paid",
      `SELECT t."outTradeNo", p.status AS attempt, o."payOrderNo", o.status AS "order"
         FROM "SandboxTrade" t
         LEFT JOIN "Payment" p ON p."attemptNo" = t."outTradeNo"
         LEFT JOIN "PayOrder" o ON o."payOrderNo" = p."payOrderNo"
        WHERE t.state = 'SUCCEEDED' AND (p.status IS DISTINCT FROM 'SUCCEEDED' OR o.status::text NOT IN ${PAID})`,
    ),
  );
  if (options.paidByDriver?.length) {
    checks.push(
      await none(
        pool,
        "every order the run paid ended paid",
        `SELECT "payOrderNo", status FROM "PayOrder" WHERE "payOrderNo" = ANY($1::text[]) AND status::text NOT IN ${PAID}`,
        [options.paidByDriver],
      ),
    );
  }
  checks.push(
    await none(
      pool,
      "no order both paid and closed",
      `SELECT o."payOrderNo" FROM "PayOrder" o
        WHERE o.status = 'CLOSED' AND (o."paidAttemptNo" IS NOT NULL OR o."paidAt" IS NOT NULL
              OR EXISTS (SELECT 1 FROM "Payment" p WHERE p."payOrderNo" = o."payOrderNo" AND p.status = 'SUCCEEDED'))`,
    ),
  );
  checks.push(
    await none(
      pool,
      "no double success (a second paid attempt is a refunded duplicate)",
      `SELECT o."payOrderNo", count(*) FILTER (WHERE NOT p.duplicate) AS firsts,
              count(*) FILTER (WHERE p.duplicate AND NOT EXISTS (SELECT 1 FROM "Refund" r WHERE r."attemptNo" = p."attemptNo" AND r.kind = 'DUPLICATE_PAYMENT')) AS unrefunded,
              (SELECT count(*) FROM "Event" e WHERE e."payOrderNo" = o."payOrderNo" AND e.type = 'pay_order.succeeded') AS events
         FROM "PayOrder" o JOIN "Payment" p ON p."payOrderNo" = o."payOrderNo" AND p.status = 'SUCCEEDED'
        GROUP BY o."payOrderNo"
       HAVING count(*) FILTER (WHERE NOT p.duplicate) <> 1
           OR count(*) FILTER (WHERE p.duplicate AND NOT EXISTS (SELECT 1 FROM "Refund" r WHERE r."attemptNo" = p."attemptNo" AND r.kind = 'DUPLICATE_PAYMENT')) > 0
           OR (SELECT count(*) FROM "Event" e WHERE e."payOrderNo" = o."payOrderNo" AND e.type = 'pay_order.succeeded') <> 1`,
    ),
  );
  checks.push(
    await none(
      pool,
      "journal balanced (every entry sums to zero)",
      `SELECT e.id, e."dedupeKey", COALESCE(sum(p.amount), 0) AS sum, count(p.id) AS postings
         FROM "JournalEntry" e LEFT JOIN "Posting" p ON p."entryId" = e.id
        GROUP BY e.id HAVING COALESCE(sum(p.amount), 0) <> 0 OR count(p.id) = 0`,
    ),
  );
  checks.push(
    await none(
      pool,
      "one journal entry per settled payment and refund",
      `SELECT 'payment' AS kind, p."attemptNo" AS id FROM "Payment" p
        WHERE p.status = 'SUCCEEDED' AND NOT EXISTS (SELECT 1 FROM "JournalEntry" e WHERE e."dedupeKey" = 'payment:' || p."attemptNo")
       UNION ALL
       SELECT 'refund', r."refundNo" FROM "Refund" r
        WHERE r.status = 'SUCCEEDED' AND NOT EXISTS (SELECT 1 FROM "JournalEntry" e WHERE e."dedupeKey" = 'refund:' || r."refundNo")
       UNION ALL
       SELECT e.kind, e."dedupeKey" FROM "JournalEntry" e
        WHERE (e.kind = 'payment' AND NOT EXISTS (SELECT 1 FROM "Payment" p WHERE p."attemptNo" = e."attemptNo" AND p.status = 'SUCCEEDED'))
           OR (e.kind IN ('refund', 'duplicate_refund') AND NOT EXISTS (SELECT 1 FROM "Refund" r WHERE r."refundNo" = e."refundNo" AND r.status = 'SUCCEEDED'))`,
    ),
  );
  checks.push(
    await none(
      pool,
      "merchant payable = payments − refunds, fees = fees charged − fees returned (so net = payments − refunds − fees)",
      `WITH ledger AS (
         SELECT a."merchantId",
                -COALESCE(sum(p.amount) FILTER (WHERE a.type = 'MERCHANT_PAYABLE'), 0) AS payable,
                COALESCE(sum(p.amount) FILTER (WHERE a.type = 'CHANNEL_FEES'), 0) AS fees
           FROM "LedgerAccount" a JOIN "Posting" p ON p."accountId" = a.id GROUP BY a."merchantId"),
       paid AS (SELECT "merchantId", sum(amount) AS amount, sum(COALESCE("feeAmount", 0)) AS fees FROM "Payment" WHERE status = 'SUCCEEDED' GROUP BY "merchantId"),
       refunded AS (SELECT "merchantId", sum(amount) AS amount, sum(COALESCE("feeRefundAmount", 0)) AS fees FROM "Refund" WHERE status = 'SUCCEEDED' GROUP BY "merchantId")
       SELECT m.id, l.payable, l.fees, COALESCE(pa.amount, 0) - COALESCE(re.amount, 0) AS "expectedPayable",
              COALESCE(pa.fees, 0) - COALESCE(re.fees, 0) AS "expectedFees"
         FROM "Merchant" m LEFT JOIN ledger l ON l."merchantId" = m.id LEFT JOIN paid pa ON pa."merchantId" = m.id LEFT JOIN refunded re ON re."merchantId" = m.id
        WHERE COALESCE(l.payable, 0) <> COALESCE(pa.amount, 0) - COALESCE(re.amount, 0)
           OR COALESCE(l.fees, 0) <> COALESCE(pa.fees, 0) - COALESCE(re.fees, 0)`,
    ),
  );
  checks.push(
    await none(
      pool,
      "order figures agree with their refunds (refunded + reserved ≤ paid)",
      `SELECT o."payOrderNo", o.status, o."paidAmount", o."refundedAmount", o."refundingAmount", r.done, r.reserved
         FROM "PayOrder" o
         LEFT JOIN (SELECT "payOrderNo", COALESCE(sum(amount) FILTER (WHERE status = 'SUCCEEDED'), 0) AS done,
                           COALESCE(sum(amount) FILTER (WHERE status IN ('PENDING_REVIEW', 'PROCESSING')), 0) AS reserved
                      FROM "Refund" WHERE kind = 'MERCHANT' GROUP BY "payOrderNo") r ON r."payOrderNo" = o."payOrderNo"
        WHERE o."refundedAmount" <> COALESCE(r.done, 0) OR o."refundingAmount" <> COALESCE(r.reserved, 0)
           OR o."refundedAmount" + o."refundingAmount" > o."paidAmount"
           OR (o.status = 'REFUNDED' AND o."refundedAmount" <> o."paidAmount")
           OR (o.status = 'PARTIALLY_REFUNDED' AND (o."refundedAmount" = 0 OR o."refundedAmount" >= o."paidAmount"))`,
    ),
  );
  checks.push(
    await none(
      pool,
      "refunds agree with the channel's",
      `SELECT r."refundNo", r.status, s.state FROM "Refund" r LEFT JOIN "SandboxRefund" s ON s."outRefundNo" = r."refundNo"
        WHERE (r.status = 'SUCCEEDED') <> (s.state IS NOT DISTINCT FROM 'SUCCEEDED')`,
    ),
  );
  return checks;
}

async function jobChecks(pool: pg.Pool, options: InvariantOptions): Promise<Check[]> {
  const deadAfter = `${options.workerDeadAfterMs ?? 30_000} milliseconds`;
  const live = `SELECT id FROM "WorkerHeartbeat" WHERE "beatAt" > now() - $1::interval`;
  return [
    await none(
      pool,
      "no job or queue locked by a dead worker",
      `SELECT 'job' AS what, j.id::text, t.identifier, j.locked_by, j.locked_at FROM graphile_worker._private_jobs j
         JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE j.locked_by IS NOT NULL AND j.locked_by NOT IN (${live})
       UNION ALL
       SELECT 'queue', q.id::text, q.queue_name, q.locked_by, q.locked_at FROM graphile_worker._private_job_queues q
        WHERE q.locked_by IS NOT NULL AND q.locked_by NOT IN (${live})`,
      [deadAfter],
    ),
    await givenUpJobsCheck(pool),
    await dueJobsCheck(pool, 2 * (options.workerDeadAfterMs ?? 30_000)),
    await none(
      pool,
      "every pending webhook delivery has its job",
      `SELECT d.id, d."attemptCount" FROM "WebhookDelivery" d
        WHERE d.status = 'PENDING' AND NOT EXISTS (
          SELECT 1 FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
           WHERE t.identifier = 'deliver-webhook' AND j.payload->>'deliveryId' = d.id AND j.attempts < j.max_attempts)`,
    ),
    await none(
      pool,
      "every refund in flight has its job",
      `SELECT r."refundNo", r.status FROM "Refund" r
        WHERE r.status = 'PROCESSING' AND NOT EXISTS (
          SELECT 1 FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
           WHERE t.identifier IN ('execute-refund', 'sync-refund') AND j.payload->>'refundNo' = r."refundNo" AND j.attempts < j.max_attempts)`,
    ),
    await none(
      pool,
      "every open attempt of a pending order is watched (status sync, close, or expiry)",
      `SELECT p."attemptNo", p.status FROM "Payment" p JOIN "PayOrder" o ON o."payOrderNo" = p."payOrderNo"
        WHERE o.status = 'PENDING' AND p.status IN ('CREATED', 'PROCESSING', 'UNKNOWN') AND o."expiresAt" > ${NOW_UTC} + interval '6 minutes'
          AND NOT EXISTS (SELECT 1 FROM graphile_worker._private_jobs j
                           WHERE j.key IN ('sync-payment:' || p."attemptNo", 'close-attempt:' || p."attemptNo", 'expire-order:' || o."payOrderNo")
                             AND j.attempts < j.max_attempts)`,
    ),
  ];
}

/**
 * The sweeps that re-add themselves under their own job_key from inside their run (expire-sweep.ts,
 * run-order-sweep.ts, evaluate-alerts.ts). graphile-worker's add_job on a key whose job is running (locked)
 * clears that job's key and sets its attempts to the maximum — "superseded": it must not run again, the new
 * job carries the chain. Completed, the old run is deleted; its worker killed first, it stays behind, given up.
 */
export const SELF_RESCHEDULING_SWEEPS = ["expire-sweep", "order-sweep", "evaluate-alerts"];

type JobRow = { id: string; task: string; key: string | null; attempts: number; max_attempts: number; last_error: string | null; locked_by: string | null; run_at: Date; superseded_by?: string | null };

function nameJob(job: JobRow): string {
  const error = job.last_error ? `, last error: ${job.last_error.split("\n")[0]!.slice(0, 160)}` : ", no error";
  return `${job.task}#${job.id} (key ${job.key ?? "none"}, attempts ${job.attempts}/${job.max_attempts}${job.locked_by ? `, locked by ${job.locked_by}` : ""}${error})`;
}

/**
 * Every job whose attempts are used up, named (task, key, last error). Green only when each is a superseded run
 * of a self-rescheduling sweep: that task, no key left, never failed, and a newer run of it is known — a job of
 * the chain's key added after it (the next run; one that succeeded has added its own), or, for a sweep that cron
 * drives (evaluate-alerts past a minute), a cron run scheduled after it (graphile-worker's known_crontabs). A
 * newer run that failed is named on its own (given up, or due with its error).
 */
export async function givenUpJobsCheck(pool: pg.Pool): Promise<Check> {
  const { rows } = await pool.query<JobRow>(
    `SELECT j.id::text, t.identifier AS task, j.key, j.attempts, j.max_attempts, j.last_error, j.locked_by, j.run_at,
            COALESCE((SELECT '#' || n.id::text FROM graphile_worker._private_jobs n
                       WHERE n.task_id = j.task_id AND n.key = t.identifier AND n.id > j.id ORDER BY n.id DESC LIMIT 1),
                     (SELECT 'cron ' || to_char(c.last_execution AT TIME ZONE 'UTC', 'HH24:MI:SS') FROM graphile_worker._private_known_crontabs c
                       WHERE c.identifier = t.identifier AND c.last_execution > j.run_at)) AS superseded_by
       FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE j.attempts >= j.max_attempts ORDER BY j.id`,
  );
  const superseded = (job: JobRow) =>
    SELF_RESCHEDULING_SWEEPS.includes(job.task) && job.key === null && job.last_error === null && job.superseded_by !== null;
  const real = rows.filter((job) => !superseded(job));
  const benign = rows.filter(superseded);
  const named = [
    ...real.map((job) => `GIVEN UP ${nameJob(job)}`),
    ...benign.map((job) => `superseded sweep run ${nameJob(job)}, next run ${job.superseded_by}`),
  ];
  return { name: "no job given up (attempts used up; a superseded sweep run is not)", ok: real.length === 0, detail: named.length === 0 ? "none" : named.join("; "), samples: real.slice(0, 5) };
}

/** Jobs due for longer than `dueForMs` (the sweeps' chains aside), named: work the workers should have done. */
export async function dueJobs(pool: pg.Pool, dueForMs: number): Promise<string[]> {
  const { rows } = await pool.query<JobRow>(
    `SELECT j.id::text, t.identifier AS task, j.key, j.attempts, j.max_attempts, j.last_error, j.locked_by, j.run_at
       FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE j.attempts < j.max_attempts AND j.run_at < now() - $1::interval AND NOT (t.identifier = ANY($2::text[]))
      ORDER BY j.run_at`,
    [`${dueForMs} milliseconds`, SELF_RESCHEDULING_SWEEPS],
  );
  return rows.map(nameJob);
}

export async function dueJobsCheck(pool: pg.Pool, dueForMs: number): Promise<Check> {
  const due = await dueJobs(pool, dueForMs);
  return { name: `no job left due for more than ${dueForMs / 1000} s`, ok: due.length === 0, detail: due.length === 0 ? "none" : due.join("; ") };
}

async function payabilityCheck(pool: pg.Pool, options: InvariantOptions): Promise<Check> {
  return none(
    pool,
    "no order left unpayable (latest attempt of a pending order without its channel's answer)",
    `SELECT o."payOrderNo", p."attemptNo", p.status, p."payOutcome", p."createdAt"
       FROM "PayOrder" o
       JOIN LATERAL (SELECT * FROM "Payment" x WHERE x."payOrderNo" = o."payOrderNo" ORDER BY x.seq DESC LIMIT 1) p ON true
      WHERE o.status = 'PENDING' AND o."expiresAt" > ${NOW_UTC}
        AND p.status IN ('CREATED', 'PROCESSING', 'UNKNOWN') AND p."payOutcome" IS DISTINCT FROM 'ok'
        AND p."createdAt" < ${NOW_UTC} - $1::interval`,
    [`${options.inFlightMs ?? 15_000} milliseconds`],
  );
}

async function webhookCheck(pool: pg.Pool, options: InvariantOptions): Promise<{ checks: Check[]; figures: Record<string, number> }> {
  const { rows } = await pool.query<{ id: string; type: string; createdAt: Date; status: string | null; deliveredAt: Date | null; attemptCount: number | null }>(
    `SELECT e.id, e.type, e."createdAt", d.status, d."deliveredAt", d."attemptCount"
       FROM "Event" e JOIN "PayOrder" o ON o."payOrderNo" = e."payOrderNo"
       LEFT JOIN "WebhookDelivery" d ON d."eventId" = e.id
      WHERE o.status::text IN ${PAID}`,
  );
  const bound = options.deliveryBoundMs ?? 45_000;
  const downtime = options.downtime ?? [];
  const latencies: number[] = [];
  const missing: unknown[] = [];
  const late: unknown[] = [];
  for (const row of rows) {
    const arrivedAt = options.arrivals ? options.arrivals.get(row.id) : row.status === "SUCCEEDED" ? row.deliveredAt?.getTime() : undefined;
    if (arrivedAt === undefined) {
      missing.push({ event: row.id, type: row.type, status: row.status, attempts: row.attemptCount });
      continue;
    }
    const from = row.createdAt.getTime();
    const latency = Math.max(0, arrivedAt - from - overlap(from, arrivedAt, downtime));
    latencies.push(latency);
    if (latency > bound) late.push({ event: row.id, type: row.type, latencyMs: latency });
  }
  latencies.sort((a, b) => a - b);
  const figures = {
    events: rows.length,
    delivered: latencies.length,
    undelivered: missing.length,
    late: late.length,
    deliveryP50Ms: percentile(latencies, 50),
    deliveryP99Ms: percentile(latencies, 99),
    deliveryMaxMs: latencies.at(-1) ?? 0,
  };
  return {
    figures,
    checks: [
      { name: "every event of a paid order delivered", ok: missing.length === 0, detail: `${latencies.length} of ${rows.length}`, samples: missing.slice(0, 5) },
      {
        name: `delivered within the bound (${(bound / 1000).toFixed(1)} s, downtime excluded)`,
        ok: late.length === 0,
        detail: `${late.length} late; p50 ${figures.deliveryP50Ms} ms, p99 ${figures.deliveryP99Ms} ms, max ${figures.deliveryMaxMs} ms`,
        samples: late.slice(0, 5),
      },
    ],
  };
}

export async function checkInvariants(connectionString: string, options: InvariantOptions = {}): Promise<InvariantReport> {
  const pool = openPool(connectionString);
  try {
    const money = await moneyChecks(pool, options);
    const jobs = await jobChecks(pool, options);
    const payable = await payabilityCheck(pool, options);
    const webhooks = await webhookCheck(pool, options);
    const { rows } = await pool.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM "PayOrder") AS orders,
              (SELECT count(*) FROM "PayOrder" WHERE status::text IN ${PAID}) AS "paidOrders",
              (SELECT count(*) FROM "Payment") AS attempts,
              (SELECT count(*) FROM "Payment" WHERE duplicate) AS "duplicatePayments",
              (SELECT count(*) FROM "Refund" WHERE status = 'SUCCEEDED') AS "refundsSucceeded",
              (SELECT count(*) FROM "SandboxTrade" WHERE state = 'SUCCEEDED') AS "chargedTrades",
              (SELECT count(*) FROM "JournalEntry") AS "journalEntries"`,
    );
    const figures = { ...Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)])), ...webhooks.figures };
    const checks = [...money, ...jobs, payable, ...webhooks.checks];
    return { checks, figures, ok: checks.every((c) => c.ok) };
  } finally {
    await pool.end();
  }
}

/**
 * What is still moving: work the system owes itself before the invariants can be judged. Zero
 * everywhere means quiescent.
 */
export async function outstandingWork(pool: pg.Pool): Promise<Record<string, number>> {
  const { rows } = await pool.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM "SandboxTrade" t JOIN "Payment" p ON p."attemptNo" = t."outTradeNo"
              WHERE t.state = 'SUCCEEDED' AND p.status <> 'SUCCEEDED') AS "chargedNotApplied",
            (SELECT count(*) FROM "WebhookDelivery" WHERE status = 'PENDING') AS "pendingDeliveries",
            (SELECT count(*) FROM "Refund" WHERE status = 'PROCESSING') AS "refundsInFlight",
            (SELECT count(*) FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
              WHERE NOT (t.identifier = ANY($1::text[])) AND j.run_at <= now() AND j.attempts < j.max_attempts) AS "jobsDue"`,
    [SELF_RESCHEDULING_SWEEPS],
  );
  return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
}

export function printReport(report: InvariantReport): void {
  for (const check of report.checks) {
    console.log(`${check.ok ? "✔" : "✘"} ${check.name}: ${check.detail}`);
    if (!check.ok && check.samples?.length) console.log(`    e.g. ${JSON.stringify(check.samples, (_k, v) => (typeof v === "bigint" ? String(v) : v))}`);
  }
}

if (import.meta.filename === process.argv[1]) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("Set DATABASE_URL to the database to check.");
    process.exit(64);
  }
  const flag = process.argv.indexOf("--delivery-bound-seconds");
  const report = await checkInvariants(url, flag > 0 ? { deliveryBoundMs: Number(process.argv[flag + 1]) * 1000 } : {});
  printReport(report);
  console.log(JSON.stringify(report.figures));
  process.exit(report.ok ? 0 : 1);
}
