import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { AppError, ERROR_CODES } from "@/server/errors";
import { logger } from "@/server/observability/logger";
import type { TRPCContext } from "./context";

/**
 * Field errors for forms: a ZodError's, or an AppError naming its field (its message a message key;
 * with a ZodError as its cause, one entry per issue below that field, e.g. `credentials.mchid`).
 */
function fieldErrorsOf(cause: unknown): Record<string, string[] | undefined> | undefined {
  if (cause instanceof ZodError) return z.flattenError(cause).fieldErrors;
  if (!(cause instanceof AppError) || !cause.field) return undefined;
  if (!(cause.cause instanceof ZodError)) return { [cause.field]: [cause.message] };
  const errors: Record<string, string[]> = {};
  for (const issue of cause.cause.issues) (errors[[cause.field, ...issue.path.map(String)].join(".")] ??= []).push(issue.message);
  return errors;
}

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
        retryAfter: cause instanceof AppError ? cause.retryAfter : undefined,
        fieldErrors: fieldErrorsOf(cause),
        /** The input field an AppError is about (e.g. "email" for an address already registered), for the form. */
        field: cause instanceof AppError ? cause.field : undefined,
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
