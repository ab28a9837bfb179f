import { randomBytes } from "node:crypto";
import { sign, stringToSign } from "@/server/domain/open-api-signature";
import type { HttpCase } from "./requests";

/** Every request must be answered within this (issue #13). */
export const ANSWER_WITHIN_MS = 10_000;

export type Outcome = { status: number; ms: number; problem?: string; /** The first 2,000 characters of the answer. */ text?: string };

/** What is wrong with an answer, if anything: no answer in time, a 5xx, or a missing envelope where one is promised. */
function problemOf(c: HttpCase, pathname: string, status: number, text: string): string | undefined {
  if (status >= 500) return `${status}: ${text.slice(0, 200)}`;
  // the envelope is the Open API's (and the licence route's) promise: where the URL, once normalised (`%2e%2e`), still leads
  if (!c.envelope || status < 400 || c.method === "HEAD" || !/^\/api\/(v1|merchants)(\/|$)/.test(pathname)) return undefined;
  try {
    const body = JSON.parse(text);
    if (typeof body?.error?.code !== "string" || !/^[A-Z_]+$/.test(body.error.code) || typeof body.requestId !== "string" || !body.requestId) {
      return `${status} without the envelope: ${text.slice(0, 200)}`;
    }
  } catch {
    return `${status} not JSON: ${text.slice(0, 200)}`;
  }
  return undefined;
}

/** Sends a case (signing it now if it asks to be signed) and judges the answer. */
export async function sendCase(baseUrl: string, c: HttpCase, extraHeaders: Record<string, string> = {}): Promise<Outcome> {
  const url = new URL(`${baseUrl}${c.path}`);
  const headers: Record<string, string> = { ...extraHeaders, ...c.headers };
  const body = c.method === "GET" || c.method === "HEAD" ? undefined : c.body;
  if (c.signAs) {
    const timestamp = headers["x-timestamp"] ?? String(Math.floor(Date.now() / 1000));
    const nonce = headers["x-nonce"] ?? randomBytes(12).toString("hex");
    const raw = body === undefined ? "" : typeof body === "string" ? body : Buffer.from(body);
    Object.assign(headers, {
      "x-app-id": c.signAs.id,
      "x-timestamp": timestamp,
      "x-nonce": nonce,
      "x-signature": sign(c.signAs.secret, stringToSign(c.method, url.pathname + url.search, timestamp, nonce, raw)),
      ...c.headers,
    });
  }
  const started = performance.now();
  try {
    const response = await fetch(url, { method: c.method, headers, body: body as BodyInit | undefined, redirect: "manual", signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
    const text = await response.text();
    return { status: response.status, ms: performance.now() - started, problem: problemOf(c, url.pathname, response.status, text), text: text.slice(0, 2000) };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    return { status: 0, ms: performance.now() - started, problem: `no answer (${cause})` };
  }
}

/** Counts by area and status, and the first failures with the request that caused them. */
export class Tally {
  readonly requests = new Map<string, number>();
  readonly statuses = new Map<number, number>();
  readonly failures: string[] = [];
  slowestMs = 0;
  slowest = "";

  record(c: HttpCase | { area: string; method: string; path: string }, outcome: Outcome): void {
    this.requests.set(c.area, (this.requests.get(c.area) ?? 0) + 1);
    this.statuses.set(outcome.status, (this.statuses.get(outcome.status) ?? 0) + 1);
    if (outcome.ms > this.slowestMs) [this.slowestMs, this.slowest] = [outcome.ms, `${c.area} ${c.method} ${c.path.slice(0, 120)} (${outcome.status})`];
    if (!outcome.problem) return;
    const line = `${c.area} ${c.method} ${c.path.slice(0, 160)} → ${outcome.problem}`;
    // 5xx and unanswered requests first: they are the worst, and a long list of the rest must not hide them
    if (outcome.status >= 500 || outcome.status === 0) this.failures.unshift(line);
    else this.failures.push(line);
    this.failures.length = Math.min(this.failures.length, 100);
  }

  get total(): number {
    return [...this.requests.values()].reduce((a, b) => a + b, 0);
  }

  get serverErrors(): number {
    return [...this.statuses].filter(([status]) => status >= 500).reduce((sum, [, n]) => sum + n, 0);
  }

  summary(): string {
    const areas = [...this.requests].map(([area, n]) => `${area} ${n}`).join(", ");
    const statuses = [...this.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(" ");
    return `${this.total} requests (${areas}); statuses ${statuses}; 5xx: ${this.serverErrors}; slowest ${Math.round(this.slowestMs)} ms (${this.slowest}); failures: ${this.failures.length}`;
  }
}

/** Runs cases `concurrency` at a time. */
export async function runCases(cases: HttpCase[], concurrency: number, send: (c: HttpCase) => Promise<Outcome>, tally: Tally): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < cases.length) {
        const c = cases[next++];
        tally.record(c, await send(c));
      }
    }),
  );
}
