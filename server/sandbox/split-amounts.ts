import type { Tx } from "@/server/db";
import type { SandboxTrade } from "@/server/generated/prisma/client.ts";

/**
 * What a sandbox trade has split out to receivers, net of the returns (回退) taken back: the
 * receivers' amounts of its SPLIT orders that count (not CLOSED, relation present) minus returns not
 * failed. Money split out can be neither refunded nor split again. Read under the trade's row lock
 * (lockTrade) so a split, a return and a refund of the same trade see each other.
 */
export async function splitOutAmount(tx: Tx, tradeId: string): Promise<{ gross: bigint; returned: bigint; net: bigint }> {
  const [split] = await tx.$queryRaw<{ gross: bigint }[]>`
    SELECT COALESCE(SUM((r->>'amount')::bigint), 0)::bigint AS gross
    FROM "SandboxSplitOrder" o CROSS JOIN LATERAL jsonb_array_elements(o.receivers) r
    WHERE o."tradeId" = ${tradeId} AND o.kind = 'SPLIT' AND (r->>'counted')::boolean`;
  const [back] = await tx.$queryRaw<{ returned: bigint }[]>`
    SELECT COALESCE(SUM(x.amount), 0)::bigint AS returned
    FROM "SandboxSplitReturn" x JOIN "SandboxSplitOrder" o ON o.id = x."splitOrderId"
    WHERE o."tradeId" = ${tradeId} AND x.state <> 'FAILED'`;
  return { gross: split.gross, returned: back.returned, net: split.gross - back.returned };
}

/** Takes the trade's row lock for the rest of the transaction and reads the trade under it. */
export async function lockTrade(tx: Tx, tradeId: string): Promise<SandboxTrade> {
  await tx.$queryRaw`SELECT id FROM "SandboxTrade" WHERE id = ${tradeId} FOR UPDATE`;
  return tx.sandboxTrade.findUniqueOrThrow({ where: { id: tradeId } });
}
