import type { ApiApp } from "@/server/apps/app-cache";
import { db } from "@/server/db";
import { hasIdShape } from "@/server/domain/id-shapes";
import type { CreateSplitInput } from "@/server/domain/profit-sharing-schema";
import { AppError } from "@/server/errors";
import { createSplit } from "./create-split";
import { listOrderSplits, splitView, type SplitView } from "./split-view";

/**
 * POST /api/v1/pay-orders/{payOrderNo}/splits (docs/api.md): a split of the calling app's paid order,
 * 202 with the split (the channel's result follows: GET, or the console); a replay of the same
 * outSplitNo answers the first split with 200.
 */
export async function createApiSplit(app: ApiApp, payOrderNo: string, input: CreateSplitInput): Promise<{ status: 200 | 202; split: SplitView }> {
  const { split, created } = await createSplit({
    scope: { appId: app.id },
    payOrderNo,
    source: "API",
    outSplitNo: input.outSplitNo,
    receivers: input.receivers,
    finish: input.finish,
  });
  return { status: created ? 202 : 200, split: splitView(split) };
}

/** GET /api/v1/pay-orders/{payOrderNo}/splits: the order's splits, newest first. */
export async function listApiSplits(app: ApiApp, payOrderNo: string): Promise<{ splits: SplitView[] }> {
  if (!hasIdShape("payOrderNo", payOrderNo)) throw new AppError("ORDER_NOT_FOUND", "no such order");
  const order = await db.payOrder.findFirst({ where: { payOrderNo, appId: app.id }, select: { payOrderNo: true } });
  if (!order) throw new AppError("ORDER_NOT_FOUND", "no such order");
  return { splits: await listOrderSplits(payOrderNo) };
}
