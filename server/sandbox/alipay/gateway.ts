import { parseFaults, requestFaults } from "../faults";
import { openSandboxKeys } from "../keys";
import { findSandboxMerchant } from "../trades";
import { isBrowserMethod, isGatewayMethod, runMethod } from "./methods";
import { checkRequest, invalidArgument, missingArgument, readParams } from "./request";
import { responseKey, signedAnswerText, unsignedAnswerText, type Answer } from "./wire";

/**
 * The simulated Alipay gateway (`/api/sandbox/alipay/gateway.do`): server calls POST a form (the
 * SDK puts the common parameters in the query string), browsers GET the signed page.pay / wap.pay
 * URL. The app is found by app_id, the signature checked with its public key, the merchant's
 * faults applied, then the method runs; JSON answers are signed with the channel's key.
 */
export async function handleAlipaySandboxRequest(request: Request): Promise<Response> {
  const params = await readParams(request);
  const method = params.method ?? "";
  const answer = (body: Answer, channelPrivateKeyPem?: string) =>
    isBrowserMethod(method) ? errorPage(body) : json(channelPrivateKeyPem ? signedAnswerText(responseKey(method), body, channelPrivateKeyPem) : unsignedAnswerText(responseKey(method), body));

  if (!method) return json(unsignedAnswerText("error_response", missingArgument("isv.missing-method", "缺少方法名参数")));
  if (!isGatewayMethod(method)) return answer(invalidArgument("isv.invalid-method", "不存在的方法名"));
  if (!params.app_id) return answer(missingArgument("isv.missing-app-id", "缺少AppID参数"));
  const merchant = await findSandboxMerchant("alipay", params.app_id);
  if (!merchant) return answer(invalidArgument("isv.invalid-app-id", "无效的AppID参数"));

  const keys = openSandboxKeys(merchant);
  const refused = checkRequest(params, keys.merchantPublicKeyPem);
  if (refused) return answer(refused, keys.channelPrivateKeyPem);
  if ((await requestFaults(parseFaults(merchant.faults))).kind === "error") {
    return new Response("Service Currently Unavailable", { status: 500, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  const outcome = await runMethod({ merchant, params });
  if (outcome.kind === "redirect") return new Response(null, { status: 302, headers: { location: outcome.location } });
  return answer(outcome.answer, keys.channelPrivateKeyPem);
}

function json(text: string): Response {
  return new Response(text, { status: 200, headers: { "content-type": "application/json;charset=utf-8" } });
}

/** What the cashier shows a browser whose request fails (plain text: the message echoes request parameters). */
function errorPage(answer: Answer): Response {
  return new Response(`支付宝沙箱 · 错误代码 ${answer.sub_code}\n${answer.sub_msg}\n`, {
    status: 400,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}
