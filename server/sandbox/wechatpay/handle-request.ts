import { Readable } from "node:stream";
import { answerWechatpayCall } from "./api";
import { handleWechatOAuth } from "./oauth";

/** HTTP in and out of the simulated WeChat Pay; the logic is in api.ts. The body is read as the exact text signed. */
export async function handleWechatpaySandboxRequest(request: Request, path: string[]): Promise<Response> {
  // the official account's OAuth (open.weixin.qq.com / api.weixin.qq.com): unsigned, WeChat's own hosts
  const oauth = await handleWechatOAuth(request, path);
  if (oauth) return oauth;
  const url = new URL(request.url);
  const answer = await answerWechatpayCall({
    method: request.method,
    route: path,
    pathAndQuery: `${url.pathname}${url.search}`,
    query: url.searchParams,
    authorization: request.headers.get("authorization"),
    serial: request.headers.get("wechatpay-serial"),
    body: request.method === "GET" ? "" : await request.text(),
  });
  const body = typeof answer.body === "string" ? answer.body : (Readable.toWeb(answer.body) as ReadableStream<Uint8Array>);
  return new Response(answer.status === 204 ? null : body, { status: answer.status, headers: answer.headers });
}
