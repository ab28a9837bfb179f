/**
 * The hostile material of the fuzzers (hostile-fuzz.int.test.ts in CI, scripts/fuzz against the
 * production server): a seeded generator, so a failure names a seed that reproduces it, and the
 * values attackers and broken clients send.
 */
export type Random = () => number;

/** A linear congruential generator: the same seed, the same requests. */
export function seeded(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

/** Strings no field should choke on: NUL, lone surrogates, escapes, injections, huge and look-alike values. */
export const HOSTILE_STRINGS = [
  "", " ", "\u0000", "P\u0000", "\ud800", "a\udc00b", "\ud83d", "%ZZ", "%00", "\r\n", "\u202e", "１２３", "🙂",
  "../../etc/passwd", "<script>alert(1)</script>", "javascript:alert(1)", "' OR 1=1 --", "${7*7}", "{{7*7}}",
  "null", "NaN", "Infinity", "-1", "9".repeat(30), `P${"1".repeat(69)}`, "P20261122103000123K7M2Q9XT", "__proto__", "constructor",
  "x".repeat(5000), "http://127.0.0.1:1/", "2026-13-45", "M10000001",
];

/** Path segments that do not decode, decode to NUL, or name nothing (issue #13's list and more). */
export const HOSTILE_SEGMENTS = [
  "%00", "%ZZ", "%", "%E0%A4%A", "%C0%AF", "%FF%FE", "%ED%A0%80", "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "P%00", `P${"1".repeat(69)}`,
  "%u0041", "a".repeat(3000), "%F0%9F%98", "null", "-1", "%0D%0ASet-Cookie:x=1",
];

function deep(levels: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

/** Any JSON value, mostly hostile. */
export function hostileValue(random: Random): unknown {
  const roll = random();
  if (roll < 0.55) return pick(random, HOSTILE_STRINGS);
  return pick(random, [null, true, false, 0, -1, 1.5, 1e308, -0, 2 ** 53 + 1, 100_000_000_001, [], [1, "a"], {}, { $ne: 1 }, { __proto__: null, a: 1 }, deep(2000)]);
}

/** A JSON text from `base` with some fields replaced by hostile values — sometimes cut short, not JSON, or not UTF-8. */
export function mangle(random: Random, base: Record<string, unknown>, fields: readonly string[]): string | Uint8Array {
  const value: Record<string, unknown> = { ...base };
  if (random() < 0.15) return JSON.stringify(value); // some valid requests, so the deeper paths run too
  for (let i = 0, n = 1 + Math.floor(random() * 3); i < n; i++) value[pick(random, fields)] = hostileValue(random);
  if (random() < 0.05) return `{${JSON.stringify(pick(random, ["__proto__", "constructor", "prototype"]))}:{"a":"1"},"metadata":{"__proto__":{"x":"1"}}}`;
  let text = JSON.stringify(value);
  const corruption = random();
  if (corruption < 0.08) text = text.slice(0, Math.floor(random() * text.length));
  else if (corruption < 0.12) return Uint8Array.from({ length: Math.floor(random() * 300) }, () => Math.floor(random() * 256));
  else if (corruption < 0.15) return Buffer.concat([Buffer.from(text.slice(0, -1)), Buffer.from([0xff, 0xfe, 0x00]), Buffer.from("}")]);
  else if (corruption < 0.18) text = JSON.stringify(hostileValue(random));
  else if (corruption < 0.2) text = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
  return text;
}
