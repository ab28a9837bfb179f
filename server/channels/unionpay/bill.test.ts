import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { BillFormatError } from "../errors";
import { readZm, ZM_WIDTHS, zmFields, zmTime } from "./bill";

/** A ZM line from field values, GBK, each padded to its byte width, separated by a space. */
function line(values: Record<number, string>, fields = ZM_WIDTHS.length, extra: number[] = []): Buffer {
  const widths = [...ZM_WIDTHS.slice(0, fields), ...extra];
  return Buffer.concat(
    widths.flatMap((width, i) => {
      const bytes = iconv.encode(values[i] ?? "", "gbk");
      const cell = Buffer.concat([bytes, Buffer.alloc(width - bytes.length, 0x20)]);
      return i ? [Buffer.from(" "), cell] : [cell];
    }),
  );
}

const MER = "777290058110048";
const payment = { 0: "S22", 4: "1205120000", 6: "000000012800", 9: "202612051200001234567", 11: "P20261205120000123ABCDEFGHz1", 15: "D000000000064", 16: "C000000012736", 27: MER, 30: "银联商务测试二级商户名称很长" };
const refund = { 0: "S30", 4: "1205130000", 6: "000000001999", 9: "202612051300007654321", 11: "F20261205130000123ABCDEFGH", 15: "C000000000010", 16: "D000000001989", 26: "202612051200001234567", 27: MER, 40: "P20261205120000123ABCDEFGHz1" };

async function rows(lines: Buffer[], date = "2026-12-05") {
  const totals = { payments: 0, paymentAmount: 0n, refunds: 0, refundAmount: 0n };
  const out = [];
  for await (const row of readZm([Buffer.concat(lines.map((l) => Buffer.concat([l, Buffer.from("\r\n")])))], date, MER, totals)) out.push(row);
  return { out, totals };
}

describe("the ZM detail file", () => {
  it("reads a consume and a refund, widths in GBK bytes", async () => {
    expect(zmFields(line(payment))[30]).toBe("银联商务测试二级商户名称很长");
    const { out, totals } = await rows([line(payment), line(refund)]);
    expect(out).toEqual([
      expect.objectContaining({ kind: "payment", outTradeNo: "P20261205120000123ABCDEFGH-1", channelTradeNo: payment[9], amount: 12_800n, fee: 64n, channelState: "S22", occurredAt: new Date("2026-12-05T04:00:00Z") }),
      expect.objectContaining({ kind: "refund", outTradeNo: "P20261205120000123ABCDEFGH-1", outRefundNo: refund[11], channelTradeNo: payment[9], channelRefundNo: refund[9], amount: -1_999n, fee: -10n }),
    ]);
    expect(totals).toEqual({ payments: 1, paymentAmount: 12_800n, refunds: 1, refundAmount: 1_999n });
  });

  it("tolerates the 46-field variant and lines whose trailing blanks were trimmed", async () => {
    const longer = line(payment, ZM_WIDTHS.length, [10, 10, 10, 10]);
    const trimmed = Buffer.from(line(refund).toString("latin1").trimEnd(), "latin1");
    const { out } = await rows([longer, trimmed]);
    expect(out.map((r) => r.kind)).toEqual(["payment", "refund"]);
  });

  it("takes the year from the settlement date, across New Year both ways", () => {
    expect(zmTime("1231235959", "2027-01-01", "t")).toEqual(new Date("2026-12-31T15:59:59Z"));
    expect(zmTime("0101000001", "2026-12-31", "t")).toEqual(new Date("2026-12-31T16:00:01Z"));
    expect(zmTime("0605120000", "2026-06-05", "t")).toEqual(new Date("2026-06-05T04:00:00Z"));
    expect(() => zmTime("0231120000", "2026-02-28", "t")).toThrow(BillFormatError);
  });

  it("refuses a line whose settlement amount disagrees, another merchant's, an unknown code", async () => {
    await expect(rows([line({ ...payment, 16: "C000000012800" })])).rejects.toBeInstanceOf(BillFormatError);
    await expect(rows([line({ ...payment, 27: "777000000000000" })])).rejects.toBeInstanceOf(BillFormatError);
    await expect(rows([line({ ...payment, 0: "S99" })])).rejects.toBeInstanceOf(BillFormatError);
  });
});
