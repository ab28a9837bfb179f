// The baseline: a bare node:http + pg server doing the same SQL as the Open API's hot paths
// (nonce insert + order insert; nonce insert + primary-key select), with no framework at all.
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";

export async function startBaselineServer(databaseUrl: string, appId: string, merchantId: string): Promise<{ url: string; close(): Promise<void> }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  let seq = 0;
  const server: Server = createServer(async (req, res) => {
    try {
      const nonce = randomBytes(12).toString("hex");
      await pool.query(`INSERT INTO "ApiNonce" ("appId", nonce, "expiresAt") VALUES ($1, $2, now() + interval '10 minutes') ON CONFLICT DO NOTHING`, [appId, nonce]);
      if (req.method === "POST") {
        for await (const _chunk of req) {
          // drain the body
        }
        const no = `PB${process.pid}${Date.now()}${seq++}`;
        const { rows } = await pool.query(
          `INSERT INTO "PayOrder" ("payOrderNo", "merchantId", "appId", "mchOrderNo", amount, currency, subject, "expireInSeconds", "expiresAt", "paramsHash", "updatedAt")
           VALUES ($1, $2, $3, $1, 12800, 'CNY', 'bench', 1800, now() + interval '30 minutes', 'x', now()) RETURNING *`,
          [no, merchantId, appId],
        );
        res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify(rows[0], (_k, v) => (typeof v === "bigint" ? Number(v) : v)));
      } else {
        const payOrderNo = (req.url ?? "").split("/").pop();
        const { rows } = await pool.query(`SELECT * FROM "PayOrder" WHERE "payOrderNo" = $1`, [payOrderNo]);
        res.writeHead(rows[0] ? 200 : 404, { "content-type": "application/json" }).end(JSON.stringify(rows[0] ?? {}));
      }
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}
