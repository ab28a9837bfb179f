import { db, type Tx } from "@/server/db";

/**
 * The trade center's transactions. Trades of one buyer queue on that buyer's BuyerAccount row (the
 * guarded updates): a burst waits longer for a connection than Prisma's 2 s default allows, and the
 * wait is the design, not a fault. Past these limits the request answers 503 (to-app-error.ts).
 */
export const TRADE_TX_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const;

export function inTradeTx<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction((tx) => work(tx), TRADE_TX_OPTIONS);
}
