import { createHash, generateKeyPairSync } from "node:crypto";
import type { AxiosResponse } from "axios";
import { Aes, Formatter, Rsa, Wechatpay } from "wechatpay-axios-plugin";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WechatpayCredentials } from "@/server/channels/wechatpay/credentials";
import { seededWechatpayAccount, uniqueNo } from "@/server/channels/wechatpay/fixtures/seeded-account";
import { db } from "@/server/db";
import type { SandboxMerchant } from "@/server/generated/prisma/client.ts";
import { type Harness, startHttpHarness } from "@/server/testing/http-harness";
import { openSandboxKeys } from "../keys";
import { settleTrade } from "../trades";
import { wechatpaySandbox } from "./channel";

/**
 * The simulated WeChat Pay checked by the official SDK (wechatpay-axios-plugin), not by our plugin:
 * the SDK signs its requests its own way and verifies every 2xx answer's signature with the
 * channel's public key, so a request the sandbox misreads or an answer it signs wrongly fails here.
 */

let harness: Harness;
let credentials: WechatpayCredentials;
let merchant: SandboxMerchant;

beforeAll(async () => {
  harness = await startHttpHarness();
  ({ merchant, ctx: { credentials } } = await seededWechatpayAccount());
});
afterAll(() => harness.close());

function sdk({ privateKey = credentials.privateKeyPem, platformPublicKeyPem = credentials.platformPublicKeyPem } = {}) {
  return new Wechatpay({
    baseURL: `${harness.url}/api/sandbox/wechatpay/`,
    mchid: credentials.mchid,
    serial: credentials.serialNo,
    privateKey,
    certs: { [credentials.platformPublicKeyId]: platformPublicKeyPem },
  });
}

const otherKeys = () => generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });

/** The SDK's failure as `{status, code}` (its HTTP error) or its verification code (EV3_…). */
async function failure(call: Promise<unknown>) {
  const error = (await call.then(() => null, (e: unknown) => e)) as { code?: string; response?: AxiosResponse } | null;
  if (!error) throw new Error("the call succeeded");
  return { status: error.response?.status, code: error.response?.data?.code ?? error.code };
}

/** The SDK types an answer like its request body: read it as what WeChat Pay answers. */
const dataOf = <T>(response: { data: unknown }) => response.data as T;

function nativeOrder(outTradeNo: string, total = 1) {
  return {
    appid: credentials.appid,
    mchid: credentials.mchid,
    description: "SDK 对照测试",
    out_trade_no: outTradeNo,
    time_expire: `${new Date(Date.now() + 600_000 + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`,
    notify_url: `${harness.url}/api/notify/wechatpay/nowhere`,
    amount: { total, currency: "CNY" },
  };
}

