import { checkOutboundUrl, outboundPolicy } from "@/server/net/outbound-guard";

export { isPublicAddress } from "@/server/domain/ip-address";

/**
 * Whether a notify URL (or a channel base URL) may be called for an app of this mode: http(s) only,
 * and every address its host resolves to allowed by the SSRF guard (server/net/outbound-guard.ts):
 * public hosts and PayCenter's own origin; for TEST apps also the private networks the operator
 * allows in TEST_MODE_PRIVATE_NETWORKS (none by default). Checked again at every connection.
 */
export async function checkNotifyUrl(url: string, mode: "TEST" | "LIVE"): Promise<string | null> {
  return checkOutboundUrl(url, outboundPolicy(mode));
}
