import { createHmac } from "node:crypto";
import { parseKey } from "@/server/domain/secret-box";
import { loadEnv } from "@/server/env";

/** The portal links' signing key: derived from the server's encryption key, never the key itself. */
export function portalKey(): Buffer {
  return createHmac("sha256", parseKey(loadEnv().PAYCENTER_ENCRYPTION_KEY)).update("paycenter.portal-link.v1").digest();
}
