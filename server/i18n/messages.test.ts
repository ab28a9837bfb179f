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
  it("are readable, one message per line, and define no key twice at any depth (JSON.parse would keep only the last)", () => {
    for (const locale of ["en", "zh-CN"]) {
      const text = readFileSync(path.join(import.meta.dirname, "messages", `${locale}.json`), "utf8");
      expect(text, `${locale}: format with JSON.stringify(messages, null, 2)`).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
      expect(duplicateKeys(text), locale).toEqual([]);
    }
  });
});

/** Keys that appear twice in one object of a JSON text, as dotted paths (a scan of the raw text, not of the parse). */
function duplicateKeys(text: string): string[] {
  const duplicates: string[] = [];
  const stack: { path: string; seen: Set<string>; key: string | null }[] = [];
  const tokens = text.matchAll(/"(?:[^"\\]|\\.)*"|[{}[\]:,]/g);
  let lastString: string | null = null;
  for (const [token] of tokens) {
    const top = stack.at(-1);
    if (token === "{") {
      stack.push({ path: top?.key ? `${top.path}${top.key}.` : (top?.path ?? ""), seen: new Set(), key: null });
    } else if (token === "}") {
      stack.pop();
    } else if (token === ":" && top && lastString !== null) {
      if (top.seen.has(lastString)) duplicates.push(`${top.path}${lastString}`);
      top.seen.add(lastString);
      top.key = lastString;
    } else if (token.startsWith('"')) {
      lastString = JSON.parse(token) as string;
      continue;
    }
    lastString = null;
  }
  return duplicates;
}
