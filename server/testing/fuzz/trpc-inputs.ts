import { HOSTILE_STRINGS, hostileValue, pick, type Random } from "./random";

/**
 * Inputs for any tRPC procedure without knowing its schema: a superset of the fields procedures
 * take, with real values (so calls reach past validation: zod objects drop the fields they do not
 * know), then some fields made hostile — or the whole input replaced.
 */
export type TrpcKnown = { mchNo: string; appId: string; payOrderNo: string; refundNo: string; accountId: string };

export function procedureInput(random: Random, known: TrpcKnown): unknown {
  if (random() < 0.08) return hostileValue(random);
  const input: Record<string, unknown> = {
    mchNo: known.mchNo,
    appId: known.appId,
    payOrderNo: known.payOrderNo,
    refundNo: known.refundNo,
    id: known.accountId,
    channel: pick(random, ["wechatpay", "alipay"]),
    q: "fuzz",
    page: 1,
    pageSize: 20,
    from: "2026-01-01",
    to: "2026-12-31",
    ...(random() < 0.3 ? { cursor: Buffer.from(`2026-01-01T00:00:00Z|${pick(random, HOSTILE_STRINGS)}`).toString("base64url") } : {}),
    amount: "0.01",
    reason: "fuzz",
    note: "fuzz",
    decision: pick(random, ["approve", "reject"]),
    outcome: pick(random, ["success", "fail"]),
    requestId: `fuzz-${Math.floor(random() * 1e9)}`,
    status: pick(random, ["ACTIVE", "DISABLED", "ENABLED", "PAID"]),
    email: `fuzz${Math.floor(random() * 1e6)}@example.com`,
    name: "fuzz",
    days: 7,
    limit: 10,
    version: 0,
    filters: {},
  };
  const keys = Object.keys(input);
  for (let i = 0, n = Math.floor(random() * 4); i < n; i++) input[pick(random, keys)] = hostileValue(random);
  if (random() < 0.1) delete input.mchNo;
  return input;
}
