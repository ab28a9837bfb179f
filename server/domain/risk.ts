import type { RiskAction, RiskCheckpoint, RiskCondition, RiskDimension, RiskListKind } from "./risk-rule-schema";

/** What a checkpoint knows about the order or payment being decided (absent: not known there). */
export type RiskFacts = {
  checkpoint: RiskCheckpoint;
  merchantId: string;
  appId: string;
  at: Date;
  /** The order's payable amount, the pay order's or the trade's amount (minor units). */
  amount: bigint;
  buyerId?: string;
  /** Normalised 11 digits. */
  phone?: string;
  ip?: string;
  deviceId?: string;
  openid?: string;
  /** The shipping address, normalised (server/domain/risk-facts.ts). */
  address?: { text: string; complete: boolean };
  /** Buyer + lines + amount, hashed: the duplicate-order key. */
  fingerprint?: string;
};

/** A rule as the engine sees it (platform rules have merchantId null). */
export type RiskRuleView = {
  id: string;
  merchantId: string | null;
  name: string;
  checkpoints: RiskCheckpoint[];
  condition: RiskCondition;
  action: RiskAction;
  priority: number;
};

/**
 * A rule that hit. `observed` and `limit` are plain text (amounts in minor units as digits, counts as digits,
 * list kinds joined by ","), so the console words them per condition type in either language.
 */
export type RiskHit = {
  ruleId: string;
  ruleName: string;
  scope: "platform" | "merchant";
  action: RiskAction;
  condition: RiskCondition["type"];
  observed: string;
  limit: string;
};

export type RiskDecisionResult = {
  action: RiskAction;
  /** Every rule that hit, in priority order. */
  hits: RiskHit[];
  /** The rule that decided (the first hit of the winning action), for RISK_REJECTED's ruleId. */
  decidingRuleId: string | null;
};

/**
 * What the engine needs besides the facts: counters (this event included), blacklist matches and the merchant's
 * amount statistics. Live, PostgreSQL answers (server/services/risk/*); in the what-if, an in-memory replay of past
 * orders (the same engine, so the simulation is the rule as it will run).
 */
export interface RiskLookups {
  /** Count and amount by a dimension in the window ending at facts.at (this event included). */
  window(dimension: RiskDimension | "fingerprint", window: { kind: "day" } | { kind: "minutes"; minutes: number }): Promise<{ count: number; amount: bigint }>;
  /** The blacklist kinds among `kinds` that match the facts. */
  blacklisted(kinds: RiskListKind[]): Promise<RiskListKind[]>;
  /** The merchant's p99 payment amount over 30 days and how many payments it is of. */
  amountStats(): Promise<{ p99: bigint; samples: number }>;
}
