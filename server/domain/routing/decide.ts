import { breakerAdmits } from "./breaker";
import { conditionsMatch } from "./match";
import { type Eligible, rankByStrategy } from "./strategies";
import type { DecideInput, Exclusion, RouteDecision, RoutingAccount, RoutingRule, ScoredCandidate } from "./types";

type Target = { account: RoutingAccount | undefined; accountId: string; weight: number; index: number };

/** A rule's accounts: its targets, or (empty targets, the default rule) every account by priority. */
function targetsOf(rule: RoutingRule, accounts: readonly RoutingAccount[]): Target[] {
  if (rule.targets.length > 0) {
    const byId = new Map(accounts.map((a) => [a.id, a]));
    return rule.targets.map((t, index) => ({ account: byId.get(t.accountId), accountId: t.accountId, weight: t.weight, index }));
  }
  return [...accounts]
    .map((account, i) => ({ account, i }))
    .sort((a, b) => b.account.priority - a.account.priority || a.i - b.i)
    .map(({ account }, index) => ({ account, accountId: account.id, weight: 0, index }));
}

function exclusion(target: Target, input: DecideInput): { mode: string | null; excluded?: Exclusion } {
  const { account } = target;
  const { context } = input;
  if (!account) return { mode: null, excluded: "unknown_account" };
  const mode = context.modes.find((m) => account.modes.includes(m)) ?? null;
  if (!account.enabled) return { mode, excluded: "disabled" };
  if (context.channel && account.channel !== context.channel) return { mode, excluded: "channel" };
  if (!mode) return { mode, excluded: "mode" };
  if (!breakerAdmits(input.breaker(account.id, mode), context.at)) return { mode, excluded: "breaker_open" };
  return { mode };
}

/**
 * Routes one payment: the first enabled rule whose conditions match and that has an account able to
 * take it decides the order of its accounts by its strategy; later matching rules (the default rule
 * always matches) add theirs behind, as the fallback. An account that is disabled, does not serve
 * the payment's mode (or the named channel), or whose breaker is open is never ranked.
 */
export function decide(input: DecideInput): RouteDecision {
  const { rules, accounts, context } = input;
  const skippedRules: RouteDecision["skippedRules"] = [];
  const ranked: RouteDecision["ranked"] = [];
  const seen = new Set<string>();
  let matched: { rule: RoutingRule; candidates: ScoredCandidate[]; reason: RouteDecision["reason"] } | null = null;

  for (const rule of rules) {
    if (!rule.enabled || !conditionsMatch(rule.conditions, context)) continue;
    const targets = targetsOf(rule, accounts);
    const checked = targets.map((t) => ({ t, ...exclusion(t, input) }));
    const eligible: Eligible[] = checked
      .filter((c) => !c.excluded && !seen.has(c.t.accountId))
      .map((c) => ({ account: c.t.account!, mode: c.mode!, weight: c.t.weight, index: c.t.index }));
    if (eligible.length === 0) {
      if (!matched) skippedRules.push({ id: rule.id ?? null, name: rule.name });
      continue;
    }
    const ranking = rankByStrategy(rule.strategy, rule.params, eligible, context.amount, input.health, input.random);
    for (const e of ranking.order) {
      seen.add(e.account.id);
      ranked.push({ accountId: e.account.id, mode: e.mode });
    }
    if (!matched) {
      const position = new Map(ranking.order.map((e, i) => [e.account.id, i]));
      const candidates: ScoredCandidate[] = checked
        .map(({ t, mode, excluded }) => ({
          accountId: t.accountId,
          channel: t.account?.channel ?? "",
          name: t.account?.name ?? "",
          mode,
          score: ranking.scores.get(t.accountId)?.score ?? null,
          ...(ranking.scores.get(t.accountId)?.samples !== undefined ? { samples: ranking.scores.get(t.accountId)!.samples } : {}),
          ...(excluded ? { excluded } : {}),
        }))
        .sort((a, b) => (position.get(a.accountId) ?? 1e9) - (position.get(b.accountId) ?? 1e9));
      matched = { rule, candidates, reason: skippedRules.length > 0 ? "fallback_rule" : ranking.reason };
    }
  }

  const first = ranked[0];
  const chosenAccount = first && accounts.find((a) => a.id === first.accountId);
  return {
    version: 1,
    at: context.at.toISOString(),
    rule: matched ? { id: matched.rule.id ?? null, name: matched.rule.name, strategy: matched.rule.strategy, isDefault: matched.rule.isDefault } : null,
    skippedRules,
    candidates: matched?.candidates ?? [],
    ranked,
    chosen: chosenAccount ? { accountId: chosenAccount.id, channel: chosenAccount.channel, name: chosenAccount.name, mode: first.mode } : null,
    reason: matched ? matched.reason : "no_candidate",
    ...(context.channel ? { requestedChannel: context.channel } : {}),
  };
}

/** The decision for the next candidate after `failed` could not be reached (same request). */
export function failoverDecision(decision: RouteDecision, accounts: readonly RoutingAccount[], failed: { accountId: string; attemptNo: string; error: string }): RouteDecision {
  const ranked = decision.ranked.filter((r) => r.accountId !== failed.accountId);
  const next = ranked[0];
  const account = next && accounts.find((a) => a.id === next.accountId);
  return {
    ...decision,
    ranked,
    chosen: account ? { accountId: account.id, channel: account.channel, name: account.name, mode: next.mode } : null,
    reason: account ? "failover" : "no_candidate",
    failover: { fromAccountId: failed.accountId, fromAttemptNo: failed.attemptNo, error: failed.error },
  };
}
