import { db } from "@/server/db";
import { savedViewFiltersSchema, type SavedViewFilters } from "@/server/domain/order-center-filters";
import { AppError } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client.ts";

/** A member keeps at most this many saved views per merchant. */
export const MAX_SAVED_VIEWS = 30;

type Owner = { merchantId: string; userId: string };

/** The member's saved views of the order list (保存的视图), by name; stored filters re-read through the schema. */
export async function listSavedViews(owner: Owner) {
  const rows = await db.orderView.findMany({ where: owner, orderBy: { name: "asc" }, select: { id: true, name: true, filters: true } });
  return rows.map((row) => {
    const parsed = savedViewFiltersSchema.safeParse(row.filters ?? {});
    return { id: row.id, name: row.name, filters: parsed.success ? parsed.data : {} };
  });
}

/** Saves the filters under a name; the same name again replaces its filters (one row, whatever the race). */
export async function saveView(owner: Owner, name: string, filters: SavedViewFilters) {
  const stored = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as Prisma.InputJsonObject;
  return db.$transaction(async (tx) => {
    const count = await tx.orderView.count({ where: owner });
    const existing = await tx.orderView.findUnique({ where: { merchantId_userId_name: { ...owner, name } }, select: { id: true } });
    if (!existing && count >= MAX_SAVED_VIEWS) throw new AppError("VALIDATION_FAILED", "tooManyViews", { field: "name" });
    return tx.orderView.upsert({
      where: { merchantId_userId_name: { ...owner, name } },
      create: { ...owner, name, filters: stored },
      update: { filters: stored },
      select: { id: true, name: true },
    });
  });
}

/** Deletes one of the member's own views (another member's id deletes nothing). */
export async function deleteView(owner: Owner, id: string) {
  const { count } = await db.orderView.deleteMany({ where: { id, ...owner } });
  return { deleted: count };
}
