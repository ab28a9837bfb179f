import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { BillRow } from "@/server/channels/types";

/**
 * The bill's rows, staged for the one matching join (docs/adr/0016): a temporary table of the job's
 * own connection, filled with COPY while the plugin streams the file. Temporary, so a crashed run
 * leaves nothing behind and two runs never see each other's rows; a rerun starts from an empty table.
 * Nothing of the bill is held in memory beyond one batch of lines.
 */

export const STAGING_TABLE = "recon_bill";

/** Rows per COPY chunk, and how often progress is reported. */
const BATCH_ROWS = 2_000;
export const PROGRESS_EVERY_ROWS = 20_000;

export async function createStagingTable(client: pg.ClientBase): Promise<void> {
  await client.query(`DROP TABLE IF EXISTS ${STAGING_TABLE}`);
  await client.query(`CREATE TEMP TABLE ${STAGING_TABLE} (
    kind text NOT NULL,
    out_no text NOT NULL,
    out_trade_no text NOT NULL,
    channel_trade_no text,
    amount bigint NOT NULL,
    fee bigint NOT NULL,
    currency char(3) NOT NULL,
    state text NOT NULL,
    channel_state text NOT NULL,
    occurred_at timestamp(3) NOT NULL
  )`);
}

/** COPY's text format: backslash, tab and line breaks escaped. */
function field(value: string | undefined | null): string {
  if (value === undefined || value === null || value === "") return "\\N";
  return value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

/** UTC wall-clock time, as the journal's `timestamp(3)` columns hold it. */
function utcText(at: Date): string {
  return at.toISOString().slice(0, 23).replace("T", " ");
}

export function copyLine(row: BillRow): string {
  const outNo = row.kind === "refund" ? row.outRefundNo : row.outTradeNo;
  if (!outNo) throw new Error(`a ${row.kind} row without its out_no (${row.outTradeNo})`);
  return `${[
    row.kind,
    field(outNo),
    field(row.outTradeNo),
    field(row.channelTradeNo),
    row.amount.toString(),
    row.fee.toString(),
    row.currency,
    row.state,
    field(row.channelState),
    utcText(row.occurredAt),
  ].join("\t")}\n`;
}

/**
 * Streams the rows into the staging table; `onProgress` is called every PROGRESS_EVERY_ROWS rows
 * (and awaited: the COPY waits while the progress is written). Returns the number of rows staged.
 */
export async function stageBillRows(
  client: pg.ClientBase,
  rows: AsyncIterable<BillRow>,
  onProgress?: (staged: number) => Promise<void>,
): Promise<number> {
  let staged = 0;
  async function* lines() {
    let batch = "";
    let inBatch = 0;
    for await (const row of rows) {
      batch += copyLine(row);
      staged++;
      if (++inBatch === BATCH_ROWS) {
        yield batch;
        batch = "";
        inBatch = 0;
      }
      if (onProgress && staged % PROGRESS_EVERY_ROWS === 0) await onProgress(staged);
    }
    if (batch) yield batch;
  }
  await pipeline(Readable.from(lines()), client.query(copyFrom(`COPY ${STAGING_TABLE} FROM STDIN`)));
  await client.query(`ANALYZE ${STAGING_TABLE}`);
  return staged;
}
