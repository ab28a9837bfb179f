import { type RouteEntry } from "@/server/domain/route-rule-schema";
import { breakerAdmits } from "@/server/domain/routing/breaker";
import { decide } from "@/server/domain/routing/decide";
import { conditionsMatch } from "@/server/domain/routing/match";
import { seededRandom } from "@/server/domain/routing/simulate";
import type { HealthSample, RouteContext, RouteDecision } from "@/server/domain/routing/types";
import { AppError } from "@/server/errors";
import { NO_CHANNEL_ACCOUNT_MESSAGE } from "@/server/services/apps/require-payable-app";
import { breakerKey, loadRoutingState, type RoutingState } from "./load-routing-state";
import { successSamples } from "./success-samples";

export type RouteRequest = {
  appId: string;
  amount: bigint;
  /** One mode for an Open API order; the device's modes, best first, for the cashier. */
  modes: readonly string[];
  entry: RouteEntry;
  metadata: unknown;
  channel?: string;
  /** Makes weighted and exploration picks stable (the cashier's list must not reshuffle while it is polled). */
  stableKey?: string;
  now?: Date;
};

export type PlannedRoute = { decision: RouteDecision; state: RoutingState };

function metadataOf(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"));
}

function hashSeed(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Success samples for the first matching best-success-rate rule's accounts, if any rule may need them. */
async function healthFor(state: RoutingState, context: RouteContext): Promise<Map<string, HealthSample>> {
  const rule = state.rules.find((r) => r.enabled && r.strategy === "best_success_rate" && conditionsMatch(r.conditions, context));
  if (!rule) return new Map();
  const ids = rule.targets.length > 0 ? new Set(rule.targets.map((t) => t.accountId)) : null;
  const pairs = state.accounts
    .filter((a) => !ids || ids.has(a.id))
    .flatMap((a) => {
      const mode = context.modes.find((m) => a.modes.includes(m));
      return mode ? [{ accountId: a.id, mode }] : [];
    });
  return successSamples(pairs, rule.params, context.at);
}

/**
 * Routes one payment through the app's rules (server/domain/routing/decide.ts): the decision with
 * every candidate ranked, and the state it was made on (for failover and breaker updates).
 */
export async function planRoute(request: RouteRequest): Promise<PlannedRoute> {
  const state = await loadRoutingState(request.appId);
  const context: RouteContext = {
    amount: request.amount,
    modes: request.modes,
    entry: request.entry,
    metadata: metadataOf(request.metadata),
    at: request.now ?? new Date(),
    ...(request.channel ? { channel: request.channel } : {}),
  };
  const health = await healthFor(state, context);
  const decision = decide({
    rules: state.rules,
    accounts: state.accounts,
    context,
    health: (accountId, mode) => health.get(breakerKey(accountId, mode)),
    breaker: (accountId, mode) => state.breakers.get(breakerKey(accountId, mode)),
    random: request.stableKey ? seededRandom(hashSeed(request.stableKey)) : Math.random,
  });
  return { decision, state };
}

/**
 * A route with an account, or the error the caller gets: CHANNEL_UNAVAILABLE when accounts that would
 * serve the payment are all skipped by their circuit breakers, NO_CHANNEL_ACCOUNT when the app has no enabled
 * account at all, else VALIDATION_FAILED (no account serves this mode or channel).
 */
export function requireRoute(plan: PlannedRoute, request: Pick<RouteRequest, "modes" | "channel">): PlannedRoute & { decision: { chosen: NonNullable<RouteDecision["chosen"]> } } {
  if (plan.decision.chosen) return plan as PlannedRoute & { decision: { chosen: NonNullable<RouteDecision["chosen"]> } };
  const now = new Date(plan.decision.at);
  const serving = plan.state.accounts.filter((a) => a.enabled && (!request.channel || a.channel === request.channel) && request.modes.some((m) => a.modes.includes(m)));
  if (serving.length > 0 && serving.every((a) => request.modes.some((m) => !breakerAdmits(plan.state.breakers.get(breakerKey(a.id, m)), now)))) {
    throw new AppError("CHANNEL_UNAVAILABLE", "every channel account that serves this payment is failing; try again shortly");
  }
  if (!plan.state.accounts.some((a) => a.enabled && a.modes.length > 0)) throw new AppError("NO_CHANNEL_ACCOUNT", NO_CHANNEL_ACCOUNT_MESSAGE);
  const mode = request.modes.join("/");
  throw new AppError("VALIDATION_FAILED", `no enabled channel account of this app serves ${request.channel ? `${request.channel} ` : ""}mode ${mode}`, {
    field: request.channel ? "channel" : "mode",
  });
}
