import { describe, expect, it } from "vitest";
import { alertMessageZh, dingtalkSignature, judgeAlert, signedDingtalkUrl } from "./alert-evaluation";

describe("DingTalk 加签", () => {
  // Computed independently: printf '1577262236760\nSEC0123456789abcdef' | openssl dgst -sha256 -hmac 'SEC0123456789abcdef' -binary | base64
  const secret = "SEC0123456789abcdef";
  it("matches a vector computed with openssl", () => {
    expect(dingtalkSignature(secret, 1577262236760)).toBe("d9Dk0Z0jPCUiXh98g15v5UUXWC9lc5Z+IUT/z9xVTCA=");
    expect(dingtalkSignature(secret, 1577262236757)).toBe("Pgr6tpIpjVrMPPJUPkaI9sivFPPTYOy5zIOMF2GPFMA=");
  });

  it("adds timestamp and the URL-encoded sign to the robot URL, keeping the access token", () => {
    const url = signedDingtalkUrl("https://oapi.dingtalk.com/robot/send?access_token=abc", secret, 1577262236760);
    expect(url).toBe("https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1577262236760&sign=d9Dk0Z0jPCUiXh98g15v5UUXWC9lc5Z%2BIUT%2Fz9xVTCA%3D");
    expect(new URL(url).searchParams.get("sign")).toBe(dingtalkSignature(secret, 1577262236760));
  });
});

describe("judging a subject", () => {
  const rate = { minRatePercent: 70, minAttempts: 20 };
  it("a success rate fires below the threshold once enough attempts ended, and resolves 5 points above it", () => {
    expect(judgeAlert(rate, { kind: "SUCCESS_RATE_DROP", succeeded: 8, failed: 12 })).toMatchObject({ firing: true, value: 40, threshold: 70 });
    expect(judgeAlert(rate, { kind: "SUCCESS_RATE_DROP", succeeded: 0, failed: 19 }).firing).toBe(false);
    expect(judgeAlert(rate, { kind: "SUCCESS_RATE_DROP", succeeded: 14, failed: 6 }).firing).toBe(false);
    // 72 %: not firing for a new incident, still firing for an open one (hysteresis)
    expect(judgeAlert(rate, { kind: "SUCCESS_RATE_DROP", succeeded: 18, failed: 7 }).firing).toBe(false);
    expect(judgeAlert(rate, { kind: "SUCCESS_RATE_DROP", succeeded: 18, failed: 7 }, true).firing).toBe(true);
    expect(judgeAlert(rate, { kind: "SUCCESS_RATE_DROP", succeeded: 19, failed: 6 }, true).firing).toBe(false);
    expect(judgeAlert(rate, { kind: "SUCCESS_RATE_DROP", succeeded: 0, failed: 0 }, true).firing).toBe(false);
  });

  it("the other kinds against their thresholds", () => {
    expect(judgeAlert({ minErrors: 10, minErrorRatePercent: 20 }, { kind: "ERROR_SPIKE", calls: 40, errors: 10 }).firing).toBe(true);
    expect(judgeAlert({ minErrors: 10, minErrorRatePercent: 20 }, { kind: "ERROR_SPIKE", calls: 100, errors: 10 }).firing).toBe(false);
    expect(judgeAlert({ minStarted: 10 }, { kind: "NO_CALLBACKS", started: 10, callbacks: 0 }).firing).toBe(true);
    expect(judgeAlert({ minStarted: 10 }, { kind: "NO_CALLBACKS", started: 10, callbacks: 1 }).firing).toBe(false);
    expect(judgeAlert({ minFailures: 5 }, { kind: "WEBHOOK_FAILING", failures: 5, successes: 0 }).firing).toBe(true);
    expect(judgeAlert({ minFailures: 5 }, { kind: "WEBHOOK_FAILING", failures: 9, successes: 1 }).firing).toBe(false);
    expect(judgeAlert({ maxQueued: 100, maxAgeSeconds: 600 }, { kind: "JOB_BACKLOG", queued: 3, oldestAgeSeconds: 601 })).toMatchObject({ firing: true, value: 601, unit: "seconds" });
    expect(judgeAlert({ maxQueued: 100, maxAgeSeconds: 600 }, { kind: "JOB_BACKLOG", queued: 101, oldestAgeSeconds: 0 })).toMatchObject({ firing: true, value: 101, unit: "count" });
    expect(judgeAlert({ maxQueued: 100, maxAgeSeconds: 600 }, { kind: "JOB_BACKLOG", queued: 100, oldestAgeSeconds: 600 }).firing).toBe(false);
    expect(judgeAlert({ minBlocks: 3 }, { kind: "RISK_BLOCKS_SPIKE", blocks: 3 }).firing).toBe(true);
    expect(judgeAlert({ minOpen: 1 }, { kind: "RECON_DIFFERENCES", open: 0 }).firing).toBe(false);
    expect(judgeAlert({ maxLagSeconds: 30 }, { kind: "REPLICA_LAG", up: true, lagSeconds: 30.4 })).toMatchObject({ firing: false, value: 30, unit: "seconds" });
    expect(judgeAlert({ maxLagSeconds: 30 }, { kind: "REPLICA_LAG", up: true, lagSeconds: 31 })).toMatchObject({ firing: true, value: 31, threshold: 30 });
    expect(judgeAlert({ maxLagSeconds: 30 }, { kind: "REPLICA_LAG", up: false, lagSeconds: null })).toMatchObject({ firing: true, value: null });
  });
});

describe("the Chinese message", () => {
  it("names the subject, value, threshold, window and links to the console", () => {
    const { title, text } = alertMessageZh({
      event: "FIRING", kind: "SUCCESS_RATE_DROP", ruleName: "支付成功率下降", subjectLabel: "微信支付（wechatpay）",
      value: 40, threshold: 70, unit: "percent", windowMinutes: 10, at: new Date("2026-12-05T07:00:00Z"), link: "https://pay.example.com/console/M1/monitoring",
    });
    expect(title).toBe("【告警】支付成功率下降 · 微信支付（wechatpay）");
    expect(text).toContain("成功率：40%（阈值：低于 70%）");
    expect(text).toContain("最近 10 分钟");
    expect(text).toContain("2026-12-05 15:00（北京时间）");
    expect(text).toContain("(https://pay.example.com/console/M1/monitoring)");
    expect(alertMessageZh({ event: "RESOLVED", kind: "JOB_BACKLOG", ruleName: "q", subjectLabel: "任务队列", value: 0, threshold: 600, unit: "seconds", windowMinutes: 5, at: new Date(), link: null }).title).toBe("【已恢复】任务队列积压 · 任务队列");
  });
});
