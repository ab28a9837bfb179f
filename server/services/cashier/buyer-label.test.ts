import { describe, expect, it } from "vitest";
import { buyerLabel } from "./buyer-label";

describe("the buyer as the cashier names them", () => {
  it("shows a name's first character (and last, from three on), the rest masked", () => {
    expect(buyerLabel({ name: "张", id: "U1001" })).toBe("张*");
    expect(buyerLabel({ name: "张三", id: "U1001" })).toBe("张*");
    expect(buyerLabel({ name: "张小三", id: "U1001" })).toBe("张*三");
    expect(buyerLabel({ name: "Alexander Hamilton", id: "U1001" })).toBe("A***n");
    expect(buyerLabel({ name: "😀李四", id: "U1001" })).toBe("😀*四");
  });

  it("without a name, the buyer id's ends only", () => {
    expect(buyerLabel({ name: null, id: "U1001" })).toBe("U***");
    expect(buyerLabel({ name: "  ", id: "U1001" })).toBe("U***");
    expect(buyerLabel({ name: null, id: "member-20261203-0042" })).toBe("me***42");
  });
});
