import { randomBytes } from "node:crypto";

// A marker no input can forge (a random token of this process, never written out) stands in for each bigint, then is unquoted.
const BIGINT_MARKER = `__bigint_${randomBytes(16).toString("hex")}_`;
const QUOTED_BIGINT = new RegExp(`"${BIGINT_MARKER}(-?\\d+)"`, "g");

/** JSON.stringify that writes bigint as a bare integer (exact, no float on the way). */
export function stringifyJson(value: unknown): string {
  let bigints = false;
  const text = JSON.stringify(value, (_key, v) => {
    if (typeof v !== "bigint") return v;
    bigints = true;
    return `${BIGINT_MARKER}${v.toString()}`;
  });
  return bigints ? text.replace(QUOTED_BIGINT, "$1") : text;
}
