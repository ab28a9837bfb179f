import { db } from "@/server/db";

/** The merchant's active apps a new code may belong to (the create form's choices). */
export async function listCodeApps(merchantId: string): Promise<{ id: string; name: string; mode: "TEST" | "LIVE" }[]> {
  return db.app.findMany({ where: { merchantId, status: "ACTIVE" }, orderBy: { createdAt: "asc" }, select: { id: true, name: true, mode: true } });
}
