// The chaos run's webhook receiver: a business system's endpoint on the loopback address that checks
// each delivery's signature, records when every event first arrived, and now and then answers 500 so
// that retries are exercised too.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhookSignature } from "../../server/domain/webhook-signature.ts";

export type Receiver = {
  url: string;
  /** First accepted (2xx) arrival per event id. */
  arrivals: Map<string, number>;
  stats: { requests: number; duplicates: number; refused: number; badSignatures: number };
  close(): Promise<void>;
};

export async function startReceiver(secrets: Map<string, string>, options: { failPerMille: number }): Promise<Receiver> {
  const arrivals = new Map<string, number>();
  const refusedOnce = new Set<string>();
  const stats = { requests: 0, duplicates: 0, refused: 0, badSignatures: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      stats.requests++;
      const body = Buffer.concat(chunks).toString("utf8");
      const eventId = String(req.headers["x-paycenter-event-id"] ?? "");
      const appId = new URL(req.url ?? "/", "http://x").searchParams.get("app") ?? "";
      const secret = secrets.get(appId);
      if (!secret || !verifyWebhookSignature(secret, body, String(req.headers["x-paycenter-signature"] ?? ""), Math.floor(Date.now() / 1000))) {
        stats.badSignatures++;
        res.writeHead(401).end("bad signature");
        return;
      }
      // A small share of first arrivals is refused: the delivery must come again, on the retry schedule.
      if (!arrivals.has(eventId) && !refusedOnce.has(eventId) && Math.random() * 1000 < options.failPerMille) {
        refusedOnce.add(eventId);
        stats.refused++;
        res.writeHead(500).end("try again");
        return;
      }
      if (arrivals.has(eventId)) stats.duplicates++;
      else arrivals.set(eventId, Date.now());
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
    arrivals,
    stats,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
