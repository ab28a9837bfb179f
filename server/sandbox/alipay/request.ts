import { isChinaTime, signingContent, verifyRsa2, type Answer, type Params } from "./wire";

/** A gateway call's parameters: the URL's query and the form body together (the SDK splits them so). */
export async function readParams(request: Request): Promise<Params> {
  const params: Params = Object.fromEntries(new URL(request.url).searchParams);
  if (request.method === "POST") Object.assign(params, Object.fromEntries(new URLSearchParams(await request.text())));
  return params;
}

export function missingArgument(subCode: string, subMsg: string): Answer {
  return { code: "40001", msg: "Missing Required Arguments", sub_code: subCode, sub_msg: subMsg };
}

export function invalidArgument(subCode: string, subMsg: string): Answer {
  return { code: "40002", msg: "Invalid Arguments", sub_code: subCode, sub_msg: subMsg };
}

const REQUIRED: [name: string, subCode: string][] = [
  ["sign", "isv.missing-signature"],
  ["sign_type", "isv.missing-signature-type"],
  ["timestamp", "isv.missing-timestamp"],
  ["version", "isv.missing-version"],
];

/**
 * The gateway's checks of the common parameters, the signature last: every parameter but `sign`,
 * empty ones dropped, verified with the app's public key. Null when the call may proceed.
 */
export function checkRequest(params: Params, merchantPublicKeyPem: string): Answer | null {
  for (const [name, subCode] of REQUIRED) if (!params[name]) return missingArgument(subCode, `缺少参数 ${name}`);
  if (params.sign_type !== "RSA2") return invalidArgument("isv.invalid-signature-type", `无效的签名类型 ${params.sign_type}`);
  if (!isChinaTime(params.timestamp)) return invalidArgument("isv.invalid-timestamp", "非法的时间戳参数");
  const content = signingContent(params, ["sign"]);
  if (!verifyRsa2(content, params.sign, merchantPublicKeyPem)) {
    return invalidArgument(
      "isv.invalid-signature",
      `验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：${content}`,
    );
  }
  return null;
}
