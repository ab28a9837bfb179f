import type { z } from "zod";
import type { ErrorCode } from "@/server/errors";

/**
 * One Open API operation as the document describes it. `body` and `query` are the very zod objects
 * the route handler validates with (imported from server/domain, never restated): the document is
 * rendered from them, and spec.test.ts checks that each route module's `openApiRoute({ body })` is
 * the same object as its operation's `body`.
 */
export type ApiOperation = {
  method: "get" | "post";
  /** OpenAPI path, e.g. "/api/v1/pay-orders/{payOrderNo}" (the route file's [param] → {param}). */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  /** Path parameters: name → description (all strings). */
  pathParams?: Record<string, string>;
  /** Query parameters: a zod object whose keys are the names (the route's own schema where it has one). */
  query?: z.ZodObject;
  /** The JSON body's schema, the same object the route handler passes to openApiRoute({ body }). */
  body?: z.ZodType;
  /**
   * Where the body is validated when not by the handler: "service" (the route passes z.unknown() and
   * the use case validates each item with `body`, e.g. coupons issued from lists by the console too).
   */
  bodyValidatedBy?: "service";
  /** A request example (JSON). */
  example?: unknown;
  /** The success answers: status → description and schema. */
  responses: Record<number, { description: string; schema: z.ZodType; example?: unknown }>;
  /** The error codes particular to this operation (the common ones are added for every operation). */
  errors: ErrorCode[];
  /** Only for apps in TEST mode (404 for LIVE apps). */
  testModeOnly?: boolean;
};
