import { z } from "zod";

/** Page-numbered lists (server-side): page 1-based, 20 rows by default, 100 at most. */
export const pagingSchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type Paging = z.output<typeof pagingSchema>;

export function pageWindow(paging: Paging): { skip: number; take: number } {
  return { skip: (paging.page - 1) * paging.pageSize, take: paging.pageSize };
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** PostgreSQL's largest bigint: a cursor or id past it names nothing (and would fail the query). */
export const MAX_BIGINT = 9_223_372_036_854_775_807n;
