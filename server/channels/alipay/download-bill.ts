import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fetch } from "undici";
import { z } from "zod";
import { guardedDispatcher } from "@/server/net/outbound-guard";
import { spoolBill } from "../bill-spool";
import { ChannelRejectedError, ChannelUnavailableError } from "../errors";
import type { BillDownload, BillRow } from "../types";
import { readAlipayBill } from "./bill";
import { type AlipayContext, callAlipay } from "./client";

/** A bill's download may take longer than an API call (a million lines zipped are tens of MB). */
const DOWNLOAD_BUDGET_MS = 10 * 60_000;

const billUrlAnswer = z.object({ bill_download_url: z.string().url() });

/**
 * The trade bill of a day (FIELD-NOTES A3): alipay.data.dataservice.bill.downloadurl.query through
 * the official SDK (signed, answer verified), then a plain GET of the link at once (it lives 30 s),
 * through the SSRF guard. The zip goes to a temporary file (a zip is read from its end), its rows
 * stream from there, and the file is removed when the iteration ends. Alipay announces no digest:
 * ours is the SHA-1 of the zip as downloaded.
 */
export async function downloadAlipayBill(ctx: AlipayContext, date: string): Promise<BillDownload | null> {
  let link: z.infer<typeof billUrlAnswer>;
  try {
    link = await callAlipay(ctx, "alipay.data.dataservice.bill.downloadurl.query", { bill_type: "trade", bill_date: date }, billUrlAnswer);
  } catch (error) {
    // no bill for the day (nothing happened): isp.bill_not_exist
    if (error instanceof ChannelRejectedError && error.code === "isp.bill_not_exist") return null;
    throw error;
  }
  let response;
  try {
    response = await fetch(link.bill_download_url, { dispatcher: guardedDispatcher(ctx.outbound), signal: AbortSignal.timeout(Math.max(ctx.timeoutMs, DOWNLOAD_BUDGET_MS)) });
  } catch (error) {
    throw new ChannelUnavailableError(`the ${date} Alipay bill could not be downloaded: ${(error as Error).message}`, "BILL_DOWNLOAD_FAILED", { cause: error });
  }
  if (response.status !== 200 || !response.body) {
    const text = (await response.text().catch(() => "")).slice(0, 200);
    throw new ChannelUnavailableError(`the ${date} Alipay bill download answered ${response.status}: ${text}`, "BILL_DOWNLOAD_FAILED");
  }
  const file = await spoolBill(Readable.fromWeb(response.body as import("node:stream/web").ReadableStream), "alipay");
  const hash = createHash("sha1");
  await pipeline(createReadStream(file.path), hash);
  async function* rows(): AsyncGenerator<BillRow> {
    try {
      yield* readAlipayBill(file.path);
    } finally {
      await file.remove();
    }
  }
  return { digest: hash.digest("hex"), rows: rows() };
}

