import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { Capability } from "@/server/domain/permissions";
import { requireMembership } from "@/server/services/merchants/get-membership";
import { errorMapping, storableInput, t } from "./init";

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Anyone, signed in or not (the cashier). Every procedure's errors are mapped and its input checked for unstorable text. */
export const publicProcedure = t.procedure.use(errorMapping).use(storableInput);

/** A signed-in user. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in first" });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** A platform operator. */
export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.platformRole !== "ADMIN") throw new TRPCError({ code: "FORBIDDEN", message: "operators only" });
  return next();
});

/**
 * A member of the merchant named by `input.mchNo` whose role has `capability`.
 * Puts `merchant` and `role` in the context; every query below must be scoped by `ctx.merchant.id`.
 */
export function merchantProcedure(capability: Capability) {
  return protectedProcedure.input(z.object({ mchNo: z.string().min(1).max(32) })).use(async ({ ctx, input, next }) => {
    const membership = await requireMembership(ctx.user.id, input.mchNo, capability);
    return next({ ctx: { ...ctx, merchant: membership.merchant, role: membership.role, storeIds: membership.storeIds } });
  });
}
