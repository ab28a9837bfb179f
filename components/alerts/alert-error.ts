import { TRPCClientError } from "@trpc/client";

export type AlertErrorKey = "alreadyDecided" | "conflict" | "forbidden" | "notFound" | "invalid" | "generic";

/** The alerts.errors.* key of a failed call: never a raw transport or server message in the page. */
export function alertErrorKey(error: unknown): AlertErrorKey {
  const data = error instanceof TRPCClientError ? (error.data as { appCode?: string; code?: string } | undefined) : undefined;
  switch (data?.appCode ?? data?.code) {
    case "ALREADY_DECIDED":
      return "alreadyDecided";
    case "CONFLICT":
      return "conflict";
    case "FORBIDDEN":
      return "forbidden";
    case "NOT_FOUND":
      return "notFound";
    case "VALIDATION_FAILED":
    case "BAD_REQUEST":
      return "invalid";
    default:
      return "generic";
  }
}

/** A server's field errors (tRPC errorFormatter's `fieldErrors`), for a form to place by field. */
export function serverFieldErrors(error: unknown): Record<string, string[] | undefined> {
  return error instanceof TRPCClientError ? ((error.data as { fieldErrors?: Record<string, string[] | undefined> } | undefined)?.fieldErrors ?? {}) : {};
}
