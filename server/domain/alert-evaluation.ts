import { createHmac } from "node:crypto";
import type { AlertKind, AlertParams } from "./alert-rule-schema";
import { wholePercent } from "./channel-metrics";

/**
 * What the evaluator measured for one subject of one rule over the window, and the pure judgement
 * of it: firing or not, the value and threshold the message shows. The services gather the numbers;
 * this file decides (docs/adr/0020).
 */
export type AlertMeasure =
  | { kind: "SUCCESS_RATE_DROP"; succeeded: number; failed: number }
  | { kind: "ERROR_SPIKE"; calls: number; errors: number }
  | { kind: "NO_CALLBACKS"; started: number; callbacks: number }
  | { kind: "WEBHOOK_FAILING"; failures: number; successes: number }
  | { kind: "JOB_BACKLOG"; queued: number; oldestAgeSeconds: number }
  | { kind: "RISK_BLOCKS_SPIKE"; blocks: number }
  | { kind: "RECON_DIFFERENCES"; open: number }
  /** lagSeconds null: the replica did not answer as a standby (down, or promoted). */
  | { kind: "REPLICA_LAG"; up: boolean; lagSeconds: number | null };

export type AlertJudgement = { firing: boolean; value: number | null; threshold: number; unit: "percent" | "count" | "seconds" };

/**
 * Whether a subject is over its rule's threshold. A success rate is judged only once minAttempts ended
 * (three declines of three are no outage). Resolving has a little hysteresis: an open incident of a rate
 * drop resolves only once the rate is 5 points above the threshold, so a rate hovering at it does not
 * open and resolve an incident every minute.
 */
export function judgeAlert(params: AlertParams, measure: AlertMeasure, open = false): AlertJudgement {
  const p = params as Record<string, number>;
  switch (measure.kind) {
    case "SUCCESS_RATE_DROP": {
      const ended = measure.succeeded + measure.failed;
      const rate = wholePercent(measure.succeeded, ended);
      const threshold = p.minRatePercent;
      const limit = open ? Math.min(100, threshold + 5) : threshold;
      return { firing: rate !== null && ended >= p.minAttempts && rate < limit, value: rate, threshold, unit: "percent" };
    }
    case "ERROR_SPIKE": {
      const rate = wholePercent(measure.errors, measure.calls) ?? 0;
      return { firing: measure.errors >= p.minErrors && rate >= p.minErrorRatePercent, value: measure.errors, threshold: p.minErrors, unit: "count" };
    }
    case "NO_CALLBACKS":
      return { firing: measure.started >= p.minStarted && measure.callbacks === 0, value: measure.callbacks, threshold: p.minStarted, unit: "count" };
    case "WEBHOOK_FAILING":
      return { firing: measure.failures >= p.minFailures && measure.successes === 0, value: measure.failures, threshold: p.minFailures, unit: "count" };
    case "JOB_BACKLOG": {
      const tooMany = measure.queued > p.maxQueued;
      const tooOld = measure.oldestAgeSeconds > p.maxAgeSeconds;
      return tooOld && !tooMany
        ? { firing: true, value: measure.oldestAgeSeconds, threshold: p.maxAgeSeconds, unit: "seconds" }
        : { firing: tooMany, value: measure.queued, threshold: p.maxQueued, unit: "count" };
    }
    case "RISK_BLOCKS_SPIKE":
      return { firing: measure.blocks >= p.minBlocks, value: measure.blocks, threshold: p.minBlocks, unit: "count" };
    case "RECON_DIFFERENCES":
      return { firing: measure.open >= p.minOpen, value: measure.open, threshold: p.minOpen, unit: "count" };
    case "REPLICA_LAG": {
      const lag = measure.lagSeconds === null ? null : Math.round(measure.lagSeconds);
      return { firing: !measure.up || lag === null || lag > p.maxLagSeconds, value: lag, threshold: p.maxLagSeconds, unit: "seconds" };
    }
    default:
      return measure satisfies never;
  }
}

