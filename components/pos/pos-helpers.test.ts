import { describe, expect, it } from "vitest";
import { pressKey } from "./pos-helpers";

const type = (keys: string[]) => keys.reduce(pressKey, "");

describe("the POS keypad", () => {
  it("types amounts as a clerk expects", () => {
    expect(type(["1", "2", ".", "5"])).toBe("12.5");
    expect(type([".", "5"])).toBe("0.5");
    expect(type(["0", "0", "7"])).toBe("7");
    expect(type(["1", ".", "2", "3", "4"])).toBe("1.23");
    expect(type(["1", ".", ".", "2"])).toBe("1.2");
    expect(type(["9", "9", "9", "9", "9", "9", "9", "9", "9", "9"])).toBe("999999999");
    expect(type(["1", "2", "back"])).toBe("1");
    expect(type(["1", "2", "clear", "3"])).toBe("3");
  });
});
