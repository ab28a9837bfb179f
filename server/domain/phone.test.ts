import { describe, expect, it } from "vitest";
import { maskPhone, normalisePhone } from "./phone";

describe("buyer phones", () => {
  it("normalise to 11 digits, stripping +86, spaces and dashes", () => {
    expect(normalisePhone("13800138000")).toBe("13800138000");
    expect(normalisePhone("+86 138 0013 8000")).toBe("13800138000");
    expect(normalisePhone("0086-138-0013-8000")).toBe("13800138000");
    expect(normalisePhone("8613800138000")).toBe("13800138000");
  });

  it("refuse what is not a mainland mobile number", () => {
    for (const bad of ["", "1380013800", "23800138000", "138001380001", "+1 415 555 0100", "1380013800x"]) expect(normalisePhone(bad)).toBeNull();
  });

  it("are masked in the middle", () => {
    expect(maskPhone("13800138000")).toBe("138****8000");
    expect(maskPhone(null)).toBeNull();
  });
});
