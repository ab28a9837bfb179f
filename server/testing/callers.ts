import { db } from "@/server/db";
import type { TRPCContext } from "@/server/trpc/context";
import { createCaller } from "@/server/trpc/root";

/** A tRPC caller acting as the user with this email (null: signed out), as the HTTP handler would build it. */
export async function callerAs(email: string | null) {
  const user = email ? await db.user.findUniqueOrThrow({ where: { email } }) : null;
  const ctx: TRPCContext = {
    user: user && { id: user.id, email: user.email, name: user.name, platformRole: user.platformRole },
    requestId: "req_test_0000",
    ip: "127.0.0.1",
    headers: new Headers(),
  };
  return createCaller(ctx);
}

/** The tRPC error code a call fails with (or "OK"). */
export async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "OK";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}
