import type { OutboundPolicy } from "@/server/net/outbound-guard";

/** For channel contexts built by hand in tests whose fake channel listens on this machine's loopback. */
export const LOOPBACK_ALLOWED: OutboundPolicy = { trustedOrigins: [], privateNetworks: ["127.0.0.0/8", "::1/128"] };
