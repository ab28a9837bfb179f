import { lookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { isIP, type Socket } from "node:net";
import type { Duplex } from "node:stream";
import { Agent, buildConnector } from "undici";
import { inNetworks, isPublicAddress, type Network, parseNetwork } from "@/server/domain/ip-address";
import { loadEnv } from "@/server/env";

/**
 * The SSRF guard: every HTTP call PayCenter makes to an address a tenant chose (webhooks, the console's
 * test send, channel base URLs) goes through it.
 *
 * - LIVE: public addresses only — no loopback, private, link-local, unique-local, CGNAT, metadata.
 * - TEST: the same, plus the networks the operator lists in TEST_MODE_PRIVATE_NETWORKS (none by default).
 * - Either: PayCenter's own PUBLIC_BASE_URL origin, where the built-in sandbox lives.
 *
 * The check happens when the connection is made, not only when the URL is saved: the host is resolved
 * once, every address it resolves to is checked, and the socket connects to that checked address
 * (so a DNS answer that changes between the check and the connection — rebinding — cannot slip
 * through). Each redirect hop opens its own connection and is checked again.
 */

export type OutboundPolicy = {
  /** `host:port` origins reached whatever their addresses: PayCenter's own (the built-in sandbox). */
  trustedOrigins: readonly string[];
  /** Non-public networks reachable anyway (CIDR): the operator's choice, for TEST apps only. */
  privateNetworks: readonly string[];
  /** Name resolution; tests replace it to play a DNS server that changes its answers. */
  resolve?: (hostname: string) => Promise<string[]>;
};

/** A connection the guard refused: the request never left PayCenter. */
export class OutboundBlockedError extends Error {
  readonly code = "ERR_OUTBOUND_BLOCKED";
  constructor(message: string) {
    super(message);
    this.name = "OutboundBlockedError";
  }
}

const DEFAULT_PORTS: Record<string, string> = { "http:": "80", "https:": "443" };

function originKey(hostname: string, port: string | number): string {
  return `${hostname.replace(/^\[|\]$/g, "").toLowerCase()}:${port}`;
}

/** The policy for calls made for an app of this mode, from the environment. */
export function outboundPolicy(mode: "TEST" | "LIVE"): OutboundPolicy {
  const env = loadEnv();
  const own = new URL(env.PUBLIC_BASE_URL);
  return {
    trustedOrigins: [originKey(own.hostname, own.port || DEFAULT_PORTS[own.protocol])],
    privateNetworks: mode === "TEST" ? env.TEST_MODE_PRIVATE_NETWORKS : [],
  };
}

async function systemResolve(hostname: string): Promise<string[]> {
  return (await lookup(hostname, { all: true })).map((entry) => entry.address);
}

function networksOf(policy: OutboundPolicy): Network[] {
  return policy.privateNetworks.map((text) => parseNetwork(text)).filter((network): network is Network => network !== null);
}

/** Whether one resolved address may be connected to under the policy. */
export function addressAllowed(address: string, policy: OutboundPolicy): boolean {
  return isPublicAddress(address) || inNetworks(address, networksOf(policy));
}

const PRIVATE = "the host resolves to a private or loopback address";
const UNRESOLVED = "the host does not resolve";

/**
 * Where to connect for `hostname:port`: null for a trusted origin (connect as usual), otherwise one
 * address it resolved to, after every address it resolved to passed the policy. Throws OutboundBlockedError.
 */
export async function pinnedAddress(hostname: string, port: string | number, policy: OutboundPolicy): Promise<string | null> {
  const host = hostname.replace(/^\[|\]$/g, "");
  if (policy.trustedOrigins.includes(originKey(host, port))) return null;
  const addresses = isIP(host) ? [host] : await (policy.resolve ?? systemResolve)(host);
  if (addresses.length === 0) throw new OutboundBlockedError(`${UNRESOLVED}: ${host}`);
  const refused = addresses.find((address) => !addressAllowed(address, policy));
  if (refused) throw new OutboundBlockedError(`${PRIVATE}: ${host} → ${refused}`);
  // IPv4 first: the address family that reaches everywhere here
  return addresses.find((address) => isIP(address) === 4) ?? addresses[0];
}

/**
 * Whether a URL may be called, with the reason when not (shown to the merchant: "not a URL", "only
 * http and https", "the host does not resolve", "…private or loopback address"). The same rules as
 * at connection time, checked ahead so that a bad URL is refused when it is saved.
 */
export async function checkOutboundUrl(url: string, policy: OutboundPolicy): Promise<string | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "not a URL";
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return "only http and https";
  try {
    await pinnedAddress(parsed.hostname, parsed.port || DEFAULT_PORTS[parsed.protocol], policy);
    return null;
  } catch (error) {
    if (error instanceof OutboundBlockedError) return error.message.startsWith(UNRESOLVED) ? UNRESOLVED : PRIVATE;
    return UNRESOLVED;
  }
}

