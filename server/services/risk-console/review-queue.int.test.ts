import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { useDemoPaymentEnv } from "@/server/testing/demo-payment-env";
import type { openApiClient } from "@/server/testing/open-api-client";
import { callerAs, outcome } from "@/server/testing/callers";
import { orderCenterClient } from "@/server/testing/order-fixtures";

const DEMO = "M10000001";
const env = useDemoPaymentEnv();
const api: ReturnType<typeof openApiClient> = (path, request) => env.api(path, request);
const { createOrder, order } = orderCenterClient(api, "RQ", { type: "standard", scene: "mall", lines: [{ sku: "TV-55", name: "电视", quantity: 1, unitPrice: 300000 }], payableAmount: 300000 });

describe("the review queue releases or cancels a held order (console → part A's reviewOrder)", () => {
  it("an operator's blacklist and rule hold the phone's next order; finance approves it (payable) or rejects another (cancelled)", async () => {
    const admin = await callerAs("admin@paycenter.local");
    await admin.adminRisk.addListEntry({ entry: { kind: "PHONE", value: "186 0000 7777", note: "e2e" } });
    const { id } = await admin.adminRisk.createRule({ rule: { name: "黑名单人工审核", checkpoints: ["ORDER"], condition: { type: "blacklisted", kinds: ["PHONE"] }, action: "REVIEW", priority: 10 } });
    await admin.adminRisk.setRuleStatus({ id, status: "ACTIVE" });

    const held = await createOrder({ buyer: { id: "U-RQ-1", phone: "18600007777" } });
    const rejected = await createOrder({ buyer: { id: "U-RQ-2", phone: "+86 18600007777" } });
    const free = await createOrder({ buyer: { id: "U-RQ-3", phone: "18600008888" } });
    expect((await order(held.orderNo)).riskReview).toBe("PENDING");
    expect((await order(free.orderNo)).riskReview).toBeNull();
    expect(await db.payOrder.count({ where: { orderNo: held.orderNo } })).toBe(0);

    const finance = await callerAs("finance@demo.local");
    const queue = await finance.risk.reviews({ mchNo: DEMO, status: "PENDING" });
    expect(queue.map((r) => r.orderNo)).toEqual([held.orderNo, rejected.orderNo]);
    expect(queue[0]).toMatchObject({ buyerPhone: "186****7777", amount: 300000n, hits: [{ ruleId: id, scope: "platform", condition: "blacklisted", observed: "PHONE" }] });
    expect(await finance.risk.orderReview({ mchNo: DEMO, orderNo: held.orderNo })).toMatchObject({ mayReview: true, review: { status: "PENDING" } });

    // a developer reads but cannot decide; another merchant cannot even find it
    expect(await outcome((await callerAs("dev@demo.local")).risk.decideReview({ mchNo: DEMO, orderNo: held.orderNo, decision: "APPROVE" }))).toBe("FORBIDDEN");
    expect(await outcome((await callerAs("owner@acme.local")).risk.decideReview({ mchNo: "M10000002", orderNo: held.orderNo, decision: "APPROVE" }))).toBe("NOT_FOUND");

    await finance.risk.decideReview({ mchNo: DEMO, orderNo: held.orderNo, decision: "APPROVE", note: "已电话核实" });
    expect((await order(held.orderNo)).riskReview).toBe("APPROVED");
    expect(await db.payOrder.count({ where: { orderNo: held.orderNo } })).toBe(1);
    expect(await outcome(finance.risk.decideReview({ mchNo: DEMO, orderNo: held.orderNo, decision: "REJECT" }))).toBe("CONFLICT");

    await finance.risk.decideReview({ mchNo: DEMO, orderNo: rejected.orderNo, decision: "REJECT" });
    expect(await order(rejected.orderNo)).toMatchObject({ status: "CANCELLED", cancelReason: "risk_rejected", riskReview: "REJECTED" });

    expect(await finance.risk.reviews({ mchNo: DEMO, status: "PENDING" })).toEqual([]);
    expect((await finance.risk.reviews({ mchNo: DEMO, status: "DECIDED" })).map((r) => [r.orderNo, r.status, r.note])).toEqual([
      [rejected.orderNo, "REJECTED", null],
      [held.orderNo, "APPROVED", "已电话核实"],
    ]);
    const audits = await db.auditLog.findMany({ where: { targetId: { in: [held.orderNo, rejected.orderNo] } }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["risk_review.approved", "risk_review.rejected"]);
  });
});
