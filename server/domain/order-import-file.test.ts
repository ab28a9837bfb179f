import { describe, expect, it } from "vitest";
import { IMPORT_TEMPLATE, parseCsv, rowsToItems, toCsv, yuanToFen } from "./order-import-file";

describe("the console's order import file", () => {
  it("reads CSV with quotes, doubled quotes, CRLF and a BOM, and skips blank rows", () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n\n,z\n')).toEqual([["a", "b"], ["x, y", 'say "hi"'], ["", "z"]]);
  });

  it("round-trips the template through CSV", () => {
    expect(parseCsv(toCsv(IMPORT_TEMPLATE))).toEqual(IMPORT_TEMPLATE);
  });

  it("turns yuan into fen exactly and leaves anything else as typed", () => {
    expect([yuanToFen("3999.00"), yuanToFen("0.1"), yuanToFen("12"), yuanToFen("1.005"), yuanToFen("-1"), yuanToFen("abc")]).toEqual([399900, 10, 1200, "1.005", "-1", "abc"]);
  });

  it("merges the rows of one source order into one item with its lines, and remembers where each item starts", () => {
    const { items, firstRow } = rowsToItems([...IMPORT_TEMPLATE, ["STORE-2026-0002", "points", "mall", "", "U2", "", "", "GIFT", "礼品", "x", "0", "", "", "0", "", "", ""]]);
    expect(firstRow).toEqual([2, 4]);
    expect(items[0]).toEqual({
      sourceOrderNo: "STORE-2026-0001",
      type: "standard",
      scene: "store",
      storeId: "S01",
      status: "COMPLETED",
      placedAt: "2026-11-01T10:00:00+08:00",
      discountAmount: 20000,
      shippingAmount: 0,
      payableAmount: 429800,
      buyer: { id: "U1001", name: "张三", phone: "13800138000" },
      lines: [
        { sku: "SOFA-3", name: "三人沙发", quantity: 1, unitPrice: 399900 },
        { sku: "LAMP-1", name: "落地灯", quantity: 1, unitPrice: 49900 },
      ],
    });
    expect(items[1]).toMatchObject({ sourceOrderNo: "STORE-2026-0002", lines: [{ quantity: "x" }], buyer: { id: "U2" } });
  });
});
