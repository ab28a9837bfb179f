import { db } from "@/server/db";
import { type CouponInput, couponExpiryIssue, couponSchema } from "@/server/domain/buyer-asset-schema";
import { paramsHash } from "@/server/domain/params-hash";
import { AppError } from "@/server/errors";
import type { Coupon } from "@/server/generated/prisma/client.ts";
import type { ApiApp } from "@/server/apps/app-cache";
import { couponView, type CouponView } from "./coupon-view";

/** At most this many coupons in one call (the console's CSV issuance sends its rows in one list). */
export const MAX_COUPONS_PER_ISSUE = 10_000;
const CHUNK = 500;

export type CouponFieldError = { field: string; message: string };

/**
 * What became of one item, by its index in the list: `created` (201 on the Open API), `duplicate` (the
 * same couponNo with the same content was issued before: nothing written, 200), or `failed` — invalid
 * (VALIDATION_FAILED, with the field errors) or the couponNo taken with other content (PARAMS_MISMATCH).
 */
export type CouponIssueOutcome =
  | { index: number; outcome: "created" | "duplicate"; coupon: CouponView }
  | { index: number; outcome: "failed"; code: "VALIDATION_FAILED" | "PARAMS_MISMATCH"; couponNo?: string; errors: CouponFieldError[] };

/** The content a couponNo stands for: the same couponNo with the same content replays. */
export function couponParamsHash(coupon: Pick<CouponInput, "buyerId" | "type" | "value" | "minSpend" | "expiresAt">): string {
  return paramsHash({ buyerId: coupon.buyerId, type: coupon.type, value: coupon.value, minSpend: coupon.minSpend, expiresAt: coupon.expiresAt.toISOString() });
}

type Valid = { index: number; input: CouponInput; hash: string };

function answerKnown(item: Valid, existing: Coupon): CouponIssueOutcome {
  if (existing.paramsHash === item.hash) return { index: item.index, outcome: "duplicate", coupon: couponView(existing) };
  return {
    index: item.index,
    outcome: "failed",
    code: "PARAMS_MISMATCH",
    couponNo: item.input.couponNo,
    errors: [{ field: "couponNo", message: "this couponNo was issued with other content" }],
  };
}

/**
 * Issues a list of coupons for one app (OPEN-API.md POST /api/v1/coupons with one item; the console's
 * issuance to one buyer or a CSV list with many). Each item is raw input, validated here with the Open
 * API's schema; invalid items fail alone, the rest are issued. Inserts are ON CONFLICT DO NOTHING on
 * (appId, couponNo), so concurrent issuers of the same couponNo create it once and the others answer it
 * as a duplicate (or a mismatch). `by`: "api" or "console:<userId>"; `batchNo` names a CSV issuance.
 * Outcomes come back in the order of the items.
 */
export async function issueCoupons(
  app: Pick<ApiApp, "id" | "merchantId">,
  items: readonly unknown[],
  by: string,
  options: { batchNo?: string; now?: Date } = {},
): Promise<CouponIssueOutcome[]> {
  if (items.length > MAX_COUPONS_PER_ISSUE) throw new AppError("VALIDATION_FAILED", `at most ${MAX_COUPONS_PER_ISSUE} coupons at once`);
  const now = options.now ?? new Date();
  const outcomes: CouponIssueOutcome[] = new Array(items.length);
  const valid: Valid[] = [];
  items.forEach((item, index) => {
    const parsed = couponSchema.safeParse(item);
    if (parsed.success) {
      valid.push({ index, input: parsed.data, hash: couponParamsHash(parsed.data) });
      return;
    }
    const couponNo = typeof (item as { couponNo?: unknown } | null)?.couponNo === "string" ? (item as { couponNo: string }).couponNo : undefined;
    outcomes[index] = {
      index,
      outcome: "failed",
      code: "VALIDATION_FAILED",
      ...(couponNo !== undefined && couponNo.length <= 64 ? { couponNo } : {}),
      errors: parsed.error.issues.map((issue) => ({ field: issue.path.map(String).join("."), message: issue.message })),
    };
  });

  for (let start = 0; start < valid.length; start += CHUNK) {
    await issueChunk(app, valid.slice(start, start + CHUNK), by, options.batchNo ?? null, now, outcomes);
  }
  return outcomes;
}

async function issueChunk(app: Pick<ApiApp, "id" | "merchantId">, chunk: Valid[], by: string, batchNo: string | null, now: Date, outcomes: CouponIssueOutcome[]) {
  const couponNos = [...new Set(chunk.map((item) => item.input.couponNo))];
  const before = new Map((await db.coupon.findMany({ where: { appId: app.id, couponNo: { in: couponNos } } })).map((c) => [c.couponNo, c]));

  // The first item of each new couponNo is inserted; a later one with the same couponNo is answered against it.
  const toInsert = new Map<string, Valid>();
  const later: Valid[] = [];
  for (const item of chunk) {
    const known = before.get(item.input.couponNo);
    if (known) {
      outcomes[item.index] = answerKnown(item, known);
      continue;
    }
    if (toInsert.has(item.input.couponNo)) {
      later.push(item);
      continue;
    }
    const issue = couponExpiryIssue(item.input.expiresAt, now.getTime());
    if (issue) {
      outcomes[item.index] = { index: item.index, outcome: "failed", code: "VALIDATION_FAILED", couponNo: item.input.couponNo, errors: [{ field: "expiresAt", message: issue }] };
      continue;
    }
    toInsert.set(item.input.couponNo, item);
  }

  const created = toInsert.size
    ? await db.coupon.createManyAndReturn({
        data: [...toInsert.values()].map(({ input, hash }) => ({
          appId: app.id,
          merchantId: app.merchantId,
          couponNo: input.couponNo,
          buyerId: input.buyerId,
          type: input.type,
          value: input.value,
          minSpend: input.minSpend,
          expiresAt: input.expiresAt,
          issuedBy: by,
          batchNo,
          paramsHash: hash,
          createdAt: now,
          updatedAt: now,
        })),
        skipDuplicates: true,
      })
    : [];
  const createdNos = new Set(created.map((c) => c.couponNo));
  for (const coupon of created) {
    const item = toInsert.get(coupon.couponNo)!;
    outcomes[item.index] = { index: item.index, outcome: "created", coupon: couponView(coupon, now) };
  }

  // Lost to a concurrent issuer, or a second item of a couponNo of this list: answer against what is stored.
  const pending = [...[...toInsert.values()].filter((item) => !createdNos.has(item.input.couponNo)), ...later];
  if (pending.length === 0) return;
  const stored = new Map(
    (await db.coupon.findMany({ where: { appId: app.id, couponNo: { in: [...new Set(pending.map((item) => item.input.couponNo))] } } })).map((c) => [c.couponNo, c]),
  );
  for (const item of pending) {
    const known = stored.get(item.input.couponNo);
    // A coupon is never deleted: one that was just seen in conflict exists.
    if (!known) throw new Error(`coupon ${item.input.couponNo} conflicted but cannot be read`);
    outcomes[item.index] = answerKnown(item, known);
  }
}
