import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { fieldName, findUnsafeText, unsafeTextMessage } from "@/server/domain/storable-text";
import { AppError, ERROR_CODES } from "@/server/errors";
import { logger } from "@/server/observability/logger";
import { toAppError } from "@/server/to-app-error";
import type { TRPCContext } from "./context";

/**
 * Field errors for forms: a ZodError's, or an AppError naming its field (its message a message key;
 * with a ZodError as its cause, one entry per issue below that field, e.g. `credentials.mchid`).
 */
function fieldErrorsOf(cause: unknown): Record<string, string[] | undefined> | undefined {
  if (cause instanceof ZodError) return z.flattenError(cause).fieldErrors;
  if (!(cause instanceof AppError)) return undefined;
  if (!(cause.cause instanceof ZodError)) return cause.field ? { [cause.field]: [cause.message] } : undefined;
  if (!cause.field) return z.flattenError(cause.cause).fieldErrors;
  const errors: Record<string, string[]> = {};
  for (const issue of cause.cause.issues) (errors[[cause.field, ...issue.path.map(String)].join(".")] ??= []).push(issue.message);
  return errors;
}

export const t = initTRPC.context<TRPCContext>().create({
  // superjson, so BigInt amounts and Dates survive the wire.
  transformer: superjson,
  errorFormatter({ shape, error }) {
    // an internal error says nothing about its cause (an output schema's ZodError names our fields)
    const cause = error.code === "INTERNAL_SERVER_ERROR" ? undefined : error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        stack: undefined,
        appCode: cause instanceof AppError ? cause.code : cause instanceof ZodError ? "VALIDATION_FAILED" : error.code === "INTERNAL_SERVER_ERROR" ? "INTERNAL_ERROR" : undefined,
        retryAfter: cause instanceof AppError ? cause.retryAfter : undefined,
        fieldErrors: fieldErrorsOf(cause),
        /** The input field an AppError is about (e.g. "email" for an address already registered), for the form. */
        field: cause instanceof AppError ? cause.field : undefined,
      },
      message: error.code === "INTERNAL_SERVER_ERROR" ? "Internal error" : shape.message,
    };
  },
});

/** tRPC's own refusal of a procedure's answer: a bug on our side, so it stays a 500 (and is logged). */
const OUTPUT_VALIDATION_FAILED = "Output validation failed";

/**
 * Errors leave a procedure through the one translator (server/to-app-error.ts): an AppError, a
 * ZodError, a channel error or a database refusal thrown anywhere below becomes its mapped tRPC code,
 * never a 500; anything unknown is logged there and answered as a generic internal error. tRPC's own
 * errors (sign-in, input parsing) keep their code.
 */
export const errorMapping = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (result.ok) return result;
  const { error } = result;
  if (error.code === "INTERNAL_SERVER_ERROR" && error.message === OUTPUT_VALIDATION_FAILED) {
    logger.error({ err: error.cause, path }, "a procedure's answer failed its output schema");
    return result;
  }
  if (!(error.cause instanceof AppError) && error.code !== "INTERNAL_SERVER_ERROR") return result;
  const appError = toAppError(error.cause ?? error);
  throw new TRPCError({ code: ERROR_CODES[appError.code].trpc, message: appError.message, cause: appError });
});

/**
 * Before any procedure parses its input: no NUL, lone surrogate or `__proto__` key anywhere in it
 * (PostgreSQL cannot store the first, would store U+FFFD for the second). One check for every
 * procedure, so no query ever meets such a string, whatever the procedure's own schema says. When
 * that schema refuses the input too, its answer wins: a form gets every field's error in its keys.
 */
export const storableInput = t.middleware(async ({ getRawInput, next, path }) => {
  let raw: unknown;
  try {
    raw = await getRawInput();
  } catch {
    return next(); // tRPC answers unparsable input itself (400)
  }
  const unsafe = findUnsafeText(raw);
  if (!unsafe) return next();
  await refuseWithOwnSchema(path, raw);
  const field = fieldName(unsafe.path) || undefined;
  const message = unsafeTextMessage(unsafe);
  throw new AppError("VALIDATION_FAILED", field ? `${field}: ${message}` : message, { field });
});

type Parser = { safeParseAsync?: (value: unknown) => Promise<{ success: boolean; error?: unknown }> };

/** Throws tRPC's own input error if one of the procedure's input schemas refuses `raw`. */
async function refuseWithOwnSchema(path: string, raw: unknown): Promise<void> {
  // root → routers → procedures → this file: loaded here, on this rare path, not at the top
  const { appRouter } = await import("./root");
  const procedure = (appRouter._def.procedures as Record<string, { _def?: { inputs?: Parser[] } } | undefined>)[path];
  for (const parser of procedure?._def?.inputs ?? []) {
    const result = await parser.safeParseAsync?.(raw);
    if (result && !result.success) throw new TRPCError({ code: "BAD_REQUEST", cause: result.error });
  }
}
