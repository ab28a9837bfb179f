import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { inflateSync } from "node:zlib";
import { openZipEntries } from "../alipay/bill-zip";
import { spoolBill } from "../bill-spool";
import { BillFormatError, ChannelRejectedError, ChannelTimeoutError, ChannelUnavailableError } from "../errors";
import type { BillDownload, BillRow } from "../types";
import { parseAnswer } from "./acp";
import { readZm, type ZmTotals } from "./bill";
import { checkUnionpaySignature, postForm, signedAcpRequest, type UnionpayContext } from "./client";
import { toTxnTime } from "./transformers";

/**
 * The file transfer server beside the gateway: filedownload(.test).95516.com for UnionPay's hosts,
 * `…/filedownload/` beside `…/gateway/api` elsewhere (the sandbox, a self-hosted stand-in).
 */
export function fileTransUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (url.hostname === "gateway.95516.com") return "https://filedownload.95516.com/";
  if (url.hostname === "gateway.test.95516.com") return "https://filedownload.test.95516.com/";
  return `${baseUrl.replace(/\/gateway\/api\/?$/, "")}/filedownload/`;
}

/**
 * The day's file (FIELD-NOTES §E: txnType 76, txnSubType 01, bizType 000000, fileType 00,
 * settleDate MMDD): the answer is signed like any other and carries the zip, deflated and base64, in
 * fileContent. respCode 98: no file for the day. The zip goes to a temporary file, its ZM entry
 * streams from there. The digest is the SHA-1 of the zip.
 */
export async function downloadUnionpayBill(ctx: UnionpayContext, date: string): Promise<BillDownload | null> {
  const [, month, day] = date.split("-");
  const form = signedAcpRequest(ctx, { txnType: "76", txnSubType: "01", bizType: "000000", settleDate: `${month}${day}`, txnTime: toTxnTime(new Date()), fileType: "00" });
  const answer = parseAnswer(await postForm(ctx, fileTransUrl(ctx.baseUrl), form, "file transfer"));
  if (!answer.respCode) throw new ChannelTimeoutError("file transfer: unreadable answer", "OUTCOME_UNKNOWN");
  if (!answer.signature) throw new ChannelRejectedError(`file transfer refused: ${answer.respMsg ?? ""} (${answer.respCode})`, answer.respCode);
  const refused = checkUnionpaySignature(ctx, answer);
  if (refused) throw new ChannelUnavailableError(`file transfer: the answer failed verification (${refused})`, "SIGNATURE");
  if (answer.respCode === "98") return null;
  if (answer.respCode !== "00") throw new ChannelUnavailableError(`file transfer: ${answer.respMsg ?? ""} (${answer.respCode})`, answer.respCode);
  let zip: Buffer;
  try {
    zip = inflateSync(Buffer.from(answer.fileContent ?? "", "base64"));
  } catch (error) {
    throw new BillFormatError(`the ${date} UnionPay file does not inflate: ${(error as Error).message}`, "BILL_TRUNCATED");
  }
  const file = await spoolBill(Readable.from([zip]), "unionpay");
  const digest = createHash("sha1").update(zip).digest("hex");
  const yymmdd = date.replaceAll("-", "").slice(2);
  const merId = ctx.credentials.merId;
  async function* rows(): AsyncGenerator<BillRow> {
    const entries = await openZipEntries(file.path);
    try {
      const name = entries.names().find((entry) => entry === `INN${yymmdd}88ZM_${merId}`);
      if (!name) throw new BillFormatError(`the ${date} UnionPay file has no INN${yymmdd}88ZM_${merId}`, "BILL_TRUNCATED");
      const totals: ZmTotals = { payments: 0, paymentAmount: 0n, refunds: 0, refundAmount: 0n };
      yield* readZm(await entries.stream(name), date, merId, totals);
    } finally {
      entries.close();
      await file.remove();
    }
  }
  return { digest, rows: rows() };
}
