import { z } from "zod";
import { reconciliationsQuerySchema } from "@/server/domain/reconciliation-schema";
import { settlementsQuerySchema } from "@/server/domain/settlement-schema";
import type { ApiOperation } from "./operation";
import { dailySettlementResponse, eventPageResponse, reconciliationPageResponse, settlementPageResponse } from "./responses";

/** For systems that pull: the event feed, and the settlement center's and finance system's reads. */
export const financeOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/events",
    operationId: "listEvents",
    tag: "Events",
    summary: "The app's events in commit order",
    description: "The same events the webhooks carry, for systems that pull (the settlement center). An event appears only once every transaction before it has committed.",
    query: z.object({
      after: z.string().optional().meta({ description: "a nextCursor this endpoint returned; omitted: from the start" }),
      limit: z.string().optional().meta({ description: "1–1000, default 100", example: "100" }),
    }),
    responses: { 200: { description: "One page", schema: eventPageResponse } },
    errors: [],
  },
  {
    method: "get",
    path: "/api/v1/settlement/daily",
    operationId: "getDailySettlement",
    tag: "Settlement",
    summary: "The app's day (China Standard Time) in figures, for the settlement center",
    query: z.object({ date: z.string().meta({ description: "a calendar date YYYY-MM-DD", example: "2026-12-04" }) }),
    responses: { 200: { description: "The day's figures", schema: dailySettlementResponse } },
    errors: [],
  },
  {
    method: "get",
    path: "/api/v1/settlements",
    operationId: "listSettlements",
    tag: "Settlement",
    summary: "The app's settlement statements, for the finance system",
    query: settlementsQuerySchema,
    responses: { 200: { description: "One page", schema: settlementPageResponse } },
    errors: [],
  },
  {
    method: "get",
    path: "/api/v1/reconciliations",
    operationId: "listReconciliations",
    tag: "Settlement",
    summary: "The app's reconciliation of a Beijing day, for the finance system",
    query: reconciliationsQuerySchema,
    responses: { 200: { description: "One page", schema: reconciliationPageResponse } },
    errors: [],
  },
];
