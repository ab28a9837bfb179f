import { describe, expect, it } from "vitest";
import { stringifyJson } from "./envelope";

describe("stringifyJson", () => {
  it("writes bigint amounts as exact JSON integers", () => {
    expect(stringifyJson({ amount: 12800n, nested: [1n, { fee: -77n }], big: 9007199254740993n })).toBe(
      '{"amount":12800,"nested":[1,{"fee":-77}],"big":9007199254740993}',
    );
  });
  it("leaves strings that look like markers alone", () => {
    expect(stringifyJson({ note: "__bigint_x_1", n: 1n })).toBe('{"note":"__bigint_x_1","n":1}');
  });
});
