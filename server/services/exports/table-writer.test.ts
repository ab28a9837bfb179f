import { describe, expect, it } from "vitest";
import { neutraliseFormula } from "./table-writer";

describe("export cells", () => {
  it("neutralises text a spreadsheet would run as a formula", () => {
    expect(neutraliseFormula("=HYPERLINK(\"x\")")).toBe("'=HYPERLINK(\"x\")");
    expect(neutraliseFormula("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutraliseFormula("-1")).toBe("'-1");
    expect(neutraliseFormula("M2026-01")).toBe("M2026-01");
  });
});
