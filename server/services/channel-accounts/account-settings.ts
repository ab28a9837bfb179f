import type { z } from "zod";
import type { ChannelPlugin } from "@/server/channels/types";
import { loadEnv } from "@/server/env";
import { AppError } from "@/server/errors";
import { checkNotifyUrl } from "@/server/services/webhooks/notify-url-guard";

/** The built-in sandbox's URL for a channel (what TEST apps use when no override is set). */
export function sandboxBaseUrl(plugin: ChannelPlugin<unknown>): string {
  return `${loadEnv().PUBLIC_BASE_URL}${plugin.sandboxPath}`;
}

/**
 * A base URL override: http(s), and either the built-in sandbox (for a LIVE app, a rehearsal) or an
 * address the SSRF guard lets the app's mode reach: public hosts only — for TEST apps also the
 * private networks the operator allows (TEST_MODE_PRIVATE_NETWORKS). PayCenter will not send signed
 * calls into a private network for a tenant; every call is checked again when it connects.
 */
export async function checkBaseUrl(baseUrl: string, mode: "TEST" | "LIVE", plugin: ChannelPlugin<unknown>): Promise<string | null> {
  if (baseUrl === "") return null;
  const normalized = baseUrl.replace(/\/+$/, "");
  if (normalized !== sandboxBaseUrl(plugin)) {
    const problem = await checkNotifyUrl(normalized, mode);
    if (problem) throw new AppError("VALIDATION_FAILED", problem.includes("private") ? "baseUrlPrivate" : problem.includes("resolve") ? "baseUrlUnresolved" : "urlInvalid", { field: "baseUrl" });
  }
  return normalized;
}

/** The modes the plugin offers, or a field error naming the first it does not. */
export function checkModes(modes: string[], plugin: ChannelPlugin<unknown>): string[] {
  const unknown = modes.find((mode) => !(plugin.modes as readonly string[]).includes(mode));
  if (unknown) throw new AppError("VALIDATION_FAILED", "modeUnsupported", { field: "modes" });
  return [...new Set(modes)];
}

/**
 * Credentials validated by the plugin's own schema — its LIVE schema where `live` (a real account's
 * required fields) — and its issues come back per field (`credentials.<name>`).
 */
export function parseCredentials(plugin: ChannelPlugin<unknown>, credentials: Record<string, string>, live = false): unknown {
  const schema = (live && plugin.liveCredentialsSchema) || plugin.credentialsSchema;
  const parsed = (schema as z.ZodType).safeParse(credentials);
  if (!parsed.success) throw new AppError("VALIDATION_FAILED", "credentialsInvalid", { field: "credentials", cause: parsed.error });
  return parsed.data;
}

/** Whether a LIVE account's stored credentials already meet the plugin's LIVE schema (then an edit must keep them so). */
export function meetsLiveSchema(plugin: ChannelPlugin<unknown>, stored: Record<string, unknown> | null): boolean {
  return Boolean(plugin.liveCredentialsSchema?.safeParse(stored ?? {}).success);
}