/** The guard's reason when a failed call was refused by it (fetch wraps it as the cause), else null. */
export function blockedReason(error: unknown): string | null {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof OutboundBlockedError) return cause.message;
  }
  return null;
}

const cacheKey = (policy: OutboundPolicy) => (policy.resolve ? null : JSON.stringify([policy.trustedOrigins, policy.privateNetworks]));

const dispatchers = new Map<string, Agent>();

/** An undici dispatcher (for `fetch` from "undici", and urllib under alipay-sdk) that connects only where the policy allows. */
export function guardedDispatcher(policy: OutboundPolicy): Agent {
  const key = cacheKey(policy);
  const cached = key ? dispatchers.get(key) : undefined;
  if (cached) return cached;
  const connect = buildConnector({});
  const agent = new Agent({
    connect(options, callback) {
      const port = options.port || DEFAULT_PORTS[options.protocol] || "";
      pinnedAddress(options.hostname, port, policy).then(
        (address) => {
          if (address === null) return connect(options, callback);
          // TLS still names (and verifies) the host the URL named
          const servername = options.servername ?? (isIP(options.hostname) ? undefined : options.hostname);
          connect({ ...options, hostname: address, servername }, callback);
        },
        (error: Error) => callback(error, null),
      );
    },
  });
  if (key) dispatchers.set(key, agent);
  return agent;
}

type ConnectionOptions = http.ClientRequestArgs & { servername?: string };
type CreateConnection = (options: ConnectionOptions) => Duplex;

/** node:http(s) agents (axios under wechatpay-axios-plugin) that connect only where the policy allows. */
function guardedNodeAgent<A extends http.Agent>(base: A, create: CreateConnection, policy: OutboundPolicy): A {
  base.createConnection = (options: ConnectionOptions, callback?: (error: Error | null, socket: Duplex) => void) => {
    const host = options.hostname ?? options.host ?? "localhost";
    const port = options.port ?? options.defaultPort ?? "";
    pinnedAddress(host, port, policy).then(
      (address) => {
        let socket: Duplex;
        try {
          // servername was set from the requested host before this call (Agent#createSocket); TLS verifies against it
          socket = create(address === null ? options : { ...options, host: address, hostname: address });
        } catch (error) {
          return callback?.(error as Error, undefined as unknown as Socket);
        }
        callback?.(null, socket);
      },
      (error: Error) => callback?.(error, undefined as unknown as Socket),
    );
    return undefined;
  };
  return base;
}

const nodeAgents = new Map<string, { httpAgent: http.Agent; httpsAgent: https.Agent }>();

export function guardedNodeAgents(policy: OutboundPolicy): { httpAgent: http.Agent; httpsAgent: https.Agent } {
  const key = cacheKey(policy);
  const cached = key ? nodeAgents.get(key) : undefined;
  if (cached) return cached;
  const plain = new http.Agent({ keepAlive: true });
  const secure = new https.Agent({ keepAlive: true });
  const plainCreate = http.Agent.prototype.createConnection.bind(plain) as unknown as CreateConnection;
  const secureCreate = https.Agent.prototype.createConnection.bind(secure) as unknown as CreateConnection;
  const agents = { httpAgent: guardedNodeAgent(plain, plainCreate, policy), httpsAgent: guardedNodeAgent(secure, secureCreate, policy) };
  if (key) nodeAgents.set(key, agents);
  return agents;
}
