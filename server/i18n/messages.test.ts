import { describe, expect, it } from "vitest";
import en from "./messages/en.json";
import zh from "./messages/zh-CN.json";

type Tree = { [key: string]: string | Tree };
const keys = (tree: Tree, prefix = ""): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));

describe("message catalogs", () => {
  it("have the same keys in zh-CN and English", () => {
    expect(keys(en as Tree).sort()).toEqual(keys(zh as Tree).sort());
  });
  it("have no empty strings", () => {
    for (const [name, tree] of [["en", en], ["zh-CN", zh]] as const) {
      const flat = keys(tree as Tree);
      expect(flat.length, name).toBeGreaterThan(50);
    }
    expect(JSON.stringify(en)).not.toContain('""');
    expect(JSON.stringify(zh)).not.toContain('""');
  });
});
