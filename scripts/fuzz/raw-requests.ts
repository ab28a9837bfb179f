// Requests fetch() cannot send (a Host that makes no URL, `OPTIONS *`, absolute-form targets, bare
// chunked forms), written to a socket as they are; each must still get an answer below 500 within 10 s.
import { connect } from "node:net";
import type { Outcome, Tally } from "../../server/testing/fuzz/send.ts";

const RAW_REQUESTS = [
  "GET /api/v1/pay-orders/P1 HTTP/1.1\r\nHost: a b[\r\n",
  "GET /pay/P1 HTTP/1.1\r\nHost: a b[\r\n",
  "GET /api/trpc/viewer.me HTTP/1.1\r\nHost: [\r\n",
  "GET http://evil.example/api/v1/pay-orders/P1 HTTP/1.1\r\nHost: x\r\n",
  "GET http://evil.example/pay/P1 HTTP/1.1\r\nHost: x\r\n",
  "OPTIONS * HTTP/1.1\r\nHost: x\r\n",
  "POST /pay/P1 HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=x\r\nTransfer-Encoding: chunked\r\n",
  "POST /api/v1/pay-orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
  "GET /api/v1/pay-orders/%ZZ HTTP/1.0\r\n",
];

function send(port: number, head: string): Promise<Outcome> {
  const started = performance.now();
  const chunked = head.includes("chunked");
  return new Promise((resolve) => {
    let answer = "";
    // written, not ended: Next.js takes a client that half-closes for one that left, and renders nothing
    const socket = connect(port, "127.0.0.1", () => socket.write(`${head}Connection: close\r\n\r\n${chunked ? "5\r\nhello\r\n0\r\n\r\n" : ""}`));
    const timer = setTimeout(() => socket.destroy(), 10_000);
    const done = () => {
      clearTimeout(timer);
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0);
      resolve({ status, ms: performance.now() - started, problem: status === 0 || status >= 500 ? `answered ${answer.split("\r\n")[0] || "nothing"}` : undefined });
    };
    socket.on("data", (chunk) => (answer += chunk)).on("close", done).on("error", () => undefined);
  });
}

export async function sendRawRequests(port: number, tally: Tally): Promise<void> {
  for (const head of RAW_REQUESTS) tally.record({ area: "raw", method: head.split(" ")[0], path: head.split("\r\n")[0] }, await send(port, head));
}
