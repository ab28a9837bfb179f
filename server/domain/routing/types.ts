import type { RouteEntry, RouteRuleInput, RouteStrategy } from "../route-rule-schema";

/** What the engine knows about a channel account. */
export type RoutingAccount = {
  id: string;
  channel: string;
  name: string;
  modes: readonly string[];
  enabled: boolean;
  feeRateBps: number;
  subsidyBps: number;
  priority: number;
};

/** One payment to route. */
export type RouteContext = {
  amount: bigint;
  /** Modes the payment may use, best first: one for an Open API order; the device's modes for the cashier. */
  modes: readonly string[];
  entry: RouteEntry;
  metadata: Readonly<Record<string, string>>;
  at: Date;
  /** The caller named a channel (Open API `channel`, or the consumer's pick in the cashier). */
  channel?: string;
};

/** Concluded attempts (succeeded or failed) in the rule's window, per account and mode. */
export type HealthSample = { samples: number; successes: number };
export type HealthLookup = (accountId: string, mode: string) => HealthSample | undefined;

export type BreakerRow = { state: "CLOSED" | "OPEN"; consecutiveFailures: number; openedAt: Date | null };
export type BreakerLookup = (accountId: string, mode: string) => BreakerRow | undefined;

export type Exclusion = "disabled" | "mode" | "channel" | "breaker_open" | "unknown_account";

export type ScoredCandidate = {
  accountId: string;
  channel: string;
  name: string;
  mode: string | null;
  /** Strategy score: fee or subsidy (fen), weight (%), success rate (‰); null when the strategy has none. */
  score: number | null;
  /** Samples behind a success rate. */
  samples?: number;
  excluded?: Exclusion;
};

export type DecisionReason =
  | "listed_order"
  | "weighted_pick"
  | "lowest_cost"
  | "highest_subsidy"
  | "best_success_rate"
  | "measuring"
  | "exploration"
  | "fallback_rule"
  | "failover"
  | "no_candidate";

/** The stored decision log of one attempt (Payment.routeDecision, latest on Order.routeDecision). */
export type RouteDecision = {
  version: 1;
  at: string;
  rule: { id: string | null; name: string; strategy: RouteStrategy; isDefault: boolean } | null;
  /** Earlier matching rules none of whose accounts could take the payment. */
  skippedRules: { id: string | null; name: string }[];
  candidates: ScoredCandidate[];
  /** Every account that may take it, in order: the matched rule's, then later matching rules' (fallback). */
  ranked: { accountId: string; mode: string }[];
  chosen: { accountId: string; channel: string; name: string; mode: string } | null;
  reason: DecisionReason;
  /** The channel the caller named (Open API `channel`, the consumer's pick in the cashier). */
  requestedChannel?: string;
  /** Set when an earlier candidate of the same request could not be reached. */
  failover?: { fromAccountId: string; fromAttemptNo: string; error: string };
};

export type RoutingRule = RouteRuleInput;

export type DecideInput = {
  rules: readonly RoutingRule[];
  accounts: readonly RoutingAccount[];
  context: RouteContext;
  health: HealthLookup;
  breaker: BreakerLookup;
  /** Uniform in [0, 1): weighted picks and exploration. Injected so tests and the simulator are deterministic. */
  random: () => number;
};
