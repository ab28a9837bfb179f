import { createHash } from "node:crypto";
import { sql } from "@/server/sql";
import { beijingDayRange } from "@/server/domain/reconciliation";
import { feeForRate } from "@/server/domain/money";
import type { BillEdit } from "./faults";

/**
 * The lines of a sandbox merchant's trade bill for one Beijing day, channel-neutral: each channel's
 * bill module writes them in its own format. Read from the books in pages of 10,000 (keyset on time,
 * then id; straight through the pool, server/sql.ts: Prisma's raw rows cost several times more), payments
 * and refunds merged in time order, so that a day of a million trades never sits in memory.
 * Only what happened up to `asOf` is billed, so that the bill announced (WeChat Pay's hash) and the
 * bill downloaded a moment later are the same file.
 *
 * The merchant's bill edits (faults.billEdits) apply here, so both formats show the same differences:
 * drop leaves the line out, amount / fee shift it by `delta` fen (the fee stays the fee of the true
 * amount), status marks it `flipped` (each format says how), extra adds a payment nobody made.
 */

export type BillEntry = {
  kind: "payment" | "refund";
  /** When the channel bills it: paid, or refund succeeded. */
  at: Date;
  /** Creation of the trade (Alipay's 创建时间). */
  createdAt: Date;
  outTradeNo: string;
  channelTradeNo: string;
  channelAppId: string;
  tradeType: string;
  payerId: string | null;
  subject: string;
  currency: string;
  /** Refund lines only. */
  outRefundNo?: string;
  channelRefundNo?: string;
  /** Fen, positive for both kinds: each format signs them its own way. */
  amount: bigint;
  /** Fen, signed as the journal's fee: charged on a payment +, returned with a refund −. */
  fee: bigint;
  /** A status edit named this line. */
  flipped: boolean;
};

export type BillEntriesOptions = {
  sandboxMerchantId: string;
  billDate: string;
  asOf: Date;
  feeRateBps: number;
  edits: readonly BillEdit[];
  kinds?: { payments: boolean; refunds: boolean };
};

const PAGE_SIZE = 10_000;

type TradeLine = {
  id: string;
  state: string;
  paidAt: Date;
  createdAt: Date;
  outTradeNo: string;
  channelTradeNo: string;
  channelAppId: string;
  tradeType: string;
  payerId: string | null;
  subject: string;
  currency: string;
  amount: bigint;
};
type RefundLine = Omit<TradeLine, "paidAt" | "state"> & { succeededAt: Date; outRefundNo: string; channelRefundNo: string; refundAmount: bigint };

async function* pagedPayments(merchantId: string, from: Date, to: Date): AsyncGenerator<BillEntry & { id: string }> {
  let after = { at: new Date(from.getTime() - 1), id: "" };
  for (;;) {
    const { rows: page } = await sql<TradeLine>(
      `SELECT id, state, "paidAt", "createdAt", "outTradeNo", "channelTradeNo", "channelAppId", "tradeType", "payerId", subject, currency, amount
       FROM "SandboxTrade"
       WHERE "sandboxMerchantId" = $1 AND ("paidAt", id) > ($2, $3) AND "paidAt" < $4
         -- and a WeChat codepay trade paid, then reversed (撤销): billed as REVOKED (docs/adr/0023)
         AND (state = 'SUCCEEDED' OR (state = 'CLOSED' AND "stateDetail" = 'REVERSED' AND "tradeType" = 'codepay'))
       ORDER BY "paidAt", id
       LIMIT ${PAGE_SIZE}`,
      [merchantId, after.at, after.id, to],
    );
    for (const trade of page) {
      yield { id: trade.id, kind: "payment", at: trade.paidAt, ...tradeFields(trade), amount: trade.amount, fee: 0n, flipped: trade.state !== "SUCCEEDED" };
    }
    if (page.length < PAGE_SIZE) return;
    const last = page[page.length - 1];
    after = { at: last.paidAt, id: last.id };
  }
}

async function* pagedRefunds(merchantId: string, from: Date, to: Date): AsyncGenerator<BillEntry & { id: string }> {
  let after = { at: new Date(from.getTime() - 1), id: "" };
  for (;;) {
    const { rows: page } = await sql<RefundLine>(
      `SELECT r.id, r."succeededAt", r."outRefundNo", r."channelRefundNo", r.amount AS "refundAmount",
              t."createdAt", t."outTradeNo", t."channelTradeNo", t."channelAppId", t."tradeType", t."payerId", t.subject, t.currency, t.amount
       FROM "SandboxRefund" r JOIN "SandboxTrade" t ON t.id = r."tradeId"
       WHERE t."sandboxMerchantId" = $1 AND r.state = 'SUCCEEDED' AND (r."succeededAt", r.id) > ($2, $3) AND r."succeededAt" < $4
       ORDER BY r."succeededAt", r.id
       LIMIT ${PAGE_SIZE}`,
      [merchantId, after.at, after.id, to],
    );
    for (const refund of page) {
      yield {
        id: refund.id,
        kind: "refund",
        at: refund.succeededAt,
        ...tradeFields(refund),
        outRefundNo: refund.outRefundNo,
        channelRefundNo: refund.channelRefundNo,
        amount: refund.refundAmount,
        fee: 0n,
        flipped: false,
      };
    }
    if (page.length < PAGE_SIZE) return;
    const last = page[page.length - 1];
    after = { at: last.succeededAt, id: last.id };
  }
}

