import { TRPCError } from "@trpc/server";
import { forbidden, notFound, redirect } from "next/navigation";
import { getSessionUser, type SessionUser } from "./session";

/** Pages: the signed-in user, or a redirect to the sign-in page that comes back here. */
export async function requireUser(returnTo: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/** Pages: an operator, or a 403. */
export async function requireAdmin(returnTo: string): Promise<SessionUser> {
  const user = await requireUser(returnTo);
  if (user.platformRole !== "ADMIN") forbidden();
  return user;
}

/**
 * Pages that call a tRPC procedure through the server caller: the procedure's own authorization
 * decides, and its refusal becomes the matching page (sign-in, 403, 404). A value from the URL that
 * the procedure refuses as input (BAD_REQUEST) names nothing either: 404.
 */
export async function orInterrupt<T>(call: Promise<T>, returnTo: string): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof TRPCError) {
      if (error.code === "UNAUTHORIZED") redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
      if (error.code === "FORBIDDEN") forbidden();
      if (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST") notFound();
    }
    throw error;
  }
}
