import { deflateSync } from "node:zlib";
import iconv from "iconv-lite";
import JSZip from "jszip";
import { beijingDayRange } from "@/server/domain/reconciliation";
import type { SandboxMerchant } from "@/server/generated/prisma/client.ts";
import { type BillEntry, billEntries } from "../bill-entries";
import { parseFaults } from "../faults";
import { readForm } from "./gateway";
import { type AcpFields, acpVerify, answerBody, beijingStamp, signedByUnionpay } from "./wire";
import { findSandboxMerchant } from "../trades";
import { openSandboxKeys } from "../keys";

/**
 * The file transfer service (76/01, fileType 00): the day's zip — the ZM detail file
 * INN<yyMMdd>88ZM_<merId>, GBK, fixed-width fields separated by a space — deflated and base64 in
 * the signed answer's fileContent; 98 when the day has no transaction. Written from the books
 * (bill-entries.ts, the merchant's bill edits included) independently of the plugin's reader.
 * The sandbox charges 0.50 % (the seeded UnionPay account's rate). A status edit on a payment adds
 * its undo (S31) line; on a refund it changes nothing.
 */

export const FEE_RATE_BPS = 50;

/** The 42 fields' byte widths (商户一般交易明细流水文件). */
const WIDTHS = [3, 11, 11, 6, 10, 19, 12, 4, 2, 21, 2, 32, 2, 6, 10, 13, 13, 4, 15, 2, 2, 6, 2, 4, 32, 1, 21, 15, 1, 15, 32, 13, 13, 8, 32, 13, 13, 12, 2, 1, 32, 99];

/** A GBK field padded with spaces to `width` bytes (cut on a character boundary when too long). */
function cell(text: string, width: number): Buffer {
  let bytes = iconv.encode(text, "gbk");
  let chars = text;
  while (bytes.length > width) {
    chars = chars.slice(0, -1);
    bytes = iconv.encode(chars, "gbk");
  }
  return Buffer.concat([bytes, Buffer.alloc(width - bytes.length, 0x20)]);
}

const digits = (value: bigint, width: number) => value.toString().padStart(width, "0");
/** X+n12: C credit to the merchant, D debit. */
const signed = (value: bigint) => `${value < 0n ? "D" : "C"}${digits(value < 0n ? -value : value, 12)}`;

type Line = { code: "S22" | "S30" | "S31"; entry: BillEntry; queryId: string; orderId: string; origQryId: string; origOrderId: string; amount: bigint; fee: bigint };

function zmLine(line: Line, merId: string): Buffer {
  const { entry } = line;
  const traceTime = beijingStamp(entry.at).slice(4);
  const payment = line.code === "S22";
  // the merchant's view: a payment's fee is debited (D), a refund's returned fee credited (C)
  const merchantFee = -line.fee;
  const settle = payment ? line.amount - line.fee : -(line.amount - -line.fee);
  const values = [
    line.code, "00049992900", "00049992900", line.queryId.slice(-6), traceTime, entry.payerId ?? "", digits(line.amount, 12), "5311", "07",
    line.queryId, "", line.orderId, "01", payment ? "" : line.origQryId.slice(-6), payment ? "" : traceTime, signed(merchantFee), signed(settle),
    "0001", "", payment ? "01" : line.code === "S30" ? "04" : "31", payment ? "01" : "00", "000201", "01", "", "", "", payment ? "" : line.origQryId,
    merId, "", "", entry.subject, "", signed(settle), "", "", "", "", "", "", "", payment ? "" : line.origOrderId, "",
  ];
  return Buffer.concat([...values.flatMap((value, i) => (i ? [Buffer.from(" "), cell(value, WIDTHS[i])] : [cell(value, WIDTHS[i])])), Buffer.from("\r\n")]);
}