function tradeFields(trade: Omit<TradeLine, "id" | "paidAt" | "state">) {
  const { createdAt, outTradeNo, channelTradeNo, channelAppId, tradeType, payerId, subject, currency } = trade;
  return { createdAt, outTradeNo, channelTradeNo, channelAppId, tradeType, payerId, subject, currency: currency.trim() };
}

type Keyed = BillEntry & { id: string };

/** Two time-ordered streams as one, in time order (ties by id: uuid v7, creation order). */
async function* merged(a: AsyncGenerator<Keyed>, b: AsyncGenerator<Keyed>): AsyncGenerator<Keyed> {
  let left = await a.next();
  let right = await b.next();
  while (!left.done || !right.done) {
    const takeLeft = right.done || (!left.done && (left.value.at.getTime() < right.value.at.getTime() || (left.value.at.getTime() === right.value.at.getTime() && left.value.id <= right.value.id)));
    if (takeLeft && !left.done) {
      yield left.value;
      left = await a.next();
    } else if (!right.done) {
      yield right.value;
      right = await b.next();
    }
  }
}

async function* none(): AsyncGenerator<Keyed> {}

/** A channel trade number for a trade the sandbox never had (extra), the same on every download. */
export function extraChannelTradeNo(billDate: string, outTradeNo: string): string {
  const digits = BigInt(`0x${createHash("sha256").update(`extra:${billDate}:${outTradeNo}`).digest("hex").slice(0, 20)}`).toString().padStart(24, "0");
  return `42${billDate.replaceAll("-", "").slice(2)}${digits.slice(0, 20)}`;
}

export async function* billEntries(options: BillEntriesOptions): AsyncGenerator<BillEntry> {
  const { sandboxMerchantId, billDate, feeRateBps } = options;
  const kinds = options.kinds ?? { payments: true, refunds: true };
  const day = beijingDayRange(billDate);
  const to = new Date(Math.min(day.to.getTime(), options.asOf.getTime() + 1));
  const editsByNo = new Map<string, BillEdit[]>();
  for (const edit of options.edits) {
    if (edit.type === "extra") continue;
    editsByNo.set(edit.outNo, [...(editsByNo.get(edit.outNo) ?? []), edit]);
  }

  const lines = merged(
    kinds.payments ? pagedPayments(sandboxMerchantId, day.from, to) : none(),
    kinds.refunds ? pagedRefunds(sandboxMerchantId, day.from, to) : none(),
  );
  for await (const { id: _id, ...line } of lines) {
    const fee = feeForRate(line.amount, feeRateBps);
    const entry: BillEntry = { ...line, fee: line.kind === "payment" ? fee : -fee };
    let dropped = false;
    for (const edit of editsByNo.get(line.kind === "payment" ? line.outTradeNo : (line.outRefundNo as string)) ?? []) {
      if (edit.type === "drop") dropped = true;
      else if (edit.type === "amount") entry.amount += BigInt(edit.delta);
      else if (edit.type === "fee") entry.fee += BigInt(edit.delta);
      else if (edit.type === "status") entry.flipped = true;
    }
    if (!dropped) yield entry;
  }

  if (!kinds.payments) return;
  for (const edit of options.edits) {
    if (edit.type !== "extra" || edit.billDate !== billDate) continue;
    const amount = BigInt(edit.amount);
    // noon: far from midnight, where a one-sided line would wait for the next day's bill
    const at = new Date(day.from.getTime() + 12 * 3_600_000);
    yield {
      kind: "payment",
      at,
      createdAt: at,
      outTradeNo: edit.outTradeNo,
      channelTradeNo: extraChannelTradeNo(billDate, edit.outTradeNo),
      channelAppId: "",
      tradeType: "",
      payerId: null,
      subject: "沙箱账单差异 · 未知交易",
      currency: "CNY",
      amount,
      fee: feeForRate(amount, feeRateBps),
      flipped: false,
    };
  }
}

/** Text lines as byte chunks of about 64 KiB (a line per chunk would be a write per line). */
export async function* inChunks(lines: AsyncIterable<string>, encode: (text: string) => Buffer = (text) => Buffer.from(text, "utf8")): AsyncGenerator<Buffer> {
  let pending: string[] = [];
  let size = 0;
  for await (const line of lines) {
    pending.push(line);
    size += line.length;
    if (size >= 32_768) {
      yield encode(pending.join(""));
      pending = [];
      size = 0;
    }
  }
  if (pending.length) yield encode(pending.join(""));
}
