import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { callerAs, outcome } from "@/server/testing/callers";
import { seedIfEmpty } from "@/prisma/seed";

const DEMO = "M10000001";

beforeAll(async () => {
  await seedIfEmpty();
});

describe("inviting a store cashier (门店收银员)", () => {
  it("needs its stores, and joining gives the member exactly those", async () => {
    const owner = await callerAs("owner@demo.local");
    const missing = await owner.members.invite({ mchNo: DEMO, email: "till@example.com", role: "CASHIER" }).catch((e) => e);
    expect([missing.code, missing.cause?.issues?.[0]?.path?.join("."), missing.cause?.issues?.[0]?.message]).toEqual(["BAD_REQUEST", "storeIds", "storesRequired"]);
    expect(await outcome(owner.members.invite({ mchNo: DEMO, email: "till@example.com", role: "CASHIER", storeIds: ["S 02"] }))).toBe("BAD_REQUEST");

    const invited = await owner.members.invite({ mchNo: DEMO, email: "till@example.com", role: "CASHIER", storeIds: ["S02", "S03", "S02"] });
    expect(await db.invitation.findUniqueOrThrow({ where: { id: invited.id } })).toMatchObject({ role: "CASHIER", storeIds: ["S02", "S03"] });
    const listed = await owner.members.list({ mchNo: DEMO });
    expect(listed.invitations.find((i) => i.email === "till@example.com")).toMatchObject({ role: "CASHIER", storeIds: ["S02", "S03"] });

    await (await callerAs(null)).account.signUpWithInvitation({ token: invited.token, name: "收银员 Till", password: "Secret123" });
    const membership = await db.membership.findFirstOrThrow({ where: { user: { email: "till@example.com" } }, include: { merchant: true } });
    expect([membership.merchant.mchNo, membership.role, membership.storeIds]).toEqual([DEMO, "CASHIER", ["S02", "S03"]]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "member.joined", targetId: membership.id } });
    expect(audit.after).toMatchObject({ role: "CASHIER", storeIds: ["S02", "S03"] });

    // the owner changes its stores; the cashier's POS follows
    await owner.members.setStores({ mchNo: DEMO, membershipId: membership.id, storeIds: ["S03"] });
    const till = await callerAs("till@example.com");
    expect(await till.pos.setup({ mchNo: DEMO })).toMatchObject({ stores: ["S03"], anyStore: false });
    expect(await outcome(till.pos.takings({ mchNo: DEMO, storeId: "S02" }))).toBe("FORBIDDEN");
    // and nothing else of the console
    expect(await outcome(till.merchant.overview({ mchNo: DEMO }))).toBe("FORBIDDEN");
  });

  it("gives no stores to a role that is not narrowed to them", async () => {
    const owner = await callerAs("owner@demo.local");
    const invited = await owner.members.invite({ mchNo: DEMO, email: "fin2@example.com", role: "FINANCE", storeIds: ["S01"] });
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invited.id } })).storeIds).toEqual([]);
    const viewer = (await owner.members.list({ mchNo: DEMO })).members.find((m) => m.email === "viewer@demo.local")!;
    const refused = await owner.members.setStores({ mchNo: DEMO, membershipId: viewer.id, storeIds: ["S01"] }).catch((e) => e);
    expect([refused.code, refused.cause?.field]).toEqual(["BAD_REQUEST", "storeIds"]);
  });
});
