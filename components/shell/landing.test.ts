import { describe, expect, it } from "vitest";
import { MEMBER_ROLES } from "@/server/domain/permissions";
import { landingHref } from "./landing";

describe("landingHref", () => {
  it("sends every role with the overview there, a dealer to the order center and a cashier to the POS", () => {
    const landings = Object.fromEntries(MEMBER_ROLES.map((role) => [role, landingHref(role)]));
    expect(landings).toEqual({ OWNER: "", DEVELOPER: "", FINANCE: "", VIEWER: "", DEALER: "/orders", CASHIER: "/pos" });
  });
});
