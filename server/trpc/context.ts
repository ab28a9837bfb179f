import { getSessionUser, type SessionUser } from "@/server/auth/session";
import { requestIdFrom } from "@/server/observability/request-context";

export type TRPCContext = {
  user: SessionUser | null;
  requestId: string;
  ip: string | null;
  headers: Headers;
  /** The HTTP answer's headers (the fetch handler's), for a cookie; absent in the server-side caller. */
  resHeaders?: Headers;
};

/** One context for the HTTP handler and the server-side caller (create-t3-app's pattern). */
export async function createTRPCContext(options: { headers: Headers; resHeaders?: Headers }): Promise<TRPCContext> {
  return {
    user: await getSessionUser(),
    requestId: requestIdFrom(options.headers),
    ip: options.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? options.headers.get("x-real-ip"),
    headers: options.headers,
    resHeaders: options.resHeaders,
  };
}
