import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import pg from "pg";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  ChannelError,
  ChannelRejectedError,
  ChannelTimeoutError,
  ChannelUnavailableError,
  ChannelUnsupportedError,
  NotifyVerificationError,
} from "@/server/channels/errors";
import { AppError } from "@/server/errors";
import { Prisma } from "@/server/generated/prisma/client.ts";
import { errorResponse } from "@/server/http/error-envelope";
import { publicProcedure, router } from "@/server/trpc/procedures";
import { toAppError } from "./to-app-error";

const zodError = z.strictObject({ amount: z.number() }).safeParse({ amount: "12" }).error as z.ZodError;
const prismaError = (code: string, originalCode?: string) =>
  new Prisma.PrismaClientKnownRequestError("Invalid invocation", {
    code,
    clientVersion: "7",
    meta: originalCode ? { driverAdapterError: { name: "DriverAdapterError", cause: { originalCode, kind: "postgres" } } } : undefined,
  });
const pgError = (code: string) => Object.assign(new pg.DatabaseError("unsupported Unicode escape sequence", 0, "error"), { code });

/** Every kind of error that reaches an edge, with what each transport must answer. */
const CASES: { name: string; error: unknown; code: string; status: number; trpcStatus: number; field?: string }[] = [
  { name: "AppError", error: new AppError("ORDER_NOT_FOUND", "no such order"), code: "ORDER_NOT_FOUND", status: 404, trpcStatus: 404 },
  { name: "AppError with Retry-After", error: new AppError("REPEAT_TOO_SOON", "wait", { retryAfter: 7 }), code: "REPEAT_TOO_SOON", status: 429, trpcStatus: 429 },
  { name: "ZodError", error: zodError, code: "VALIDATION_FAILED", status: 400, trpcStatus: 400, field: "amount" },
  { name: "channel refused", error: new ChannelRejectedError("ORDERPAID", "ORDERPAID"), code: "CHANNEL_ERROR", status: 502, trpcStatus: 502 },
  { name: "channel timeout", error: new ChannelTimeoutError("no answer in 10 s", "TIMEOUT"), code: "CHANNEL_ERROR", status: 502, trpcStatus: 502 },
  { name: "channel unreachable", error: new ChannelUnavailableError("ECONNREFUSED"), code: "CHANNEL_UNAVAILABLE", status: 503, trpcStatus: 503 },
  { name: "channel lacks the method", error: new ChannelUnsupportedError("no barcode"), code: "CHANNEL_UNAVAILABLE", status: 503, trpcStatus: 503 },
  { name: "channel answer unverified", error: new NotifyVerificationError("bad signature"), code: "CHANNEL_ERROR", status: 502, trpcStatus: 502 },
  { name: "other channel error", error: new ChannelError("odd"), code: "CHANNEL_ERROR", status: 502, trpcStatus: 502 },
  { name: "Prisma: record to update not found", error: prismaError("P2025"), code: "NOT_FOUND", status: 404, trpcStatus: 404 },
  { name: "Prisma: NUL refused by PostgreSQL", error: prismaError("P2039", "22021"), code: "VALIDATION_FAILED", status: 400, trpcStatus: 400 },
  { name: "pg: \\u0000 in jsonb", error: pgError("22P05"), code: "VALIDATION_FAILED", status: 400, trpcStatus: 400 },
  { name: "Prisma: unique violation (a bug or a race: not the caller's)", error: prismaError("P2002", "23505"), code: "INTERNAL_ERROR", status: 500, trpcStatus: 500 },
  { name: "Prisma: PostgreSQL restarting (57P01)", error: prismaError("P2010", "57P01"), code: "SERVICE_UNAVAILABLE", status: 503, trpcStatus: 503 },
  { name: "pg: connection lost (08006)", error: pgError("08006"), code: "SERVICE_UNAVAILABLE", status: 503, trpcStatus: 503 },
  { name: "pg: client not queryable", error: new Error("Client has encountered a connection error and is not queryable"), code: "SERVICE_UNAVAILABLE", status: 503, trpcStatus: 503 },
  { name: "connection refused", error: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }), code: "SERVICE_UNAVAILABLE", status: 503, trpcStatus: 503 },
  { name: "unknown Error", error: new Error("secret detail: password=hunter2"), code: "INTERNAL_ERROR", status: 500, trpcStatus: 500 },
  { name: "a thrown string", error: "boom", code: "INTERNAL_ERROR", status: 500, trpcStatus: 500 },
];

