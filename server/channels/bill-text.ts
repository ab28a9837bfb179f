import { Readable } from "node:stream";
import { decimalToMinor } from "@/server/domain/money";
import { BillFormatError } from "./errors";

/**
 * Reading the cells of a channel's bill file: yuan amounts to fen on their digits (never a float),
 * fees with more decimals than the fen, Beijing times. Every failure is a BillFormatError naming
 * the line, so that a malformed bill is refused, never half-matched.
 */

/** A cell that must be yuan with at most 2 decimals ("128.00", "-0.01") → fen. */
export function yuanToFen(text: string, where: string): bigint {
  try {
    return decimalToMinor(text);
  } catch (error) {
    throw new BillFormatError(`${where}: ${(error as Error).message}`, "BILL_BAD_AMOUNT");
  }
}

/**
 * A yuan cell with up to `scale` decimals, exactly, in units of 10^-scale yuan: WeChat Pay's
 * 手续费 `0.04500` at scale 5 → 4500n. Totals of such cells are compared at this scale.
 */
export function yuanToScaled(text: string, scale: number, where: string): bigint {
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match || (match[3] ?? "").length > scale) {
    throw new BillFormatError(`${where}: ${JSON.stringify(text)} is not yuan with at most ${scale} decimals`, "BILL_BAD_AMOUNT");
  }
  const [, sign, whole, frac = ""] = match;
  const value = BigInt(whole + frac.padEnd(scale, "0"));
  return sign ? -value : value;
}

/**
 * A scaled yuan amount (scale ≥ 2) rounded to the fen, half up on the magnitude (−0.04500 → −5 fen,
 * as 0.04500 → 5 fen): a fee returned rounds as the fee charged did.
 */
export function scaledToFen(value: bigint, scale: number): bigint {
  if (scale < 2) throw new RangeError(`scale ${scale} is below the fen`);
  const unit = 10n ** BigInt(scale - 2);
  const magnitude = value < 0n ? -value : value;
  const fen = (magnitude + unit / 2n) / unit;
  return value < 0n ? -fen : fen;
}

const BEIJING_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** `yyyy-MM-dd HH:mm:ss` in Beijing time (both channels' bills) → the instant. */
export function beijingTime(text: string, where: string): Date {
  const date = BEIJING_TIME.test(text) ? new Date(`${text.replace(" ", "T")}+08:00`) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw new BillFormatError(`${where}: ${JSON.stringify(text)} is not a time yyyy-MM-dd HH:mm:ss`, "BILL_BAD_TIME");
  return date;
}

/**
 * Column positions by header name (never by position: channels add columns). `aliases` lists the
 * names a column has had, newest first (WeChat Pay's legacy 总金额 for 订单金额).
 */
export function columnIndex(header: readonly string[], where: string) {
  const normalized = header.map(normalizeHeader);
  const find = (...aliases: string[]) => {
    for (const name of aliases) {
      const index = normalized.indexOf(normalizeHeader(name));
      if (index >= 0) return index;
    }
    return -1;
  };
  return {
    optional: find,
    required(...aliases: string[]): number {
      const index = find(...aliases);
      if (index < 0) throw new BillFormatError(`${where} lacks the column ${aliases.join(" / ")}`, "BILL_BAD_HEADER");
      return index;
    },
  };
}

/** Header names compared without surrounding blanks and with full-width parentheses as ASCII: 订单金额（元） = 订单金额(元). */
function normalizeHeader(name: string): string {
  return name.trim().replace(/（/g, "(").replace(/）/g, ")");
}

/**
 * The first line of a stream (without BOM and line end) and the rest as a stream. Bills' header
 * lines are read apart from their data lines: csv-parse takes its expected field count from its
 * first record, and a header that differs in shape (WeChat Pay's has no backticks) would make it
 * build an error object for every line after it — a hundredfold slower on a million lines.
 */
export async function splitFirstLine(source: AsyncIterable<Buffer | string>): Promise<{ line: string | null; rest: Readable }> {
  const iterator = source[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  for (;;) {
    const next = await iterator.next();
    if (next.done) return { line: head.length ? head.toString("utf8").replace(/^\uFEFF/, "") : null, rest: Readable.from([]) };
    head = Buffer.concat([head, Buffer.from(next.value)]);
    const end = head.indexOf(0x0a);
    if (end >= 0) {
      const line = head.subarray(0, end).toString("utf8").replace(/^\uFEFF/, "").replace(/\r$/, "");
      const remainder = head.subarray(end + 1);
      async function* rest() {
        if (remainder.length) yield remainder;
        for (;;) {
          const more = await iterator.next();
          if (more.done) return;
          yield Buffer.from(more.value);
        }
      }
      return { line, rest: Readable.from(rest()) };
    }
    if (head.length > 64_000) throw new BillFormatError("no line end in the first 64 KB: not a bill", "BILL_BAD_LINE");
  }
}
