import { randomUUID } from "node:crypto";
import { unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import JSZip from "jszip";
import { afterEach, describe, expect, it } from "vitest";
import type { BillRow } from "../types";
import { readAlipayBill } from "./bill";

/**
 * Alipay trade bills as Alipay writes them (FIELD-NOTES A3): a zip whose entry names are GBK without
 * the UTF-8 flag, two GBK CSV files with `#` preamble and footer, trailing tabs, negative refunds.
 */

const PID = "20880211096256330156";
const HEADER =
  "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注";
const PAYMENT =
  "2019091622001458860515315453\t,service_1568601259302\t,交易\t,下单测试,2019-09-16 10:55:16,2019-09-16 10:55:23,alipay_store\t,alipay_store\t,alipay\t,\t,*津水(602***@qq.com)\t,100.01,100.01,0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,\t,-0.55,0.00,下单测试";
const REFUND =
  "2019091622001458860515315453\t,service_1568601259302\t,退款\t,下单测试,2019-09-16 10:55:16,2019-09-16 10:56:48,alipay_store\t,alipay_store\t,alipay\t,\t,*津水(602***@qq.com)\t,-0.01,-0.01,0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,re_test_1568602607356\t,0.00,0.00,下单测试";
const REFUND_WITHOUT_REQUEST_NO =
  "2019091622001458860515315999\t,service_2\t,退款\t,\"商品, 带逗号\",2019-09-16 11:00:00,2019-09-16 23:59:59,\t,\t,\t,\t,\t ,-5.00,-5.00,0.00,0.00,0.00,0.00,0.00,,0.00\t,0.00,\t,0.03,0.00,";

const preamble = (title: string) => [`#支付宝${title}查询`, `#账号：[${PID}]`, "#起始日期：[2019年09月16日 00:00:00]   终止日期：[2019年09月17日 00:00:00]"];

function detailFile(rows: string[], footer = { trades: "1笔，商家实收共100.01元", refunds: "2笔，商家实收退款共-5.01元" }) {
  return [
    ...preamble("业务明细"),
    "#-----------------------------------------业务明细列表----------------------------------------",
    HEADER,
    ...rows,
    "#-----------------------------------------业务明细列表结束------------------------------------",
    `#交易合计：${footer.trades}，商家优惠共0.00元`,
    `#退款合计：${footer.refunds}，商家优惠退款共0.00元`,
    "#导出时间：[2019年09月17日 05:46:49]",
  ];
}

function summaryFile(total = "合计,,1,2,95.00,95.00,0.00,0.00,0.00,-0.52,0.00,94.48") {
  return [
    ...preamble("业务汇总"),
    "#-----------------------------------------业务汇总列表-----------------------------------------",
    "门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）,支付宝优惠（元）,商家优惠（元）,卡消费金额（元）,服务费（元）,分润（元）,实收净额（元）",
    "alipay_store\t,alipay_store\t,1,1,100.00,100.00,0.00,0.00,0.00,-0.55,0.00,99.45",
    total,
    "#-----------------------------------------业务汇总列表结束---------------------------------------",
    "#导出时间：[2019年09月17日 05:46:49]",
  ];
}

const files: string[] = [];
afterEach(async () => {
  await Promise.all(files.splice(0).map((file) => unlink(file).catch(() => undefined)));
});

async function zipOf(entries: Record<string, string[] | undefined>): Promise<string> {
  const zip = new JSZip();
  for (const [name, lines] of Object.entries(entries)) {
    if (lines) zip.file(name, iconv.encode(`${lines.join("\r\n")}\r\n`, "gbk"));
  }
  const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", encodeFileName: (name) => iconv.encode(name, "gbk") as unknown as string });
  const path = join(tmpdir(), `alipay-bill-test-${randomUUID()}.zip`);
  await writeFile(path, bytes);
  files.push(path);
  return path;
}

const names = { detail: `${PID}_20190916_业务明细.csv`, summary: `${PID}_20190916_业务明细(汇总).csv` };

async function rowsOf(path: string): Promise<BillRow[]> {
  const rows: BillRow[] = [];
  for await (const row of readAlipayBill(path)) rows.push(row);
  return rows;
}

describe("alipay trade bill reader", () => {
  it("reads GBK files in a zip with GBK names: payments, negative refunds, trailing tabs gone, fees in the journal's sign", async () => {
    const path = await zipOf({ [names.detail]: detailFile([PAYMENT, REFUND, REFUND_WITHOUT_REQUEST_NO]), [names.summary]: summaryFile("合计,,1,2,95.00,95.00,0.00,0.00,0.00,-0.52,0.00,94.48") });
    expect(await rowsOf(path)).toEqual([
      {
        kind: "payment",
        outTradeNo: "service_1568601259302",
        channelTradeNo: "2019091622001458860515315453",
        amount: 10_001n,
        fee: 55n,
        currency: "CNY",
        state: "SUCCEEDED",
        channelState: "交易",
        occurredAt: new Date("2019-09-16T02:55:23Z"),
      },
      {
        kind: "refund",
        outTradeNo: "service_1568601259302",
        outRefundNo: "re_test_1568602607356",
        channelTradeNo: "2019091622001458860515315453",
        amount: -1n,
        fee: 0n,
        currency: "CNY",
        state: "SUCCEEDED",
        channelState: "退款",
        occurredAt: new Date("2019-09-16T02:56:48Z"),
      },
      {
        kind: "refund",
        outTradeNo: "service_2",
        // no out_request_no: Alipay filed the refund under the out_trade_no
        outRefundNo: "service_2",
        channelTradeNo: "2019091622001458860515315999",
        amount: -500n,
        fee: -3n,
        currency: "CNY",
        state: "SUCCEEDED",
        channelState: "退款",
        occurredAt: new Date("2019-09-16T15:59:59Z"),
      },
    ]);
  });

  it("finds columns by name, whatever their order and with extra columns", async () => {
    const cells = (line: string) => line.split(",");
    const order = cells(HEADER).map((_, i) => i).reverse();
    const reorder = (line: string) => [...order.map((i) => cells(line)[i]), "extra"].join(",");
    const footer = { trades: "1笔，商家实收共100.01元", refunds: "1笔，商家实收退款共-0.01元" };
    const reordered = await zipOf({
      [names.detail]: detailFile([PAYMENT, REFUND].map(reorder), footer).map((line) => (line === HEADER ? reorder(HEADER).replace(/extra$/, "实收净额（元）") : line)),
      [names.summary]: summaryFile("合计,,1,1,100.00,100.00,0.00,0.00,0.00,-0.55,0.00,99.45"),
    });
    const plain = await zipOf({ [names.detail]: detailFile([PAYMENT, REFUND], footer), [names.summary]: summaryFile("合计,,1,1,100.00,100.00,0.00,0.00,0.00,-0.55,0.00,99.45") });
    expect(await rowsOf(reordered)).toEqual(await rowsOf(plain));
    expect(await rowsOf(plain)).toHaveLength(2);
  });

  it("refuses a bill whose summary or footer disagrees with its lines", async () => {
    const detail = detailFile([PAYMENT, REFUND, REFUND_WITHOUT_REQUEST_NO]);
    for (const total of [
      "合计,,2,2,95.00,95.00,0.00,0.00,0.00,-0.52,0.00,94.48",
      "合计,,1,1,95.00,95.00,0.00,0.00,0.00,-0.52,0.00,94.48",
      "合计,,1,2,95.01,95.00,0.00,0.00,0.00,-0.52,0.00,94.48",
      "合计,,1,2,95.00,95.00,0.00,0.00,0.00,-0.55,0.00,94.48",
    ]) {
      const path = await zipOf({ [names.detail]: detail, [names.summary]: summaryFile(total) });
      await expect(rowsOf(path), total).rejects.toMatchObject({ name: "BillFormatError", code: "BILL_TOTALS_MISMATCH" });
    }
    const wrongFooter = detailFile([PAYMENT, REFUND, REFUND_WITHOUT_REQUEST_NO], { trades: "1笔，商家实收共100.00元", refunds: "2笔，商家实收退款共-5.01元" });
    await expect(rowsOf(await zipOf({ [names.detail]: wrongFooter, [names.summary]: summaryFile() }))).rejects.toMatchObject({ code: "BILL_TOTALS_MISMATCH" });
  });

  it("refuses a truncated bill: detail cut before its footer, summary without 合计, a file missing", async () => {
    const cut = detailFile([PAYMENT, REFUND, REFUND_WITHOUT_REQUEST_NO]).slice(0, -4);
    await expect(rowsOf(await zipOf({ [names.detail]: cut, [names.summary]: summaryFile() }))).rejects.toMatchObject({ code: "BILL_TRUNCATED" });
    const full = detailFile([PAYMENT, REFUND, REFUND_WITHOUT_REQUEST_NO]);
    await expect(rowsOf(await zipOf({ [names.detail]: full, [names.summary]: summaryFile().slice(0, -3) }))).rejects.toMatchObject({ code: "BILL_TRUNCATED" });
    await expect(rowsOf(await zipOf({ [names.detail]: full }))).rejects.toMatchObject({ code: "BILL_TRUNCATED" });
    const notZip = join(tmpdir(), `alipay-bill-test-${randomUUID()}.zip`);
    await writeFile(notZip, "not a zip");
    files.push(notZip);
    await expect(rowsOf(notZip)).rejects.toMatchObject({ code: "BILL_UNREADABLE" });
  });

  it("refuses malformed lines: an unknown 业务类型, a refund with a positive amount, amounts with 3 decimals", async () => {
    const withRows = (rows: string[]) => zipOf({ [names.detail]: detailFile(rows), [names.summary]: summaryFile() });
    await expect(rowsOf(await withRows([PAYMENT.replace("交易\t", "冻结\t")]))).rejects.toThrow(/冻结/);
    await expect(rowsOf(await withRows([REFUND.replace(",-0.01,-0.01,", ",0.01,0.01,")]))).rejects.toMatchObject({ code: "BILL_BAD_AMOUNT" });
    await expect(rowsOf(await withRows([PAYMENT.replace(",100.01,100.01,", ",100.011,100.01,")]))).rejects.toThrow(/more than 2 decimals/);
  });
});