function* linesOf(entry: BillEntry): Generator<Line> {
  if (entry.kind === "payment") {
    const base = { entry, origQryId: entry.channelTradeNo, origOrderId: entry.outTradeNo, amount: entry.amount };
    yield { ...base, code: "S22", queryId: entry.channelTradeNo, orderId: entry.outTradeNo, fee: entry.fee };
    if (entry.flipped) yield { ...base, code: "S31", queryId: `${entry.channelTradeNo.slice(0, 14)}9${entry.channelTradeNo.slice(-6)}`, orderId: `U${entry.outTradeNo}`.slice(0, 40), fee: -entry.fee };
    return;
  }
  yield {
    entry,
    code: "S30",
    queryId: entry.channelRefundNo ?? "",
    orderId: entry.outRefundNo ?? "",
    origQryId: entry.channelTradeNo,
    origOrderId: entry.outTradeNo,
    amount: entry.amount,
    fee: entry.fee,
  };
}

/** The settlement date MMDD as the latest such day up to today (Beijing): yyyy-MM-dd. */
export function settleDay(mmdd: string, now = new Date()): string | null {
  if (!/^\d{4}$/.test(mmdd)) return null;
  const today = beijingStamp(now).slice(0, 8);
  let year = Number(today.slice(0, 4));
  if (`${mmdd}` > today.slice(4)) year -= 1;
  const day = `${year}-${mmdd.slice(0, 2)}-${mmdd.slice(2)}`;
  const check = new Date(`${day}T00:00:00+08:00`);
  return Number.isNaN(check.getTime()) || beijingStamp(check).slice(4, 8) !== mmdd ? null : day;
}

async function zipOfDay(merchant: SandboxMerchant, billDate: string): Promise<Buffer | null> {
  const merId = merchant.channelMchId;
  const chunks: Buffer[] = [];
  const entries = billEntries({ sandboxMerchantId: merchant.id, billDate, asOf: new Date(), feeRateBps: FEE_RATE_BPS, edits: parseFaults(merchant.faults).billEdits });
  for await (const entry of entries) for (const line of linesOf(entry)) chunks.push(zmLine(line, merId));
  if (chunks.length === 0) return null;
  const yymmdd = billDate.replaceAll("-", "").slice(2);
  const zip = new JSZip();
  const date = new Date(beijingDayRange(billDate).to.getTime() + 8 * 3_600_000);
  zip.file(`INN${yymmdd}88ZM_${merId}`, Buffer.concat(chunks), { binary: true, date });
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** POST filedownload: 76/01, signed like every request. */
export async function fileTrans(request: Request): Promise<Response> {
  const fields = await readForm(request);
  const reply = (body: AcpFields) => new Response(answerBody(body), { status: 200, headers: { "content-type": "text/plain;charset=UTF-8" } });
  const echo: AcpFields = { version: fields.version ?? "", encoding: fields.encoding ?? "", txnType: "76", txnSubType: "01", bizType: "000000", accessType: "0", merId: fields.merId ?? "", txnTime: fields.txnTime ?? "", settleDate: fields.settleDate ?? "", fileType: fields.fileType ?? "" };
  const merchant = fields.merId ? await findSandboxMerchant("unionpay", fields.merId) : null;
  if (!merchant) return reply({ ...echo, respCode: "14", respMsg: "商户不存在" });
  const keys = openSandboxKeys(merchant);
  if (fields.certId !== keys.merchantCertificateId || !acpVerify(fields, keys.merchantPublicKeyPem)) return reply({ ...echo, respCode: "11", respMsg: "验证签名失败" });
  const answer = (extra: AcpFields) => reply(signedByUnionpay({ ...echo, ...extra }, keys));
  if (fields.txnType !== "76" || fields.txnSubType !== "01" || fields.fileType !== "00") return answer({ respCode: "10", respMsg: "报文格式错误" });
  const day = settleDay(fields.settleDate ?? "");
  if (!day) return answer({ respCode: "10", respMsg: "清算日期格式错误" });
  const zip = await zipOfDay(merchant, day);
  if (!zip) return answer({ respCode: "98", respMsg: "文件不存在" });
  return answer({ respCode: "00", respMsg: "成功[0000000]", fileName: `${day.replaceAll("-", "")}_${merchant.channelMchId}.zip`, fileContent: deflateSync(zip).toString("base64") });
}
