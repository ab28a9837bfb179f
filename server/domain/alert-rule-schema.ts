import { z } from "zod";

/**
 * Alert rules (监控告警, docs/adr/0018): a kind with its thresholds, evaluated every minute over the last
 * `windowMinutes` by server/services/alerts/evaluate-alerts.ts. Rates are whole percents, never floats in money.
 */
export const ALERT_KINDS = ["SUCCESS_RATE_DROP", "ERROR_SPIKE", "NO_CALLBACKS", "WEBHOOK_FAILING", "JOB_BACKLOG", "RISK_BLOCKS_SPIKE", "RECON_DIFFERENCES", "REPLICA_LAG"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Kinds only operators (platform rules, merchantId null) may hold: they watch the whole installation. */
export const PLATFORM_ONLY_ALERT_KINDS: readonly AlertKind[] = ["JOB_BACKLOG", "REPLICA_LAG"];

const percent = z.number().int().min(1).max(100);
const positive = z.number().int().min(1).max(1_000_000);

export const alertParamsSchemas = {
  /** Per channel account: success rate of attempts that ended in the window below minRatePercent, once minAttempts ended. */
  SUCCESS_RATE_DROP: z.strictObject({ minRatePercent: percent, minAttempts: positive }),
  /** Per channel account: at least minErrors channel call errors and that share of calls. */
  ERROR_SPIKE: z.strictObject({ minErrors: positive, minErrorRatePercent: percent }),
  /** Per channel account: no callback in the window while at least minStarted attempts were started. */
  NO_CALLBACKS: z.strictObject({ minStarted: positive }),
  /** Per webhook endpoint (notify URL): at least minFailures failed deliveries and none succeeded in the window. */
  WEBHOOK_FAILING: z.strictObject({ minFailures: positive }),
  /** The job queue: more than maxQueued jobs due, or the oldest due job older than maxAgeSeconds. */
  JOB_BACKLOG: z.strictObject({ maxQueued: positive, maxAgeSeconds: positive }),
  /** Risk decisions that blocked: at least minBlocks in the window. */
  RISK_BLOCKS_SPIKE: z.strictObject({ minBlocks: positive }),
  /** Open reconciliation differences: at least minOpen. */
  RECON_DIFFERENCES: z.strictObject({ minOpen: positive }),
  /** The read replica (DATABASE_REPLICA_URL, docs/adr/0034): down, or more than maxLagSeconds behind the primary. */
  REPLICA_LAG: z.strictObject({ maxLagSeconds: positive }),
} satisfies Record<AlertKind, z.ZodType>;

export type AlertParams<K extends AlertKind = AlertKind> = z.infer<(typeof alertParamsSchemas)[K]>;

/** The defaults every merchant (and the platform) starts with; editable in the console. */
export const DEFAULT_ALERT_RULES: { kind: AlertKind; windowMinutes: number; params: AlertParams }[] = [
  { kind: "SUCCESS_RATE_DROP", windowMinutes: 10, params: { minRatePercent: 70, minAttempts: 20 } },
  { kind: "ERROR_SPIKE", windowMinutes: 10, params: { minErrors: 10, minErrorRatePercent: 20 } },
  { kind: "NO_CALLBACKS", windowMinutes: 15, params: { minStarted: 10 } },
  { kind: "WEBHOOK_FAILING", windowMinutes: 30, params: { minFailures: 5 } },
  { kind: "JOB_BACKLOG", windowMinutes: 5, params: { maxQueued: 5000, maxAgeSeconds: 600 } },
  { kind: "RISK_BLOCKS_SPIKE", windowMinutes: 10, params: { minBlocks: 20 } },
  { kind: "RECON_DIFFERENCES", windowMinutes: 60, params: { minOpen: 1 } },
  { kind: "REPLICA_LAG", windowMinutes: 5, params: { maxLagSeconds: 30 } },
];

export const alertRuleInputSchema = z
  .strictObject({
    kind: z.enum(ALERT_KINDS),
    name: z.string().trim().min(1).max(60),
    windowMinutes: z.number().int().min(5).max(24 * 60),
    params: z.record(z.string(), z.unknown()),
    enabled: z.boolean(),
    targetIds: z.array(z.uuid()).max(10),
  })
  .transform((rule, ctx) => {
    const parsed = alertParamsSchemas[rule.kind].safeParse(rule.params);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: ["params", ...issue.path.map(String)], message: issue.message });
      return z.NEVER;
    }
    return { ...rule, params: parsed.data as AlertParams };
  });
export type AlertRuleInput = z.infer<typeof alertRuleInputSchema>;

export const ALERT_TARGET_KINDS = ["DINGTALK", "WECOM", "EMAIL"] as const;
export type AlertTargetKind = (typeof ALERT_TARGET_KINDS)[number];

export const alertTargetConfigSchemas = {
  /** https://oapi.dingtalk.com/robot/send?access_token=… and the 加签 secret (SEC…). */
  DINGTALK: z.strictObject({ url: z.url({ protocol: /^https?$/ }).max(500), secret: z.string().trim().regex(/^SEC[0-9a-zA-Z]{10,100}$/, "starts with SEC") }),
  /** https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=… (the key is the only credential). */
  WECOM: z.strictObject({ url: z.url({ protocol: /^https?$/ }).max(500) }),
  EMAIL: z.strictObject({ to: z.array(z.email()).min(1).max(10) }),
} satisfies Record<AlertTargetKind, z.ZodType>;
export type AlertTargetConfig<K extends AlertTargetKind = AlertTargetKind> = z.infer<(typeof alertTargetConfigSchemas)[K]>;

export const alertTargetInputSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("DINGTALK"), name: z.string().trim().min(1).max(60), enabled: z.boolean(), config: alertTargetConfigSchemas.DINGTALK }),
  z.strictObject({ kind: z.literal("WECOM"), name: z.string().trim().min(1).max(60), enabled: z.boolean(), config: alertTargetConfigSchemas.WECOM }),
  z.strictObject({ kind: z.literal("EMAIL"), name: z.string().trim().min(1).max(60), enabled: z.boolean(), config: alertTargetConfigSchemas.EMAIL }),
]);
export type AlertTargetInput = z.infer<typeof alertTargetInputSchema>;

/** What a notifier sends: one incident firing or resolved, in the merchant's language (zh-CN default). */
export type AlertMessage = {
  event: "FIRING" | "RESOLVED";
  incidentId: string;
  kind: AlertKind;
  title: string;
  text: string;
  /** The console page where it is handled. */
  link: string | null;
  at: Date;
};
