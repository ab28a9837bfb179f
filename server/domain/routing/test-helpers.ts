import { DEFAULT_PARAMS, EMPTY_CONDITIONS, type RouteConditions } from "../route-rule-schema";
import type { DecideInput, RouteContext, RoutingAccount, RoutingRule } from "./types";

export const WX: RoutingAccount = { id: "wx", channel: "wechatpay", name: "WeChat", modes: ["native", "h5", "jsapi"], enabled: true, feeRateBps: 60, subsidyBps: 0, priority: 20 };
export const ALI: RoutingAccount = { id: "ali", channel: "alipay", name: "Alipay", modes: ["qr", "pc", "wap", "native"], enabled: true, feeRateBps: 55, subsidyBps: 30, priority: 10 };
export const WX2: RoutingAccount = { id: "wx2", channel: "wechatpay", name: "WeChat 2", modes: ["native", "h5"], enabled: true, feeRateBps: 38, subsidyBps: 10, priority: 5 };

export function rule(over: Partial<Omit<RoutingRule, "conditions">> & { conditions?: Partial<RouteConditions> } = {}): RoutingRule {
  return {
    id: over.id ?? "r1",
    name: over.name ?? "rule",
    enabled: over.enabled ?? true,
    isDefault: over.isDefault ?? false,
    strategy: over.strategy ?? "fixed",
    params: over.params ?? DEFAULT_PARAMS,
    targets: over.targets ?? [],
    conditions: { ...EMPTY_CONDITIONS, ...over.conditions },
  };
}

export const DEFAULT_RULE = rule({ id: "default", name: "Default", isDefault: true });

export function context(over: Partial<RouteContext> = {}): RouteContext {
  return { amount: 10_000n, modes: ["native"], entry: "pc", metadata: {}, at: new Date("2026-11-22T04:00:00Z"), ...over };
}

export function input(over: Partial<DecideInput> = {}): DecideInput {
  return {
    rules: [DEFAULT_RULE],
    accounts: [WX, ALI, WX2],
    context: context(),
    health: () => undefined,
    breaker: () => undefined,
    random: () => 0.5,
    ...over,
  };
}

/** A random source replaying the given values, then 0.5. */
export function sequence(...values: number[]): () => number {
  let i = 0;
  return () => values[i++] ?? 0.5;
}
