import { ZodError } from "zod";
import { ChannelError, ChannelRejectedError, ChannelTimeoutError, ChannelUnavailableError, ChannelUnsupportedError } from "@/server/channels/errors";
import { AppError } from "@/server/errors";
import { logger } from "@/server/observability/logger";
import { databaseCodes, databaseUnreachable } from "./database-errors";

/**
 * The one translator from anything thrown to an AppError. Every transport converts at its edge with
 * it: the Open API's envelope (server/http/error-envelope.ts), tRPC (server/trpc/init.ts) and the
 * other route handlers. Anything it does not know is logged here and becomes INTERNAL_ERROR, whose
 * message never carries the original one.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return validationError(error);
  if (error instanceof ChannelError) return channelError(error);
  const refused = databaseRefusal(error);
  if (refused) return refused;
  if (databaseUnreachable(error)) {
    logger.warn({ err: error }, "the database is unreachable");
    return new AppError("SERVICE_UNAVAILABLE", "the service is briefly unavailable; retry", { retryAfter: 5, cause: error });
  }
  if (databaseCodes(error).prismaCode === "P2028") {
    // No connection for a transaction in time (a burst on one hot row): nothing was written; retry.
    logger.warn({ err: error }, "no database connection in time for a transaction");
    return new AppError("SERVICE_UNAVAILABLE", "the service is busy; retry", { retryAfter: 1, cause: error });
  }
  logger.error({ err: error }, "unexpected error");
  return new AppError("INTERNAL_ERROR", "internal error", { cause: error });
}

/** The first zod issue, with its dotted path as `field`; the ZodError stays the cause (tRPC lists every issue). */
export function validationError(error: ZodError): AppError {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join(".") || undefined;
  return new AppError("VALIDATION_FAILED", issue ? `${field ? `${field}: ` : ""}${issue.message}` : "invalid request", { field, cause: error });
}

/**
 * A channel's failure means the same on every path (docs/api.md): it refused, or did not answer in
 * time (it may have acted; the attempt is checked later) → 502 CHANNEL_ERROR; it could not have
 * accepted the request (unreachable, or the method is not offered) → 503 CHANNEL_UNAVAILABLE.
 */
function channelError(error: ChannelError): AppError {
  if (error instanceof ChannelRejectedError) return new AppError("CHANNEL_ERROR", `the channel refused: ${error.message}`, { cause: error });
  if (error instanceof ChannelUnavailableError || error instanceof ChannelUnsupportedError) {
    return new AppError("CHANNEL_UNAVAILABLE", "the channel is unavailable; try again or another channel", { cause: error });
  }
  if (error instanceof ChannelTimeoutError) {
    return new AppError("CHANNEL_ERROR", "the channel did not answer in time; the outcome is being checked with the channel", { cause: error });
  }
  return new AppError("CHANNEL_ERROR", "the channel's answer could not be used", { cause: error });
}

/**
 * PostgreSQL refusing a value (SQLSTATE class 22: bad encoding, NUL, too long, out of range) means
 * the input was bad and slipped past validation: 400, not 500. It is still logged, as the validation
 * to tighten. A record that must exist and does not (Prisma P2025) is 404.
 */
function databaseRefusal(error: unknown): AppError | null {
  const { prismaCode, sqlState } = databaseCodes(error);
  if (prismaCode === "P2025") return new AppError("NOT_FOUND", "not found", { cause: error });
  if (sqlState?.startsWith("22")) {
    logger.warn({ err: error, sqlState }, "the database refused a value that validation let through");
    return new AppError("VALIDATION_FAILED", "a value in the request cannot be stored", { cause: error });
  }
  return null;
}