describe("wechatpay sandbox checked by wechatpay-axios-plugin", () => {
  it("creates, queries and closes a Native order; the SDK verifies every answer", async () => {
    const wxpay = sdk();
    const outTradeNo = uniqueNo("SDK");
    const created = await wxpay.v3.pay.transactions.native.post(nativeOrder(outTradeNo));
    expect(created.status).toBe(200);
    expect(dataOf<{ code_url: string }>(created).code_url).toMatch(new RegExp(`^${harness.url}/sandbox/wechatpay/pay/42\\d{26}$`));

    const path = wxpay.v3.pay.transactions.outTradeNo.$out_trade_no$;
    const queried = await path.get({ params: { mchid: credentials.mchid }, out_trade_no: outTradeNo } as object);
    expect(queried.data).toMatchObject({ appid: credentials.appid, mchid: credentials.mchid, out_trade_no: outTradeNo, trade_type: "NATIVE", trade_state: "NOTPAY", amount: { total: 1 } });

    const closed = await path.close.post({ mchid: credentials.mchid }, { out_trade_no: outTradeNo } as object);
    expect(closed.status).toBe(204);
    const after = await path.get({ params: { mchid: credentials.mchid }, out_trade_no: outTradeNo } as object);
    expect(after.data.trade_state).toBe("CLOSED");

    const missing = path.get({ params: { mchid: credentials.mchid }, out_trade_no: "NO-SUCH-ORDER" } as object);
    expect(await failure(missing)).toEqual({ status: 404, code: "ORDER_NOT_EXIST" });
  });

  it("the SDK refuses the sandbox's answers when it holds another channel public key (the check is live)", async () => {
    const wxpay = sdk({ platformPublicKeyPem: otherKeys().publicKey });
    expect(await failure(wxpay.v3.pay.transactions.native.post(nativeOrder(uniqueNo("SDK"))))).toEqual({ status: 200, code: "EV3_RES_HEADER_SIGNATURE_DIGEST" });
  });

  it("rejects a request signed with another merchant key: 401 SIGN_ERROR, nothing created", async () => {
    const outTradeNo = uniqueNo("SDK");
    expect(await failure(sdk({ privateKey: otherKeys().privateKey }).v3.pay.transactions.native.post(nativeOrder(outTradeNo)))).toEqual({
      status: 401,
      code: "SIGN_ERROR",
    });
    expect(await db.sandboxTrade.count({ where: { outTradeNo } })).toBe(0);
  });

  it("refunds a paid order and serves the bill the SDK's own CSV reader parses", async () => {
    const wxpay = sdk();
    const outTradeNo = uniqueNo("SDK");
    await wxpay.v3.pay.transactions.native.post(nativeOrder(outTradeNo, 2_000));
    const trade = await db.sandboxTrade.findFirstOrThrow({ where: { sandboxMerchantId: merchant.id, outTradeNo } });
    await settleTrade(trade.id, "success");

    const outRefundNo = uniqueNo("SDKR");
    const refund = await wxpay.v3.refund.domestic.refunds.post({ transaction_id: trade.channelTradeNo, out_refund_no: outRefundNo, amount: { refund: 500, total: 2_000, currency: "CNY" } });
    expect(refund.data).toMatchObject({ out_refund_no: outRefundNo, out_trade_no: outTradeNo, status: "PROCESSING", amount: { refund: 500, total: 2_000 } });
    const queried = await wxpay.v3.refund.domestic.refunds.$out_refund_no$.get({ out_refund_no: outRefundNo } as object);
    expect(queried.data.refund_id).toBe(dataOf<{ refund_id: string }>(refund).refund_id);

    const billDate = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const bill = await wxpay.v3.bill.tradebill.get({ params: { bill_date: billDate, bill_type: "ALL" } });
    expect(bill.data).toMatchObject({ hash_type: "SHA1", download_url: expect.stringContaining("/v3/billdownload/file?token=") });
    const token = new URL(bill.data.download_url).searchParams.get("token");
    const file = await wxpay.v3.billdownload.file.get({ params: { token }, responseType: "arraybuffer" });
    const bytes = Buffer.from(file.data);
    expect(createHash("sha1").update(bytes).digest("hex")).toBe(bill.data.hash_value);
    const { rows, summary } = Formatter.castCsvBill(bytes) as { rows: Record<string, string>[]; summary: Record<string, string> };
    expect(rows.find((row) => row["商户订单号"] === outTradeNo)).toMatchObject({
      交易时间: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      微信订单号: trade.channelTradeNo,
      交易状态: "SUCCESS",
      订单金额: "20.00",
      手续费: "0.12000",
      费率: "0.60%",
    });
    expect(summary["总交易单数"]).toBe(String(rows.length));
  });

  it("sends notifications the SDK's primitives verify and decrypt offline", async () => {
    const outTradeNo = uniqueNo("SDK");
    await sdk().v3.pay.transactions.native.post(nativeOrder(outTradeNo, 321));
    const pending = await db.sandboxTrade.findFirstOrThrow({ where: { sandboxMerchantId: merchant.id, outTradeNo } });
    const trade = await settleTrade(pending.id, "success");
    const { url, headers, body } = wechatpaySandbox.paymentNotification({ merchant, keys: openSandboxKeys(merchant), trade });
    expect(url).toBe(`${harness.url}/api/notify/wechatpay/nowhere`);

    expect(headers["Wechatpay-Serial"]).toBe(credentials.platformPublicKeyId);
    const message = Formatter.response(headers["Wechatpay-Timestamp"], headers["Wechatpay-Nonce"], body);
    expect(Rsa.verify(message, headers["Wechatpay-Signature"], credentials.platformPublicKeyPem)).toBe(true);

    const envelope = JSON.parse(body);
    expect(envelope).toMatchObject({ id: trade.id, event_type: "TRANSACTION.SUCCESS", resource_type: "encrypt-resource", resource: { algorithm: "AEAD_AES_256_GCM", original_type: "transaction" } });
    const { ciphertext, nonce, associated_data } = envelope.resource;
    const transaction = JSON.parse(Aes.AesGcm.decrypt(ciphertext, credentials.apiV3Key, nonce, associated_data));
    expect(transaction).toMatchObject({
      appid: credentials.appid,
      mchid: credentials.mchid,
      out_trade_no: outTradeNo,
      transaction_id: trade.channelTradeNo,
      trade_state: "SUCCESS",
      amount: { total: 321, payer_total: 321, currency: "CNY" },
    });
  });
});
