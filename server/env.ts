import { z } from "zod";
import { parseNetwork } from "@/server/domain/ip-address";

/**
 * Every environment variable the app reads, validated once. `loadEnv()` runs at start
 * (instrumentation, the worker, scripts); a missing or malformed value stops the process with a
 * message naming it. scripts/run.ts fills in DATABASE_URL and, for the embedded demo database,
 * generated development secrets (kept in .data/).
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /**
   * The primary. Several hosts, libpq style, follow the primary across a failover:
   * `postgresql://u:p@db-a:5432,db-b:5432/paycenter?target_session_attrs=read-write` (docs/adr/0034).
   */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
  /** Connect timeout (ms) of each connection and host probe when DATABASE_URL lists several hosts. */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  /**
   * A streaming replica for reads that may be a little stale (reports, ledger, exports, dashboards, console lists);
   * unset: every read goes to DATABASE_URL. Never used by the Open API or any write (docs/adr/0034).
   */
  DATABASE_REPLICA_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL").optional(),
  /** Connections to the replica per process (default: DATABASE_POOL_SIZE, else 10). */
  DATABASE_REPLICA_POOL_SIZE: z.coerce.number().int().min(1).max(500).optional(),
  /** Past this lag (seconds) behind the primary, or while it is down, stale-tolerant reads go to the primary. */
  REPLICA_MAX_LAG_SECONDS: z.coerce.number().min(0).max(3600).default(10),
  /** How often each process samples the replica's lag (seconds). */
  REPLICA_CHECK_SECONDS: z.coerce.number().min(0.1).max(60).default(2),
  PAYCENTER_ENCRYPTION_KEY: z
    .string()
    .regex(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, "must be 32 bytes as 64 hex characters or base64"),
  /** Comma-separated retired keys still used to open old secrets during a key rotation. */
  PAYCENTER_ENCRYPTION_KEYS_PREVIOUS: z.string().optional(),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  /** The public base URL (cashier links, channel callbacks, webhooks). */
  PUBLIC_BASE_URL: z.url().default("http://localhost:3000"),
  /** inline: the worker runs inside the Next.js process; separate: run `npm run worker`. */
  WORKER_MODE: z.enum(["inline", "separate"]).default("inline"),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
  /** A job worker silent this long is dead: the jobs and webhook lanes it held are released (docs/adr/0012). */
  WORKER_DEAD_AFTER_SECONDS: z.coerce.number().min(2).max(3600).default(30),
  /** Webhook deliveries run in slots of their own (each may wait 10 s on a merchant's endpoint). */
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(16),
  /** When set, /api/metrics requires `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Multiplies the sandbox channels' delays (notification retries, auto-settling refunds); tests use e.g. 0.001. */
  SANDBOX_TIME_SCALE: z.coerce.number().positive().max(1).default(1),
  /**
   * The sandbox channels refuse a split this soon after the payment (WeChat Pay: "订单处理中，请稍后重试"
   * for ~30–60 s). 60 by default, as the real channel; tests and e2e lower it.
   */
  SANDBOX_SPLIT_MIN_DELAY_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** Multiplies the webhook retry schedule (15 s … 6 h); tests compress it, e.g. 0.001. */
  WEBHOOK_TIME_SCALE: z.coerce.number().positive().max(1).default(1),
  /** Multiplies the backoff between retries of a channel refund that failed (10 s … 30 min); tests compress it. */
  REFUND_RETRY_TIME_SCALE: z.coerce.number().positive().max(1).default(1),
  /** Seconds after a payment before its automatic split (分账): WeChat refuses splits earlier than about 60 s. Tests set 0. */
  PROFIT_SHARING_DELAY_SECONDS: z.coerce.number().min(0).max(86_400).default(65),
  /** Multiplies the backoff between retries of a split or its query (10 s … 1 h); tests compress it. */
  PROFIT_SHARING_RETRY_TIME_SCALE: z.coerce.number().positive().max(1).default(1),
  /** How often expired pending orders are looked for and closed (0 = never; the test suites sweep by hand). */
  EXPIRY_SWEEP_SECONDS: z.coerce.number().min(0).max(300).default(5),
  /**
   * Non-public networks (CIDR, comma-separated) that TEST apps' webhooks and channel base URLs may
   * reach, e.g. `127.0.0.0/8,::1/128` for a developer's receiver on this machine. Empty (the
   * default): none — TEST apps reach the built-in sandbox and public hosts only. LIVE apps never.
   */
  TEST_MODE_PRIVATE_NETWORKS: z
    .string()
    .default("")
    .transform((text) => text.split(",").map((entry) => entry.trim()).filter((entry) => entry !== ""))
    .refine((entries) => entries.every((entry) => parseNetwork(entry) !== null), "must be comma-separated CIDR networks, e.g. 127.0.0.0/8,::1/128"),
  /** Timeout for one HTTP call to a channel. */
  CHANNEL_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** Where uploaded documents (business licences) are stored; relative paths are from the working directory. */
  UPLOAD_DIR: z.string().min(1).default(".data/uploads"),
  /** Where export files (CSV/XLSX) are written; shared storage when web and worker nodes are separate machines. */
  EXPORTS_DIR: z.string().min(1).default(".data/exports"),
  /** How often alert rules are evaluated (docs/monitoring.md); 0 = never (the test suites call evaluateAlerts). Cron runs it every minute; below 60 it also reschedules itself. */
  ALERT_EVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** Multiplies the backoff between retries of an alert notification that failed (10 s … 10 min); tests compress it. */
  ALERT_RETRY_TIME_SCALE: z.coerce.number().positive().max(1).default(1),
  /** SMTP server for alert e-mails, e.g. smtps://user:pass@smtp.example.com:465; unset: e-mail targets fail with a clear reason. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(),
  /** Sender of alert e-mails, e.g. "PayCenter <alerts@example.com>". */
  SMTP_FROM: z.string().min(3).default("PayCenter <alerts@localhost>"),
  /**
   * A file where account e-mails (password reset links) are appended as JSON lines when SMTP_URL is unset — a dev
   * mailbox the end-to-end suite reads. Unset: such e-mails are only written to the log.
   */
  MAIL_OUTBOX_FILE: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Hours a merchant has to answer a consumer complaint (申诉) before it escalates to operators. */
  COMPLAINT_SLA_HOURS: z.coerce.number().positive().max(24 * 30).default(48),
  /** Multiplies the barcode payment loop's pauses (query every 5 s, reverse after 45 s, reverse retries 5 s … 10 min); tests compress it. */
  BARCODE_TIME_SCALE: z.coerce.number().positive().max(1).default(1),
  /** Aggregated (static) QR codes: what one payer may pay through them per Beijing day and app, in fen (PBOC 条码支付规范: ≤ 500 元 for static codes). */
  STATIC_QR_DAILY_CAP_FEN: z.coerce.number().int().min(1).max(100_000_000).default(50_000),
  /** Days the Open API's request log (console → developers) keeps a request; a job deletes older rows every hour. 0: no log. */
  REQUEST_LOG_DAYS: z.coerce.number().int().min(0).max(90).default(7),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export class EnvError extends Error {}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  if (cached && source === process.env) return cached;
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment — fix these variables:\n${lines.join("\n")}`);
  }
  if (source === process.env) cached = parsed.data;
  return parsed.data;
}

/** Tests change the environment between cases (e.g. PUBLIC_BASE_URL of a test server): forget the parsed copy. */
export function resetEnvCache(): void {
  cached = undefined;
}

/** For start-up code: print the problem and exit instead of throwing a stack trace. */
export function loadEnvOrExit(): Env {
  try {
    return loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`\n[paycenter] ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
