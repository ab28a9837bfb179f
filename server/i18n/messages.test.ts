import { readFileSync } from "node:fs";
import path from "node:path";
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
  it("define each namespace once (JSON.parse would silently keep only the last of two)", () => {
    for (const locale of ["en", "zh-CN"]) {
      const text = readFileSync(path.join(import.meta.dirname, "messages", `${locale}.json`), "utf8");
      const namespaces = [...text.matchAll(/^ {2}"([^"]+)":/gm)].map((m) => m[1]);
      expect(namespaces.length, locale).toBeGreaterThan(10);
      expect(namespaces.filter((ns, i) => namespaces.indexOf(ns) !== i), locale).toEqual([]);
    }
  });
});
