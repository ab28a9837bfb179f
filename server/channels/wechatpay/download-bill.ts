import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { spoolBill } from "../bill-spool";
import { ChannelRejectedError, ChannelUnavailableError } from "../errors";
import type { BillDownload, BillRow, ChannelContext } from "../types";
import { readTradeBill } from "./bill";
import { callWechatpay, isRejectedWith } from "./client";
import type { WechatpayCredentials } from "./credentials";
import { tradeBillSchema } from "./transformers";

/** A bill's download may take longer than an API call: a million lines are some 300 MB (gzip: a tenth). */
const DOWNLOAD_BUDGET_MS = 10 * 60_000;
/** WeChat Pay answers the apply at once; a simulated channel cutting a million-line bill takes longer. In a job, never on a request's path. */
const APPLY_BUDGET_MS = 2 * 60_000;

/** The bill's download_url as a path below the base URL: signed requests never leave the API host. */
function downloadTarget(baseUrl: string, downloadUrl: string) {
  const base = new URL(baseUrl);
  const target = new URL(downloadUrl);
  const basePath = base.pathname.replace(/\/$/, "");
  if (target.origin !== base.origin || !target.pathname.startsWith(`${basePath}/`)) {
    throw new ChannelRejectedError(`bill download_url ${target.origin}${target.pathname} is outside ${baseUrl}`);
  }
  return { path: target.pathname.slice(basePath.length), params: Object.fromEntries(target.searchParams) };
}

async function sha1Of(file: Readable): Promise<string> {
  const hash = createHash("sha1");
  await pipeline(file, hash);
  return hash.digest("hex");
}

/**
 * The trade bill of a day (FIELD-NOTES A1): apply (`GET /v3/bill/tradebill`, gzip asked for), then
 * download at once (the URL lives 30 s), signed, unsigned answer. The file goes to a temporary file,
 * its SHA-1 — over the uncompressed bill, as WeChat Pay computes it — is checked before any row is
 * read, then the rows stream from the file and the file is removed when the iteration ends.
 */
export async function downloadTradeBill(ctx: ChannelContext<WechatpayCredentials>, date: string): Promise<BillDownload | null> {
  let bill;
  try {
    bill = tradeBillSchema.parse(
      await callWechatpay<unknown>(ctx, {
        method: "GET",
        path: "/v3/bill/tradebill",
        params: { bill_date: date, bill_type: "ALL", tar_type: "GZIP" },
        timeoutMs: Math.max(ctx.timeoutMs, APPLY_BUDGET_MS),
      }),
    );
  } catch (error) {
    if (isRejectedWith(error, "NO_STATEMENT_EXIST")) return null;
    // generated from 09:00 the next day: try later
    if (isRejectedWith(error, "STATEMENT_CREATING")) throw new ChannelUnavailableError(`the ${date} bill is being generated: try later`, "STATEMENT_CREATING", { cause: error });
    throw error;
  }
  const target = downloadTarget(ctx.baseUrl, bill.download_url);
  let download: Readable;
  try {
    download = await callWechatpay<Readable>(ctx, { method: "GET", ...target, responseType: "stream", timeoutMs: Math.max(ctx.timeoutMs, DOWNLOAD_BUDGET_MS) });
  } catch (error) {
    // a link refused (expired, say) is worth a new apply: try again later, as after any failed download
    if (error instanceof ChannelRejectedError) throw new ChannelUnavailableError(`the ${date} bill download was refused: ${error.message}`, error.code, { cause: error });
    throw error;
  }
  const file = await spoolBill(download, "wechatpay");
  const digest = bill.hash_value.toLowerCase();
  try {
    if ((await sha1Of(await file.open())) !== digest) {
      throw new ChannelUnavailableError(`the ${date} bill does not match its SHA1: download again`, "BILL_HASH_MISMATCH");
    }
  } catch (error) {
    await file.remove();
    if (error instanceof ChannelUnavailableError) throw error;
    // a gzip that does not inflate: a damaged download
    throw new ChannelUnavailableError(`the ${date} bill cannot be read back: ${(error as Error).message}`, "BILL_DOWNLOAD_DAMAGED", { cause: error });
  }
  async function* rows(): AsyncGenerator<BillRow> {
    try {
      yield* readTradeBill(await file.open());
    } finally {
      await file.remove();
    }
  }
  return { digest, rows: rows() };
}
