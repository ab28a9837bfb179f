import { buyerIdSchema } from "@/server/domain/buyer-asset-schema";
import { AppError } from "@/server/errors";

/** The buyerId of a path that writes (top-ups, grants): one that could never be a buyer's id → 400, field buyerId. */
export function pathBuyerId(value: string | undefined): string {
  const parsed = buyerIdSchema.safeParse(value);
  if (!parsed.success) throw new AppError("VALIDATION_FAILED", `buyerId: ${parsed.error.issues[0]?.message ?? "is not a buyer id"}`, { field: "buyerId" });
  return parsed.data;
}
