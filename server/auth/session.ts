import { getServerSession } from "next-auth";
import { db } from "@/server/db";
import { authOptions } from "./options";

export type SessionUser = { id: string; email: string; name: string; platformRole: "ADMIN" | null };

/** The signed-in user, re-read from the database (a disabled or deleted user has no session). */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, platformRole: true, disabledAt: true },
  });
  if (!user || user.disabledAt) return null;
  return { id: user.id, email: user.email, name: user.name, platformRole: user.platformRole };
}
