import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { riskConditionSchema } from "@/server/domain/risk-rule-schema";
import { loadRiskRules } from "@/server/services/risk/load-rules";
import { seedIfEmpty } from "./seed";

describe("demo risk rules", () => {
  it("seeds one ACTIVE rule and one DRAFT for the demo merchant; only the active one is loaded live", async () => {
    expect(await seedIfEmpty({ risk: true })).toBe(true);
    const merchant = await db.merchant.findUniqueOrThrow({ where: { mchNo: "M10000001" } });
    const rules = await db.riskRule.findMany({ where: { merchantId: merchant.id }, orderBy: { status: "asc" } });
    expect(rules.map((r) => r.status).sort()).toEqual(["ACTIVE", "DRAFT"]);
    for (const rule of rules) expect(riskConditionSchema.safeParse(rule.condition).success).toBe(true);
    const live = await loadRiskRules(merchant.id);
    expect(live.map((r) => r.name)).toEqual([rules.find((r) => r.status === "ACTIVE")!.name]);
  });
});