describe("toAppError: one translator", () => {
  it.each(CASES)("$name → $code", ({ error, code, status, field }) => {
    const appError = toAppError(error);
    expect([appError.code, appError.status, appError.field]).toEqual([code, status, field]);
    if (code === "INTERNAL_ERROR") expect(appError.message).toBe("internal error");
  });
});

describe("the Open API envelope", () => {
  it.each(CASES)("$name → $status $code", async ({ error, code, status, field }) => {
    const response = errorResponse(error, "req_path_test_01");
    const body = await response.json();
    expect([response.status, body.error.code, body.error.field, body.requestId]).toEqual([status, code, field, "req_path_test_01"]);
    expect(JSON.stringify(body)).not.toContain("hunter2");
    expect(response.headers.get("x-request-id")).toBe("req_path_test_01");
    if (code === "REPEAT_TOO_SOON") expect(response.headers.get("retry-after")).toBe("7");
  });
});

// The same errors thrown inside tRPC procedures, answered over HTTP by tRPC's own fetch adapter.
const testRouter = router({
  fail: publicProcedure.input(z.object({ i: z.number().int() })).query(({ input }) => {
    throw CASES[input.i].error;
  }),
  badOutput: publicProcedure.output(z.object({ ok: z.literal(true) })).query(() => ({ ok: false }) as never),
  echo: publicProcedure.input(z.object({ q: z.string() })).query(({ input }) => input.q),
});

async function callTrpc(procedure: string, input: unknown) {
  const url = `http://test/api/trpc/${procedure}?input=${encodeURIComponent(superjson.stringify(input))}`;
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(url),
    router: testRouter,
    createContext: () => ({ user: null, requestId: "req_path_test_01", ip: null, headers: new Headers() }),
  });
  const body = await response.json();
  return { status: response.status, error: (body.error && superjson.deserialize(body.error)) as { message: string; data: { code: string; appCode?: string; field?: string } } };
}

describe("tRPC", () => {
  it.each(CASES.map((c, i) => ({ ...c, i })))("$name → HTTP $trpcStatus ($code)", async ({ i, code, trpcStatus, field }) => {
    const { status, error } = await callTrpc("fail", { i });
    expect([status, error.data.appCode, error.data.field]).toEqual([trpcStatus, code, field]);
    expect(JSON.stringify(error)).not.toContain("hunter2");
  });

  it("keeps a procedure's own output refusal a 500: the bug is ours, not the caller's", async () => {
    const { status, error } = await callTrpc("badOutput", undefined);
    expect([status, error.message, error.data.appCode]).toEqual([500, "Internal error", "INTERNAL_ERROR"]);
    expect(JSON.stringify(error)).not.toContain("ok");
  });

  it("refuses input that is not the procedure's as VALIDATION_FAILED, and NUL or a lone surrogate before any procedure runs", async () => {
    expect(await callTrpc("echo", { q: 1 }).then((r) => [r.status, r.error.data.appCode])).toEqual([400, "VALIDATION_FAILED"]);
    for (const q of ["P\u0000", "a\ud800b", "\udc00"]) {
      const { status, error } = await callTrpc("echo", { q });
      expect([status, error.data.appCode, error.data.field], JSON.stringify(q)).toEqual([400, "VALIDATION_FAILED", "q"]);
    }
    expect((await callTrpc("echo", { q: "ok 😀" })).status).toBe(200);
  }, 20_000);
});
