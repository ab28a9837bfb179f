import { db } from "@/server/db";
import { type CallOutcome, nextBreaker, sameBreaker } from "@/server/domain/routing/breaker";
import type { BreakerRow } from "@/server/domain/routing/types";
import { logger } from "@/server/observability/logger";
import { breakerKey, type RoutingState } from "./load-routing-state";

/**
 * Feeds a pay call's outcome to the account's circuit breaker (server/domain/routing/breaker.ts).
 * A success on a breaker that was plainly closed when the payment was routed writes nothing (the
 * hot path); otherwise the row is locked, moved by the pure state machine, and written if it changed.
 * Never fails the payment.
 */
export async function recordChannelCall(state: RoutingState, accountId: string, mode: string, outcome: CallOutcome): Promise<void> {
  if (outcome === "ok" && !state.breakers.has(breakerKey(accountId, mode))) return;
  try {
    await db.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<BreakerRow[]>`
        SELECT state, "consecutiveFailures", "openedAt" FROM "ChannelBreaker"
        WHERE "channelAccountId" = ${accountId} AND mode = ${mode} FOR UPDATE`;
      const now = new Date();
      const next = nextBreaker(row, outcome, now);
      if (sameBreaker(row, next)) return;
      const data = { state: next.state, consecutiveFailures: next.consecutiveFailures, openedAt: next.openedAt, updatedAt: now };
      await tx.channelBreaker.upsert({
        where: { channelAccountId_mode: { channelAccountId: accountId, mode } },
        create: { channelAccountId: accountId, mode, ...data },
        update: data,
      });
      if (next.state === "OPEN" && row?.state !== "OPEN") logger.warn({ accountId, mode, failures: next.consecutiveFailures }, "circuit breaker opened");
    });
  } catch (error) {
    logger.error({ err: error, accountId, mode }, "could not update the circuit breaker");
  }
}
