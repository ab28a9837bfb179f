import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BillFormatError } from "@/server/channels/errors";
import type { BillRow } from "@/server/channels/types";
import { createStagingTable, stageBillRows, STAGING_TABLE } from "./stage-bill";

/** The staging step against a real PostgreSQL: what COPY receives is what the bill said, byte for byte. */

// a connection of its own (the job takes one from the pool), ended before the file's database is dropped
let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
afterAll(() => client.end());

const row = (i: number, extra: Partial<BillRow> = {}): BillRow => ({
  kind: "payment",
  outTradeNo: `P${i}-1`,
  channelTradeNo: `42${i}`,
  amount: BigInt(i * 100),
  fee: BigInt(i),
  currency: "CNY",
  state: "SUCCEEDED",
  channelState: "SUCCESS",
  occurredAt: new Date(Date.UTC(2026, 2, 1, 2, 0, i, 123)),
  ...extra,
});

async function* rowsOf(rows: BillRow[], failAfter?: number) {
  for (const [i, r] of rows.entries()) {
    if (i === failAfter) throw new BillFormatError("the bill's summary disagrees with its rows");
    yield r;
  }
}

describe("stageBillRows", () => {
  it("stages rows as billed: refunds by out_refund_no, signs kept, text with tabs, backslashes and line breaks intact, times in UTC", async () => {
    await createStagingTable(client);
    const tricky = "退款\tSUCCESS\\N\r\nnext";
    const progress: number[] = [];
    const many = Array.from({ length: 45_000 }, (_, i) => row(i + 10));
    const staged = await stageBillRows(
      client,
      rowsOf([
        row(1, { channelState: tricky }),
        row(2, { kind: "refund", outRefundNo: "R2", amount: -150n, fee: -1n, state: "PROCESSING", channelState: "PROCESSING", channelTradeNo: "" }),
        ...many,
      ]),
      async (count) => {
        progress.push(count);
      },
    );
    expect(staged).toBe(45_002);
    expect(progress).toEqual([20_000, 40_000]);
    const { rows } = await client.query(
      `SELECT kind, out_no, out_trade_no, channel_trade_no, amount::text, fee::text, currency, state, channel_state, occurred_at::text
       FROM ${STAGING_TABLE} WHERE out_trade_no IN ('P1-1', 'P2-1') ORDER BY out_trade_no`,
    );
    expect(rows).toEqual([
      { kind: "payment", out_no: "P1-1", out_trade_no: "P1-1", channel_trade_no: "421", amount: "100", fee: "1", currency: "CNY", state: "SUCCEEDED", channel_state: tricky, occurred_at: "2026-03-01 02:00:01.123" },
      { kind: "refund", out_no: "R2", out_trade_no: "P2-1", channel_trade_no: null, amount: "-150", fee: "-1", currency: "CNY", state: "PROCESSING", channel_state: "PROCESSING", occurred_at: "2026-03-01 02:00:02.123" },
    ]);
  });

  it("a bill that fails mid-stream rejects with its error, leaves the connection usable, and a retry starts from an empty table", async () => {
    await createStagingTable(client);
    const rows = Array.from({ length: 10_000 }, (_, i) => row(i));
    await expect(stageBillRows(client, rowsOf(rows, 7_000))).rejects.toBeInstanceOf(BillFormatError);
    expect((await client.query("SELECT 1 AS ok")).rows).toEqual([{ ok: 1 }]);
    await createStagingTable(client);
    expect((await client.query(`SELECT count(*)::int AS n FROM ${STAGING_TABLE}`)).rows[0].n).toBe(0);
    expect(await stageBillRows(client, rowsOf(rows))).toBe(10_000);
  });

  it("refuses a refund row without its out_refund_no", async () => {
    await createStagingTable(client);
    await expect(stageBillRows(client, rowsOf([row(1, { kind: "refund" })]))).rejects.toThrow(/without its out_no/);
    expect((await client.query("SELECT 1 AS ok")).rows).toEqual([{ ok: 1 }]);
  });
});
