import { fetch } from "undici";
import { loadEnv } from "@/server/env";
import { blockedReason, guardedDispatcher, type OutboundPolicy } from "@/server/net/outbound-guard";

const TIMEOUT_MS = 10_000;

/** A robot did not take the message; `message` says why in words an operator can act on. */
export class NotifierError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotifierError";
  }
}

/**
 * Where alert robots may be reached: public addresses only, plus the networks an operator lists in
 * TEST_MODE_PRIVATE_NETWORKS (test installations and the test suites: a receiver on localhost). Robot URLs
 * are chosen by merchants, so the SSRF guard applies to every connection (server/net/outbound-guard.ts).
 */
export function robotPolicy(): OutboundPolicy {
  return { trustedOrigins: [], privateNetworks: loadEnv().TEST_MODE_PRIVATE_NETWORKS };
}

/**
 * POSTs a robot message and checks the robot's answer: HTTP 2xx and `errcode` 0 (DingTalk and WeCom
 * both answer 200 with an errcode; 130101 / 90030 mean "over 20 a minute"). Redirects are never followed
 * (a redirect to a private address would otherwise get around the guard).
 */
export async function postRobot(url: string, body: unknown, policy: OutboundPolicy = robotPolicy()): Promise<void> {
  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      redirect: "manual",
      dispatcher: guardedDispatcher(policy),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: { "content-type": "application/json;charset=utf-8" },
      body: JSON.stringify(body),
    });
  } catch (error) {
    if ((error as Error).name === "TimeoutError") throw new NotifierError(`no answer within ${TIMEOUT_MS / 1000} s`);
    throw new NotifierError(blockedReason(error) ?? (error as Error).message);
  }
  const text = (await response.text()).slice(0, 500);
  if (response.status < 200 || response.status > 299) throw new NotifierError(`HTTP ${response.status}: ${text.slice(0, 200)}`);
  let answer: { errcode?: unknown; errmsg?: unknown };
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    throw new NotifierError(`not a robot answer: ${text.slice(0, 200)}`);
  }
  if (answer.errcode !== 0) throw new NotifierError(`errcode ${String(answer.errcode)}: ${String(answer.errmsg ?? "")}`.slice(0, 300));
}
