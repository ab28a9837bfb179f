import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { AppError, ERROR_CODES } from "@/server/errors";
import { logger } from "@/server/observability/logger";
import type { TRPCContext } from "./context";

export const t = initTRPC.context<TRPCContext>().create({
  // superjson, so BigInt amounts and Dates survive the wire.
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        stack: undefined,
        appCode: cause instanceof AppError ? cause.code : undefined,
        field: cause instanceof AppError ? cause.field : undefined,
        retryAfter: cause instanceof AppError ? cause.retryAfter : undefined,
        fieldErrors: cause instanceof ZodError ? z.flattenError(cause).fieldErrors : undefined,
      },
      message: error.code === "INTERNAL_SERVER_ERROR" ? "Internal error" : shape.message,
    };
  },
});

/** AppErrors become tRPC errors with the mapped code; anything unknown is logged, never leaked. */
export const errorMapping = t.middleware(async ({ next, path, ctx }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof AppError) {
      throw new TRPCError({ code: ERROR_CODES[cause.code].trpc, message: cause.message, cause });
    }
    if (result.error.code === "INTERNAL_SERVER_ERROR") {
      logger.error({ err: result.error.cause ?? result.error, path, requestId: ctx.requestId }, "tRPC procedure failed");
    }
  }
  return result;
});