/** Kind names in the messages (zh-CN: robots and e-mail speak Chinese). */
export const ALERT_KIND_TITLES_ZH: Record<AlertKind, string> = {
  SUCCESS_RATE_DROP: "支付成功率下降",
  ERROR_SPIKE: "渠道错误激增",
  NO_CALLBACKS: "渠道回调中断",
  WEBHOOK_FAILING: "商户通知失败",
  JOB_BACKLOG: "任务队列积压",
  RISK_BLOCKS_SPIKE: "风控拦截激增",
  RECON_DIFFERENCES: "对账差异未处理",
  REPLICA_LAG: "只读副本延迟",
};

const VALUE_LABELS_ZH: Record<AlertKind, string> = {
  SUCCESS_RATE_DROP: "成功率",
  ERROR_SPIKE: "调用错误数",
  NO_CALLBACKS: "回调数",
  WEBHOOK_FAILING: "失败投递数",
  JOB_BACKLOG: "积压",
  RISK_BLOCKS_SPIKE: "拦截次数",
  RECON_DIFFERENCES: "未处理差异",
  REPLICA_LAG: "复制延迟",
};

const THRESHOLD_LABELS_ZH: Record<AlertKind, string> = {
  SUCCESS_RATE_DROP: "低于",
  ERROR_SPIKE: "达到",
  NO_CALLBACKS: "已发起支付 ≥",
  WEBHOOK_FAILING: "达到",
  JOB_BACKLOG: "超过",
  RISK_BLOCKS_SPIKE: "达到",
  RECON_DIFFERENCES: "达到",
  REPLICA_LAG: "超过",
};

function formatValue(value: number | null, unit: AlertJudgement["unit"]): string {
  if (value === null) return "—";
  return unit === "percent" ? `${value}%` : unit === "seconds" ? `${value} 秒` : String(value);
}

export type AlertMessageInput = {
  event: "FIRING" | "RESOLVED";
  kind: AlertKind;
  ruleName: string;
  subjectLabel: string;
  value: number | null;
  threshold: number;
  unit: AlertJudgement["unit"];
  windowMinutes: number;
  at: Date;
  link: string | null;
};

/** Beijing time, as the people reading the robots expect: 2026-12-05 15:04. */
function beijingTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

/** The title and markdown text of an alert message in Chinese: subject, value, threshold, window and the console link. */
export function alertMessageZh(input: AlertMessageInput): { title: string; text: string } {
  const state = input.event === "FIRING" ? "告警" : "已恢复";
  const title = `【${state}】${ALERT_KIND_TITLES_ZH[input.kind]} · ${input.subjectLabel}`;
  const lines = [
    `### ${title}`,
    `- 规则：${input.ruleName}`,
    `- 对象：${input.subjectLabel}`,
    `- ${VALUE_LABELS_ZH[input.kind]}：${formatValue(input.value, input.unit)}（阈值：${THRESHOLD_LABELS_ZH[input.kind]} ${formatValue(input.threshold, input.unit)}）`,
    `- 统计窗口：最近 ${input.windowMinutes} 分钟`,
    `- 时间：${beijingTime(input.at)}（北京时间）`,
  ];
  if (input.link) lines.push(``, `[在控制台查看](${input.link})`);
  return { title, text: lines.join("\n") };
}

/**
 * The DingTalk robot's 加签: base64(HMAC-SHA256(key = secret, message = timestamp + "\n" + secret)),
 * sent URL-encoded as `sign` beside `timestamp` (ms since the epoch; DingTalk refuses one more than an hour off).
 */
export function dingtalkSignature(secret: string, timestampMs: number): string {
  return createHmac("sha256", secret).update(`${timestampMs}\n${secret}`, "utf8").digest("base64");
}

/** The robot URL with `timestamp` and `sign` added (keeps access_token and anything else the URL had). */
export function signedDingtalkUrl(url: string, secret: string, timestampMs: number): string {
  const signed = new URL(url);
  signed.searchParams.set("timestamp", String(timestampMs));
  signed.searchParams.set("sign", dingtalkSignature(secret, timestampMs));
  return signed.toString();
}
