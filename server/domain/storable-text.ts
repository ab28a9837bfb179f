/**
 * Text PostgreSQL can store as it was sent. A NUL cannot be stored in `text` at all (the query
 * fails), and a lone UTF-16 surrogate is not Unicode: the driver would write U+FFFD in its place,
 * silently changing what the caller sent. Both are refused at the edge, never met by a query.
 * Pure (no I/O): shared by the Open API, tRPC and the console's forms.
 */
const UNSTORABLE = /[\u0000\p{Cs}]/u;

export const UNSTORABLE_TEXT_MESSAGE = "must be valid Unicode text without NUL characters";

export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

/** A key JSON.parse keeps as an own property but an object literal or a zod record silently drops. */
export const PROTO_KEY = "__proto__";

/** `text`: a string value; `key`: a key of the object at `path`; `proto`: a `__proto__` key (last in `path`). */
export type UnsafeText = { path: (string | number)[]; reason: "text" | "key" | "proto" };

type Node = { value: unknown; key?: string | number; parent?: Node };

function pathOf(node: Node | undefined): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at = node; at?.key !== undefined; at = at.parent) path.unshift(at.key);
  return path;
}

/**
 * The first string (a value or a key) anywhere in a JSON-like value that is not storable text, or a
 * `__proto__` key. Iterative with parent links, so a body nested 30,000 levels deep neither overflows
 * the stack nor costs quadratic time.
 */
export function findUnsafeText(value: unknown): UnsafeText | null {
  const stack: Node[] = [{ value }];
  while (stack.length) {
    const node = stack.pop() as Node;
    const current = node.value;
    if (typeof current === "string") {
      if (!isStorableText(current)) return { path: pathOf(node), reason: "text" };
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], key: i, parent: node });
    } else if (current !== null && typeof current === "object" && !(current instanceof Date)) {
      const keys = Object.keys(current);
      for (const key of keys) {
        if (key === PROTO_KEY) return { path: [...pathOf(node), key], reason: "proto" };
        if (!isStorableText(key)) return { path: pathOf(node), reason: "key" };
      }
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: (current as Record<string, unknown>)[keys[i]], key: keys[i], parent: node });
    }
  }
  return null;
}

/** The dotted field name zod would give (`metadata.k`, `lines.0.sku`); empty for the whole body. */
export function fieldName(path: (string | number)[]): string {
  return path.map(String).join(".");
}

/** What to tell the caller about it (the Open API's and tRPC's 400). */
export function unsafeTextMessage(unsafe: UnsafeText): string {
  if (unsafe.reason === "proto") return "is a reserved name";
  return unsafe.reason === "key" ? `a key ${UNSTORABLE_TEXT_MESSAGE}` : UNSTORABLE_TEXT_MESSAGE;
}
